import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeAwarenessUpdate, voucher } from '../../server/protocol/awareness';
import { RoomAwareness } from '../../server/sync/room-awareness';
import {
  decodeClientMessage,
  encodeAwarenessMessage,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
} from '../../server/protocol/messages';
import { REJECT_CLOSE_CODES } from '../../server/protocol/reject';
import { inspectUpdate } from '../../server/protocol/update';

const bytes = (...values: number[]) => new Uint8Array(values);
const json = (value: unknown) => [...new TextEncoder().encode(JSON.stringify(value))];

/** A document exercising every content kind Yjs writes: strings, any, JSON-less types, XML, formats, binary. */
function richUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set('n', 1.5);
  doc.getMap('m').set('o', { a: [1, 'x', null, true], b: 2n ** 40n });
  doc.getMap('m').set('bin', new Uint8Array([1, 2, 3]));
  doc.getMap('m').set('sub', new Y.Doc());
  doc.getArray('a').insert(0, [1, 2, 3, new Y.Map(), new Y.Array()]);
  doc.getArray('a').delete(1, 1);
  const text = doc.getText('t');
  text.insert(0, 'Harbour at dawn');
  text.format(0, 7, { bold: true });
  text.insertEmbed(3, { image: 'card.png' });
  text.delete(2, 3);
  const xml = doc.getXmlFragment('x');
  const element = new Y.XmlElement('p');
  element.setAttribute('class', 'shot');
  xml.insert(0, [element, new Y.XmlText('hi'), new Y.XmlHook('hook') as unknown as Y.XmlText]);
  return Y.encodeStateAsUpdate(doc);
}

describe('decodeClientMessage: byte fixtures', () => {
  it.each([
    ['sync step 1, empty state vector', [0, 0, 1, 0], { type: 'sync-step1', clients: 0 }],
    ['sync step 1, one client', [0, 0, 3, 1, 5, 7], { type: 'sync-step1', clients: 1 }],
    ['sync step 2, empty update', [0, 1, 2, 0, 0], { type: 'sync-step2', empty: true }],
    ['sync update, delete set only', [0, 2, 6, 0, 1, 9, 1, 0, 2], { type: 'sync-update', empty: false }],
    ['query awareness', [3], { type: 'query-awareness' }],
  ] as const)('accepts %s', (_name, frame, expected) => {
    const result = decodeClientMessage(bytes(...frame));
    expect(result).toMatchObject({ ok: true, message: expected });
  });

  it('accepts awareness and keeps every entry', () => {
    const state = json({ cursor: 3 });
    const frame = bytes(1, state.length + 4, 1, 7, 2, state.length, ...state);
    expect(decodeClientMessage(frame)).toEqual({
      ok: true,
      message: {
        type: 'awareness',
        entries: [
          { clientId: 7, clock: 2, state: { cursor: 3 }, bytes: state.length + 1, text: '{"cursor":3}' },
        ],
      },
    });
  });

  const bad = (s: string) => [...new TextEncoder().encode(s)];
  it.each([
    ['empty frame', [], 'truncated'],
    ['truncated varint', [0x80], 'truncated'],
    ['varint over 2^53', [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], 'varint-out-of-range'],
    ['unknown message type', [9], 'unknown-message-type'],
    ['auth from a client', [2, 0], 'unknown-message-type'],
    ['unknown sync type', [0, 3, 0], 'unknown-sync-type'],
    ['payload longer than the frame', [0, 2, 10, 0, 0], 'truncated'],
    ['trailing bytes after a sync message', [0, 1, 2, 0, 0, 0], 'trailing-bytes'],
    ['trailing bytes inside an update', [0, 2, 3, 0, 0, 0], 'trailing-bytes'],
    ['update cut short', [0, 2, 1, 1], 'invalid-update'],
    ['unknown content ref', [0, 2, 7, 1, 1, 1, 0, 11, 1, 0], 'invalid-update'],
    ['zero-length delete range', [0, 2, 6, 0, 1, 9, 1, 0, 0], 'invalid-update'],
    ['state vector with trailing bytes', [0, 0, 2, 0, 0], 'trailing-bytes'],
    ['state vector cut short', [0, 0, 2, 1, 5], 'invalid-state-vector'],
    ['trailing bytes after query awareness', [3, 0], 'trailing-bytes'],
    ['awareness state not JSON', [1, 6, 1, 7, 1, 2, ...bad('{x')], 'invalid-awareness'],
    ['awareness state an array', [1, 6, 1, 7, 1, 2, ...bad('[]')], 'invalid-awareness'],
    ['awareness count beyond the bytes', [1, 2, 100, 0], 'invalid-awareness'],
    ['awareness state not UTF-8', [1, 6, 1, 7, 1, 2, 0xc3, 0x28], 'invalid-awareness'],
    ['update string not UTF-8', [0, 2, 12, 1, 1, 1, 0, 4, 1, 1, 0x41, 2, 0xff, 0, 0], 'invalid-update'],
  ] as const)('rejects %s (%j) as %s', (_name, frame, reason) => {
    const result = decodeClientMessage(bytes(...frame));
    expect(result).toMatchObject({ ok: false, reason });
    expect(REJECT_CLOSE_CODES[reason]).toBe(4400);
  });

  it('encodes the frames y-websocket expects', () => {
    expect([...encodeSyncStep1(bytes(0))]).toEqual([0, 0, 1, 0]);
    expect([...encodeSyncStep2(bytes(0, 0))]).toEqual([0, 1, 2, 0, 0]);
    expect([...encodeSyncUpdate(bytes(0, 0))]).toEqual([0, 2, 2, 0, 0]);
    expect([...encodeAwarenessMessage(bytes(0))]).toEqual([1, 1, 0]);
    expect([...encodeQueryAwareness()]).toEqual([3]);
  });
});

describe('inspectUpdate against real Yjs updates', () => {
  it('accepts every content kind Yjs writes, and merged updates with skips', () => {
    const update = richUpdate();
    expect(inspectUpdate(update)).toMatchObject({ ok: true });
    const a = new Y.Doc();
    a.getText('t').insert(0, 'one');
    const first = Y.encodeStateAsUpdate(a);
    a.getText('t').insert(3, ' two');
    const sv = Y.encodeStateVector(a);
    a.getText('t').insert(7, ' three');
    const gap = Y.mergeUpdates([first, Y.encodeStateAsUpdate(a, sv)]);
    expect(inspectUpdate(gap)).toMatchObject({ ok: true });
    expect(inspectUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toEqual({ ok: true, structs: 0, deletes: 0 });
  });

  it('rejects every strict prefix and any extra byte of a valid update', () => {
    const update = richUpdate();
    for (let length = 0; length < update.length; length++) {
      expect(inspectUpdate(update.subarray(0, length)), `prefix of ${length}`).toMatchObject({ ok: false });
    }
    const padded = new Uint8Array(update.length + 1);
    padded.set(update);
    expect(inspectUpdate(padded)).toMatchObject({ ok: false, reason: 'trailing-bytes' });
  });

  it('never throws on random bytes and agrees with Yjs when it accepts them', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 256;
    const update = richUpdate();
    for (let round = 0; round < 5_000; round++) {
      const mutated = update.slice();
      for (let flips = 0; flips < 3; flips++)
        mutated[Math.floor((random() / 256) * mutated.length)] = random() | 0;
      const result = inspectUpdate(mutated);
      if (result.ok) expect(() => Y.applyUpdate(new Y.Doc(), mutated), `seed round ${round}`).not.toThrow();
    }
  });
});

describe('awareness user stamping', () => {
  it("replaces whatever user a client claimed with the token's, and leaves removals alone", () => {
    const room = new RoomAwareness();
    const tab = {};
    const vouch = voucher({ id: 'm1', name: 'Casey', role: 'crew' });
    room.apply([{ clientId: 2, clock: 4, state: { cursor: 1 } }], tab, 0, undefined, vouch);
    const entries = [
      { clientId: 1, clock: 4, state: { user: { name: 'Mallory', role: 'producer' }, cursor: 9 } },
      { clientId: 2, clock: 5, state: null },
    ];
    const stamped = room.apply(entries, tab, 1, undefined, vouch);
    expect(stamped).toEqual([
      { clientId: 1, clock: 4, state: { user: { id: 'm1', name: 'Casey', role: 'crew' }, cursor: 9 } },
      { clientId: 2, clock: 5, state: null },
    ]);
    const frame = encodeAwarenessMessage(encodeAwarenessUpdate(stamped));
    // toMatchObject: the decoder adds each state's size in the frame.
    expect(decodeClientMessage(frame)).toMatchObject({
      ok: true,
      message: { type: 'awareness', entries: stamped },
    });
  });
});

describe('awareness echoes', () => {
  it('[AW3] entries the room already holds are skipped unread: older clocks, and the same clock unless it removes', () => {
    const frame = encodeAwarenessMessage(
      encodeAwarenessUpdate([
        { clientId: 1, clock: 4, state: { board: 'old' } },
        { clientId: 2, clock: 5, state: { board: 'same' } },
        { clientId: 3, clock: 5, state: null },
        { clientId: 4, clock: 6, state: { board: 'new' } },
      ]),
    );
    const result = decodeClientMessage(frame, () => 5);
    expect(result).toMatchObject({
      ok: true,
      message: {
        type: 'awareness',
        entries: [
          { clientId: 3, clock: 5, state: null },
          { clientId: 4, clock: 6, state: { board: 'new' } },
        ],
      },
    });
    // Unread means unparsed: a broken echo changes nothing and is not worth a close.
    const notJson = [...new TextEncoder().encode('{nope')];
    const broken = bytes(1, 4 + notJson.length, 1, 7, 1, notJson.length, ...notJson);
    expect(decodeClientMessage(broken)).toMatchObject({ ok: false, reason: 'invalid-awareness' });
    expect(decodeClientMessage(broken, () => 2)).toMatchObject({ ok: true, message: { entries: [] } });
  });
});
