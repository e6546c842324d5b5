import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/close-codes';
import { DEFAULT_PERMISSIONS } from '../../shared/boards';
import { connect, expectPoll, startSync, storedDoc, synced, upgradeStatus } from './helpers';

const wait = { timeout: 10_000 };

describe('sync over the stock y-websocket provider', () => {
  it('two writers converge on concurrent edits, and a late joiner receives the whole state', async () => {
    const server = await startSync();
    const { tokens } = server.backend.team;
    const a = connect(server, 'shotlist', tokens.director);
    const b = connect(server, 'shotlist', tokens.ad);
    await Promise.all([synced(a.provider), synced(b.provider)]);

    a.doc.getArray<string>('shots').insert(0, ['12A']);
    b.doc.getArray<string>('shots').insert(0, ['12B']);
    a.doc.getMap('status').set('12A', 'done');
    b.doc.getMap('status').set('12A', 'shooting');

    await vi.waitFor(() => {
      expect(a.doc.getArray('shots').toJSON()).toHaveLength(2);
      expect(b.doc.getArray('shots').toJSON()).toEqual(a.doc.getArray('shots').toJSON());
      expect(b.doc.getMap('status').toJSON()).toEqual(a.doc.getMap('status').toJSON());
    }, wait);

    const late = connect(server, 'shotlist', tokens.crew);
    await synced(late.provider);
    await vi.waitFor(() =>
      expect(late.doc.getArray('shots').toJSON()).toEqual(a.doc.getArray('shots').toJSON()),
    );
    expect(late.doc.getMap('status').toJSON()).toEqual(a.doc.getMap('status').toJSON());
  });

  it('stores and relays a server-side change made through withDocument, resolving once it is durable', async () => {
    const server = await startSync();
    const reader = connect(server, 'schedule', server.backend.team.tokens.crew);
    await synced(reader.provider);
    const docName = server.docName('schedule');
    const size = await server.sync.withDocument(docName, (doc) => {
      doc.getMap('days').set('d1', 'Harbour');
      return doc.getMap('days').size;
    });
    expect(size).toBe(1);
    expect((await storedDoc(server.backend.store, docName)).getMap('days').get('d1')).toBe('Harbour');
    await vi.waitFor(() => expect(reader.doc.getMap('days').get('d1')).toBe('Harbour'), wait);
  });

  it('merges an edit made offline when the writer reconnects', async () => {
    const server = await startSync();
    const { tokens } = server.backend.team;
    const a = connect(server, 'breakdown', tokens.producer);
    const b = connect(server, 'breakdown', tokens.ad);
    await Promise.all([synced(a.provider), synced(b.provider)]);

    a.provider.disconnect();
    a.doc.getMap('scenes').set('12', { set: 'Harbour', eighths: 11 });
    b.doc.getMap('scenes').set('13', { set: 'Boat', eighths: 3 });
    a.provider.connect();

    await vi.waitFor(() => {
      expect(b.doc.getMap('scenes').get('12')).toEqual({ set: 'Harbour', eighths: 11 });
      expect(a.doc.getMap('scenes').get('13')).toEqual({ set: 'Boat', eighths: 3 });
    }, wait);
    await vi.waitFor(async () => {
      const stored = await storedDoc(server.backend.store, server.docName('breakdown'));
      expect(stored.getMap('scenes').toJSON()).toEqual(a.doc.getMap('scenes').toJSON());
    }, wait);
  });

  it("drops a reader's writes (no one else, no store) and stamps its awareness with the token's user", async () => {
    const server = await startSync();
    const { tokens, principals } = server.backend.team;
    const writer = connect(server, 'schedule', tokens.ad);
    const reader = connect(server, 'schedule', tokens.crew);
    await Promise.all([synced(writer.provider), synced(reader.provider)]);

    reader.doc.getMap('days').set('forged', 'by a reader');
    reader.provider.awareness.setLocalStateField('user', { id: 'x', name: 'Mallory', role: 'producer' });
    writer.doc.getMap('days').set('day1', 'Harbour');

    // The writer's later edit arrives at the reader, the reader's never arrives at the writer.
    await vi.waitFor(() => expect(reader.doc.getMap('days').get('day1')).toBe('Harbour'), wait);
    await vi.waitFor(() => {
      const seen = writer.provider.awareness.getStates().get(reader.doc.clientID) as
        { user?: unknown } | undefined;
      expect(seen?.user).toEqual({ id: principals.crew.memberId, name: 'crew person', role: 'crew' });
    }, wait);
    expect(writer.doc.getMap('days').has('forged')).toBe(false);
    const stored = await storedDoc(server.backend.store, server.docName('schedule'));
    expect(stored.getMap('days').toJSON()).toEqual({ day1: 'Harbour' });
    expect(await server.metrics.rejectedFrames.get()).toMatchObject({
      values: expect.arrayContaining([expect.objectContaining({ labels: { reason: 'read-only' } })]),
    });
    // Dropped, not closed: the reader stays connected.
    expect(reader.closes).toEqual([]);
  });

  it('refuses upgrades with 401, 403 and 404 before a WebSocket exists', async () => {
    const server = await startSync();
    const { tokens, productionId } = server.backend.team;
    const base = `ws://127.0.0.1:${server.port}/sync`;
    expect(await upgradeStatus(`${base}/${productionId}/breakdown`)).toBe(401);
    expect(await upgradeStatus(`${base}/${productionId}/breakdown?token=nope`)).toBe(401);
    // Crew may not open the cost report.
    expect(await upgradeStatus(`${base}/${productionId}/costreport?token=${tokens.crew}`)).toBe(403);
    expect(await upgradeStatus(`${base}/${productionId}/nosuchboard?token=${tokens.crew}`)).toBe(404);
    expect(await upgradeStatus(`${base}/no-such-production/breakdown?token=${tokens.crew}`)).toBe(404);
    expect(
      await upgradeStatus(`${base}/${productionId}/costreport`, { authorization: `Bearer ${tokens.crew}` }),
    ).toBe(403);
    expect(server.sync.stats().connections).toBe(0);
  });

  it('closes a revoked member within a second, and applies permission changes to live sockets', async () => {
    const server = await startSync();
    const { tokens, principals, productionId } = server.backend.team;
    const { directory, controlBus } = server.backend;
    const director = connect(server, 'shotlist', tokens.director);
    const ad = connect(server, 'shotlist', tokens.ad);
    const crew = connect(server, 'shotlist', tokens.crew);
    await Promise.all([synced(director.provider), synced(ad.provider), synced(crew.provider)]);

    await directory.revokeMember(productionId, principals.crew.memberId);
    const revokedAt = Date.now();
    await controlBus.publish({ type: 'member-revoked', productionId, memberId: principals.crew.memberId });
    await vi.waitFor(() => expect(crew.closes).toContain(CloseCode.Unauthorized), { timeout: 1_000 });
    expect(Date.now() - revokedAt).toBeLessThan(1_000);
    crew.provider.disconnect();

    // Director: write -> read. AD: write -> none.
    const permissions = structuredClone(DEFAULT_PERMISSIONS);
    permissions.director.shotlist = 'read';
    permissions.ad.shotlist = 'none';
    await directory.setPermissions(productionId, permissions);
    await controlBus.publish({ type: 'permissions-changed', productionId, permissions });
    await vi.waitFor(() => expect(ad.closes).toContain(CloseCode.Forbidden), wait);
    ad.provider.disconnect();

    const watcher = connect(server, 'shotlist', tokens.producer);
    await synced(watcher.provider);
    director.doc.getMap('shots').set('12A', 'after downgrade');
    // Back to write: later writes are accepted again, and the earlier dropped one rides along with them.
    permissions.director.shotlist = 'write';
    await directory.setPermissions(productionId, permissions);
    await controlBus.publish({ type: 'permissions-changed', productionId, permissions });
    expect(watcher.doc.getMap('shots').has('12A')).toBe(false);
    director.doc.getMap('shots').set('12B', 'after upgrade');
    await vi.waitFor(() => expect(watcher.doc.getMap('shots').get('12B')).toBe('after upgrade'), wait);
    expect(director.closes).toEqual([]);
  });

  it('tells a writer its edits are durable with a server step 1, without a ping-pong', async () => {
    const server = await startSync();
    const { tokens } = server.backend.team;
    const a = connect(server, 'moodboard', tokens.director);
    await synced(a.provider);
    // Watch the frames the stock client receives: server step 1 = [0, 0, <state vector>].
    const step1s: Uint8Array[] = [];
    let awarenessReplies = 0;
    const socket = a.provider.ws as unknown as WebSocket;
    socket.addEventListener('message', (event: MessageEvent) => {
      const bytes = new Uint8Array(event.data as ArrayBuffer);
      if (bytes[0] === 0 && bytes[1] === 0) step1s.push(bytes.subarray(2));
      if (bytes[0] === 1) awarenessReplies++;
    });
    /** Frames are handled in order: once the answer to a query-awareness is back, earlier frames were handled. */
    const roundTrip = async () => {
      const before = awarenessReplies;
      socket.send(new Uint8Array([3]));
      await expectPoll(() => awarenessReplies > before, 'query-awareness answer');
    };
    a.doc.getMap('cards').set('c1', 'Look');
    a.doc.getMap('cards').delete('c1');
    a.doc.getMap('cards').set('c2', 'Light');

    const own = () => Y.decodeStateVector(Y.encodeStateVector(a.doc)).get(a.doc.clientID);
    await vi.waitFor(() => {
      const last = step1s.at(-1);
      expect(last && Y.decodeStateVector(readVarBytes(last)).get(a.doc.clientID)).toBe(own());
    }, wait);
    // The acknowledgement is on disk already.
    const stored = await storedDoc(server.backend.store, server.docName('moodboard'));
    expect(stored.getMap('cards').toJSON()).toEqual({ c2: 'Light' });
    // No loop: the client's step 2 answer (it carries the delete set) changes nothing, so no further step 1.
    const count = step1s.length;
    const seq = (await server.backend.store.load(server.docName('moodboard'))).seq;
    await roundTrip();
    await server.sync.withDocument(server.docName('moodboard'), () => undefined); // waits for pending batches
    await roundTrip();
    expect(step1s.length).toBe(count);
    expect((await server.backend.store.load(server.docName('moodboard'))).seq).toBe(seq);
  });
});

function readVarBytes(bytes: Uint8Array): Uint8Array {
  let length = 0;
  let shift = 0;
  let pos = 0;
  for (;;) {
    const byte = bytes[pos++]!;
    length += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) break;
  }
  return bytes.subarray(pos, pos + length);
}
