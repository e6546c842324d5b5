import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeClientMessage } from '../../server/protocol/messages';
import { FreshAnswer } from '../../server/sync/fresh-answer';

/** What a fresh client holds after the frames, in the order they are sent. */
function received(frames: Buffer[]): Y.Doc {
  const doc = new Y.Doc();
  for (const frame of frames) {
    const decoded = decodeClientMessage(frame);
    if (!decoded.ok) throw new Error(`bad frame: ${decoded.reason}`);
    const message = decoded.message;
    if (message.type !== 'sync-step2' && message.type !== 'sync-update') throw new Error(message.type);
    Y.applyUpdate(doc, message.update);
  }
  return doc;
}

const shots = (doc: Y.Doc) => doc.getMap('shots').toJSON();

describe('FreshAnswer', () => {
  it('base plus the client updates since always equals the document, with the step 2 last', () => {
    const server = new Y.Doc();
    const answer = new FreshAnswer();
    let encodes = 0;
    const encode = () => {
      encodes++;
      return Y.encodeStateAsUpdate(server);
    };
    server.getMap('shots').set('1A', 'WS');
    for (let i = 0; i < 100; i++) {
      // A tablet edits (possibly building on a shot another tablet just added)...
      const tablet = new Y.Doc();
      Y.applyUpdate(tablet, Y.encodeStateAsUpdate(server));
      const before = Y.encodeStateVector(tablet);
      tablet.getMap('shots').set(`${i}B`, `take ${i}`);
      if (i % 3 === 0) tablet.getMap('shots').delete('1A');
      const update = Y.encodeStateAsUpdate(tablet, before);
      Y.applyUpdate(server, update);
      answer.extend(update);
      // ...and a fresh tablet joins.
      const frames = answer.frames(encode);
      expect(frames.at(-1)![1]).toBe(1); // sync step 2 last: "synced" comes with everything
      expect(shots(received(frames))).toEqual(shots(server));
    }
    // The base is re-encoded when the tail grows, not on every join.
    expect(encodes).toBeGreaterThan(1);
    expect(encodes).toBeLessThan(20);
  });

  it('a bulk write after the base travels as it arrived: base first, no update left pending, no encode', () => {
    const server = new Y.Doc();
    server.getMap('shots').set('1A', 'WS');
    const answer = new FreshAnswer();
    let encodes = 0;
    const encode = () => {
      encodes++;
      return Y.encodeStateAsUpdate(server);
    };
    answer.frames(encode); // a tablet joined fresh before the list was written
    // A writer sends a 20-part list (about 2 MB), each part building on the last and on the base.
    const writer = new Y.Doc();
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(server));
    for (let part = 0; part < 20; part++) {
      const before = Y.encodeStateVector(writer);
      writer.transact(() => {
        for (let i = 0; i < 500; i++)
          writer
            .getMap('shots')
            .set(`${part}-${i}`, `Scene ${part}: WS harbour at dawn, take ${i}`.repeat(3));
      });
      const update = Y.encodeStateAsUpdate(writer, before);
      Y.applyUpdate(server, update);
      answer.extend(update);
    }
    const frames = answer.frames(encode);
    expect(encodes).toBe(1);
    expect(frames).toHaveLength(22);
    const client = new Y.Doc();
    for (const frame of frames.slice(0, -1)) {
      const decoded = decodeClientMessage(frame);
      if (!decoded.ok || decoded.message.type !== 'sync-update') throw new Error('expected an update');
      Y.applyUpdate(client, decoded.message.update);
      expect(client.store.pendingStructs).toBeNull(); // each part found what it builds on
    }
    expect(frames.at(-1)![1]).toBe(1);
    expect(shots(client)).toEqual(shots(server));
  });

  it('after a reset the next answer is the document encoded afresh', () => {
    const server = new Y.Doc();
    const answer = new FreshAnswer();
    server.getMap('shots').set('1A', 'WS');
    answer.frames(() => Y.encodeStateAsUpdate(server));
    server.getMap('shots').set('1B', 'CU'); // a server edit: not a client update the answer could carry
    answer.reset();
    const frames = answer.frames(() => Y.encodeStateAsUpdate(server));
    expect(frames).toHaveLength(2); // the base, and the step 2 that says "synced"
    expect(shots(received(frames))).toEqual({ '1A': 'WS', '1B': 'CU' });
  });
});
