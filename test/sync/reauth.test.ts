/**
 * Open sync sockets are re-authorised: changes made in the directory reach them within the interval with no
 * control-bus message, and a bus message that arrives while an upgrade is still asking the directory is not
 * lost. Rules: docs/PROTOCOL.md [L5], [L6]. Stock y-websocket providers with default options.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { directoryAccess, type AccessResolver } from '../../server/auth/access';
import { DIRECTORY_FILE } from '../../server/directory/sqlite-directory';
import { CloseCode } from '../../shared/close-codes';
import { connect, openBackend, startSync, synced, type Backend, type SyncServer } from './helpers';

const REAUTH_MS = 100;
const wait = { timeout: 5_000 };

/** Writes to the directory's own file, as another process (or an operator) would. */
function directoryFile(backend: Backend) {
  const db = new Database(path.join(backend.dataDir, DIRECTORY_FILE));
  onTestFinished(() => {
    db.close();
  });
  return db;
}

async function readOnlyDrops(server: SyncServer): Promise<number> {
  const metric = await server.metrics.rejectedFrames.get();
  return metric.values.find((value) => value.labels.reason === 'read-only')?.value ?? 0;
}

describe('sync sockets are re-authorised against the directory', () => {
  it.each([
    [
      'expires',
      (backend: Backend, memberId: string) =>
        directoryFile(backend)
          .prepare('UPDATE tokens SET expires_at = ? WHERE member_id = ?')
          .run(Date.now() - 1, memberId),
    ],
    [
      'is revoked',
      (backend: Backend, memberId: string) =>
        backend.directory.revokeMember(backend.team.productionId, memberId),
    ],
  ])(
    '[L5] a token that %s in the directory closes its open sockets with 4401 within the interval, no bus message',
    async (_what, change) => {
      const server = await startSync({ reauthIntervalMs: REAUTH_MS });
      const { tokens, principals } = server.backend.team;
      const crewShots = connect(server, 'shotlist', tokens.crew);
      const crewSchedule = connect(server, 'schedule', tokens.crew);
      const director = connect(server, 'shotlist', tokens.director);
      await Promise.all([crewShots, crewSchedule, director].map(({ provider }) => synced(provider)));

      await change(server.backend, principals.crew.memberId);

      await vi.waitFor(() => {
        expect(crewShots.closes).toEqual([CloseCode.Unauthorized]);
        expect(crewSchedule.closes).toEqual([CloseCode.Unauthorized]);
      }, wait);
      expect(director.closes).toEqual([]);
      director.doc.getMap('shots').set('12A', 'CU');
      await vi.waitFor(async () => {
        const check = connect(server, 'shotlist', tokens.ad);
        await synced(check.provider);
        expect(check.doc.getMap('shots').get('12A')).toBe('CU');
      }, wait);
      // Stock providers never retry after 4401: they stay closed, and nothing of later edits reaches them.
      expect(crewShots.doc.getMap('shots').has('12A')).toBe(false);
    },
  );

  it('[L5] a role that loses a board in the directory is closed with 4403; one downgraded to read has later writes dropped', async () => {
    const server = await startSync({ reauthIntervalMs: REAUTH_MS });
    const { backend } = server;
    const { tokens, productionId } = backend.team;
    const crew = connect(server, 'shotlist', tokens.crew);
    const ad = connect(server, 'shotlist', tokens.ad);
    const director = connect(server, 'shotlist', tokens.director);
    await Promise.all([crew, ad, director].map(({ provider }) => synced(provider)));
    ad.doc.getMap('shots').set('before', 'ad wrote this');
    await vi.waitFor(() => expect(director.doc.getMap('shots').get('before')).toBe('ad wrote this'), wait);

    const permissions = await backend.directory.getPermissions(productionId);
    await backend.directory.setPermissions(productionId, {
      ...permissions,
      crew: { ...permissions.crew, shotlist: 'none' },
      ad: { ...permissions.ad, shotlist: 'read' },
    });

    await vi.waitFor(() => expect(crew.closes).toEqual([CloseCode.Forbidden]), wait);
    // The AD's socket stays open as a reader: each edit it still makes is dropped, never relayed or stored.
    let probe = 0;
    await vi.waitFor(async () => {
      ad.doc.getMap('probes').set(String(probe++), true);
      expect(await readOnlyDrops(server)).toBeGreaterThan(0);
    }, wait);
    ad.doc.getMap('shots').set('after', 'dropped');
    // Frames of one socket are handled in order: once this presence change is relayed, so was the edit.
    ad.provider.awareness.setLocalStateField('marker', 'after the edit');
    await vi.waitFor(() => {
      const state = director.provider.awareness.getStates().get(ad.doc.clientID) as
        Record<string, unknown> | undefined;
      expect(state?.['marker']).toBe('after the edit');
    }, wait);
    const docName = server.docName('shotlist');
    expect(await server.sync.withDocument(docName, (doc) => doc.getMap('shots').has('after'))).toBe(false);
    director.doc.getMap('shots').set('director', 'still writes');
    await vi.waitFor(() => expect(ad.doc.getMap('shots').get('director')).toBe('still writes'), wait);
    expect(director.doc.getMap('shots').has('after')).toBe(false);
    expect(ad.closes).toEqual([]);
  });
});

describe('a directory that cannot answer', () => {
  it('[L5] closes nobody: open sockets keep syncing and are checked again at the next interval', async () => {
    const backend = await openBackend();
    const inner = directoryAccess(backend.directory);
    const outage = { on: false, refused: 0 };
    const access: AccessResolver = {
      ...inner,
      authenticate: async (token) => {
        if (!outage.on) return inner.authenticate(token);
        outage.refused++;
        throw new Error('directory unreachable');
      },
    };
    const server = await startSync({ backend, access, reauthIntervalMs: REAUTH_MS });
    const writer = connect(server, 'shotlist', backend.team.tokens.director);
    const reader = connect(server, 'shotlist', backend.team.tokens.crew);
    await Promise.all([synced(writer.provider), synced(reader.provider)]);

    outage.on = true;
    // Two passes over both sockets failed.
    await vi.waitFor(() => expect(outage.refused).toBeGreaterThanOrEqual(4), wait);
    writer.doc.getMap('shots').set('12A', 'CU');
    await vi.waitFor(() => expect(reader.doc.getMap('shots').get('12A')).toBe('CU'), wait);
    expect([...writer.closes, ...reader.closes]).toEqual([]);

    // Back: the next pass sees what changed meanwhile.
    await backend.directory.revokeMember(backend.team.productionId, backend.team.principals.crew.memberId);
    outage.on = false;
    await vi.waitFor(() => expect(reader.closes).toEqual([CloseCode.Unauthorized]), wait);
    expect(writer.closes).toEqual([]);
  });
});

/** The directory, with its last answer of an upgrade (the role's access) held at a gate the test opens. */
function slowDirectory(backend: Backend) {
  const inner = directoryAccess(backend.directory);
  let open = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  const state = { held: 0, open };
  const access: AccessResolver = {
    ...inner,
    access: async (principal, board) => {
      const level = await inner.access(principal, board);
      state.held++;
      await gate;
      return level;
    },
  };
  return { access, state };
}

describe('control events during an upgrade', () => {
  it.each([
    [
      'a revocation',
      CloseCode.Unauthorized,
      async (backend: Backend) => {
        const { productionId, principals } = backend.team;
        await backend.directory.revokeMember(productionId, principals.crew.memberId);
        await backend.controlBus.publish({
          type: 'member-revoked',
          productionId,
          memberId: principals.crew.memberId,
        });
      },
    ],
    [
      'a permission change',
      CloseCode.Forbidden,
      async (backend: Backend) => {
        const { productionId } = backend.team;
        const current = await backend.directory.getPermissions(productionId);
        const permissions = { ...current, crew: { ...current.crew, shotlist: 'none' as const } };
        await backend.directory.setPermissions(productionId, permissions);
        await backend.controlBus.publish({ type: 'permissions-changed', productionId, permissions });
      },
    ],
  ])(
    '[L6] %s published while the upgrade asks the directory closes the socket once it opens (%i)',
    async (_what, code, change) => {
      const backend = await openBackend();
      const slow = slowDirectory(backend);
      // The default interval (60 s): only the event itself can close the socket within the test.
      const server = await startSync({ backend, access: slow.access });
      const crew = connect(server, 'shotlist', backend.team.tokens.crew);
      // The directory has read the token and the role's access; its answer is still on the way.
      await vi.waitFor(() => expect(slow.state.held).toBe(1), wait);
      await change(backend);
      slow.state.open();
      await vi.waitFor(() => expect(crew.closes).toEqual([code]), wait);
    },
  );
});
