/**
 * The store fails or stalls under live rooms (docs/PROTOCOL.md, "When the store is down"): sync goes on from
 * memory, held updates are retried and stored once the store is back, and past the retry buffer writers are
 * closed with 1013 (StorageUnavailable) while readers stay.
 */
import { describe, expect, it } from 'vitest';
import type { SyncLimits } from '../../server/config';
import type { DocumentStore } from '../../server/storage/document-store';
import { CloseCode } from '../../shared/close-codes';
import { connect, gatedStore, openBackend, startSync, storedDoc, synced, type SyncServer } from './helpers';

const wait = { timeout: 15_000 };

async function heldBytes(server: SyncServer): Promise<number> {
  return (await server.metrics.heldBytes.get()).values[0]?.value ?? 0;
}

/** Read past the gate: what is on disk. */
async function storedScenes(server: SyncServer, disk: DocumentStore): Promise<Record<string, unknown>> {
  const doc = await storedDoc(disk, server.docName('breakdown'));
  return doc.getMap('scenes').toJSON();
}

/** A server on a store the test can fail or stall, with a producer writing and a crew member reading. */
async function writerAndReader(limits: Partial<SyncLimits> = {}) {
  const backend = await openBackend();
  const { store, control } = gatedStore(backend.store);
  const server = await startSync({ backend: { ...backend, store }, limits });
  const writer = connect(server, 'breakdown', backend.team.tokens.producer);
  const reader = connect(server, 'breakdown', backend.team.tokens.crew);
  await Promise.all([synced(writer.provider), synced(reader.provider)]);
  return { backend, control, server, writer, reader };
}

describe('when the store is down', () => {
  it('relays edits live from memory while appends fail, and stores every one once the store is back', async () => {
    const { backend, control, server, writer, reader } = await writerAndReader();

    control.failAppends = true;
    const scenes = writer.doc.getMap('scenes');
    scenes.set('1', 'Harbour');
    await expect.poll(() => reader.doc.getMap('scenes').get('1'), wait).toBe('Harbour');
    scenes.set('2', 'Boat');
    await expect.poll(() => reader.doc.getMap('scenes').get('2'), wait).toBe('Boat');
    expect(await heldBytes(server)).toBeGreaterThan(0);
    expect(await storedScenes(server, backend.store)).toEqual({});
    expect(writer.closes).toEqual([]);
    expect(reader.closes).toEqual([]);

    control.failAppends = false;
    await expect.poll(() => storedScenes(server, backend.store), wait).toEqual({ 1: 'Harbour', 2: 'Boat' });
    await expect.poll(() => heldBytes(server), wait).toBe(0);
    expect(writer.closes).toEqual([]);
  });

  it('a document unloaded during the outage reloads with the updates still held', async () => {
    const { backend, control, server, writer, reader } = await writerAndReader();

    control.failAppends = true;
    writer.doc.getMap('scenes').set('1', 'Harbour');
    await expect.poll(() => reader.doc.getMap('scenes').get('1'), wait).toBe('Harbour');
    writer.provider.destroy();
    reader.provider.destroy();
    await expect.poll(() => server.sync.stats().documents, wait).toBe(0);

    // Loads work (only appends fail): the reloaded document must not come back without the held edit.
    const later = connect(server, 'breakdown', backend.team.tokens.crew);
    await synced(later.provider);
    expect(later.doc.getMap('scenes').get('1')).toBe('Harbour');
    expect(await storedScenes(server, backend.store)).toEqual({});

    control.failAppends = false;
    await expect.poll(() => storedScenes(server, backend.store), wait).toEqual({ 1: 'Harbour' });
  });

  it('past the retry buffer, writers are closed with 1013 and readers stay; nothing is lost once it is back', async () => {
    const { backend, control, server, writer, reader } = await writerAndReader({ retryBufferBytes: 1024 });

    control.failAppends = true;
    const scenes = writer.doc.getMap('scenes');
    scenes.set('1', 'a'.repeat(700));
    await expect.poll(() => reader.doc.getMap('scenes').get('1'), wait).toBe('a'.repeat(700));
    scenes.set('2', 'b'.repeat(700)); // 1,400 bytes would be held: over the bound
    await expect.poll(() => writer.closes, wait).toContain(CloseCode.StorageUnavailable);
    expect(reader.doc.getMap('scenes').has('2')).toBe(false);
    expect(reader.closes).toEqual([]);

    control.failAppends = false;
    // The writer kept its refused edit and sends it again when it reconnects.
    await expect.poll(() => reader.doc.getMap('scenes').get('2'), wait).toBe('b'.repeat(700));
    await expect
      .poll(() => storedScenes(server, backend.store), wait)
      .toEqual({ 1: 'a'.repeat(700), 2: 'b'.repeat(700) });
    expect(reader.closes).toEqual([]);
  });

  it('an append that stalls is relayed from memory meanwhile and stored when the store answers', async () => {
    const { backend, control, server, writer, reader } = await writerAndReader();

    control.hold();
    writer.doc.getMap('scenes').set('1', 'Harbour');
    await expect.poll(() => reader.doc.getMap('scenes').get('1'), wait).toBe('Harbour');
    writer.doc.getMap('scenes').set('2', 'Boat');
    await expect.poll(() => reader.doc.getMap('scenes').get('2'), wait).toBe('Boat');
    expect(await storedScenes(server, backend.store)).toEqual({});

    control.release();
    await expect.poll(() => storedScenes(server, backend.store), wait).toEqual({ 1: 'Harbour', 2: 'Boat' });
    await expect.poll(() => heldBytes(server), wait).toBe(0);
  });
});
