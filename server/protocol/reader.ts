/**
 * A bounds-checked reader for the lib0 encodings y-websocket uses. lib0's own decoder trusts its input (a
 * length past the end is clamped, a byte past the end reads as undefined), which is right for a client
 * reading its server and wrong for a server reading the network: here every read past the end, every varint
 * over 2^53 and every unknown tag throws a DecodeError naming the reject reason.
 */
import type { RejectReason } from './reject';

export class DecodeError extends Error {
  override name = 'DecodeError';
  constructor(
    readonly reason: RejectReason,
    message: string,
  ) {
    super(message);
  }
}

/** Fatal like lib0's decoder: Yjs throws mid-apply on a string that is not UTF-8, so refuse it here. */
const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Nesting deeper than this in an any-encoded value is refused rather than recursed into. */
const MAX_ANY_DEPTH = 64;

export class Reader {
  pos = 0;
  /** @param invalid the reason for content that decodes but makes no sense (a bad string, an unknown tag) */
  constructor(
    readonly bytes: Uint8Array,
    private readonly invalid: RejectReason,
  ) {}

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  uint8(): number {
    if (this.pos >= this.bytes.length)
      throw new DecodeError('truncated', `byte ${this.pos}: frame ends early`);
    return this.bytes[this.pos++]!;
  }

  varUint(): number {
    let num = 0;
    let mult = 1;
    for (;;) {
      const byte = this.uint8();
      num += (byte & 0x7f) * mult;
      if (byte < 0x80) return num;
      mult *= 128;
      if (num > Number.MAX_SAFE_INTEGER || mult > 2 ** 56) {
        throw new DecodeError('varint-out-of-range', `byte ${this.pos}: varint over 2^53`);
      }
    }
  }

  /** lib0's signed varint: sign and six bits in the first byte, then seven bits a byte. */
  varInt(): number {
    const first = this.uint8();
    let num = first & 0x3f;
    if (first < 0x80) return num;
    let mult = 64;
    for (;;) {
      const byte = this.uint8();
      num += (byte & 0x7f) * mult;
      if (byte < 0x80) return first & 0x40 ? -num : num;
      mult *= 128;
      if (num > Number.MAX_SAFE_INTEGER || mult > 2 ** 56) {
        throw new DecodeError('varint-out-of-range', `byte ${this.pos}: varint over 2^53`);
      }
    }
  }

  bytesOf(length: number): Uint8Array {
    if (length > this.remaining) {
      throw new DecodeError(
        'truncated',
        `byte ${this.pos}: ${length} byte(s) announced, ${this.remaining} left`,
      );
    }
    const view = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return view;
  }

  varBytes(): Uint8Array {
    return this.bytesOf(this.varUint());
  }

  varString(): string {
    const bytes = this.varBytes();
    try {
      return utf8.decode(bytes);
    } catch {
      throw new DecodeError(this.invalid, `byte ${this.pos - bytes.length}: string is not UTF-8`);
    }
  }

  /** Skips one lib0 any-encoded value (the encoding of Y.Map and Y.Array values). */
  skipAny(depth = 0): void {
    if (depth > MAX_ANY_DEPTH) throw new DecodeError(this.invalid, `byte ${this.pos}: value nested too deep`);
    const tag = this.uint8();
    switch (tag) {
      case 127: // undefined
      case 126: // null
      case 121: // false
      case 120: // true
        return;
      case 125:
        this.varInt();
        return;
      case 124: // float32
        this.bytesOf(4);
        return;
      case 123: // float64
      case 122: // bigint64
        this.bytesOf(8);
        return;
      case 119:
        this.varString();
        return;
      case 118: {
        const keys = this.varUint();
        for (let i = 0; i < keys; i++) {
          this.varString();
          this.skipAny(depth + 1);
        }
        return;
      }
      case 117: {
        const items = this.varUint();
        for (let i = 0; i < items; i++) this.skipAny(depth + 1);
        return;
      }
      case 116: // Uint8Array
        this.varBytes();
        return;
      default:
        throw new DecodeError(this.invalid, `byte ${this.pos - 1}: unknown value tag ${tag}`);
    }
  }

  /** Throws unless every byte was read. */
  end(what: string): void {
    if (this.remaining > 0) {
      throw new DecodeError('trailing-bytes', `${what}: ${this.remaining} byte(s) after its end`);
    }
  }
}
