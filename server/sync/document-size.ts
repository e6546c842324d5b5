/**
 * Keeps a room's document under its maximum size without encoding it on every write: an estimate from above
 * (the last measured size plus every update applied since; an update never grows the encoded document by
 * more than its own size, give or take a few bytes of headers) and an exact measure only when the estimate
 * would pass the cap.
 */
export class DocumentSize {
  private estimate: number;

  constructor(
    private readonly maxBytes: number,
    initialEstimate: number,
    private readonly measure: () => number,
  ) {
    this.estimate = initialEstimate;
  }

  /** Whether a write of `bytes` keeps the document within the cap. */
  admits(bytes: number): boolean {
    if (this.estimate + bytes <= this.maxBytes) return true;
    this.estimate = this.measure();
    return this.estimate + bytes <= this.maxBytes;
  }

  /** An update of `bytes` was applied. */
  grew(bytes: number): void {
    this.estimate += bytes;
  }
}
