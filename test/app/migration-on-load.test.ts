/**
 * A document written by older code is upgraded by the server as it loads, before any tablet syncs, and the
 * upgrade is stored: a client never sees the old layout, and a restart does not need to migrate again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentName } from '../../shared/boards';
import { readShots, schemaVersion, SCHEMA_VERSIONS, shotText, updateShot } from '../../shared/model';
import {
  connectBoard,
  createProduction,
  startTestServer,
  whenSynced,
  type TestServer,
} from '../helpers/test-server';
import { versionOneShotlist } from '../helpers/old-documents';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('documents from older versions', () => {
  it('reach the tablet already migrated, and the migration is stored', async () => {
    const first = await startTestServer();
    servers.push(first);
    const production = await createProduction(first.origin);
    await first.server.store.append([
      {
        docName: documentName(production.productionId, 'shotlist'),
        update: Y.encodeStateAsUpdate(versionOneShotlist()),
      },
    ]);
    const director = await production.member('director');

    const tablet = connectBoard(first.wsOrigin, production.productionId, 'shotlist', director.token);
    await whenSynced(tablet.provider);
    expect(schemaVersion(tablet.doc)).toBe(SCHEMA_VERSIONS.shotlist);
    expect(readShots(tablet.doc)[0]).toMatchObject({ description: 'Wide, dawn', notes: 'Use the 24' });
    // The current operations work on it: the old plain strings became shared text.
    shotText(tablet.doc, 's1', 'notes').insert(0, 'B cam: ');
    updateShot(tablet.doc, 's1', { lens: '50mm' });
    const docName = documentName(production.productionId, 'shotlist');
    await expect
      .poll(() => first.server.sync.withDocument(docName, (doc) => readShots(doc)[0]?.lens), {
        timeout: 10_000,
      })
      .toBe('50mm');
    tablet.provider.destroy();
    await first.close();
    servers.splice(0);

    const second = await startTestServer({}, { dataDir: first.dataDir });
    servers.push(second);
    const stored = await second.server.store.load(docName);
    const replay = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(replay, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(replay, update);
    expect(schemaVersion(replay)).toBe(SCHEMA_VERSIONS.shotlist);
    expect(readShots(replay)[0]).toMatchObject({ notes: 'B cam: Use the 24', lens: '50mm' });
  });
});
