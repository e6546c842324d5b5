/**
 * The newcomer's path: `npm start` on an empty store creates the demo once, prints a join link per role, and
 * a later start keeps what the crew changed instead of importing the demo again.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../scripts/build-server';
import { ROLES } from '../../shared/boards';
import { DEMO_TITLE } from '../../shared/demo';
import { readShots, updateShot } from '../../shared/model';
import type { JoinResponse, MeResponse } from '../../shared/api-types';
import {
  api,
  connectBoard,
  spawnServer,
  stopSpawned,
  tempDataDir,
  whenSynced,
  type SpawnedServer,
} from '../helpers/test-server';

const running: SpawnedServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => stopSpawned(server, 'SIGKILL')));
});

async function start(dataDir: string, built?: string): Promise<SpawnedServer> {
  const server = await spawnServer(dataDir, { SETBOARD_DEMO: 'true' }, built);
  running.push(server);
  await expect
    .poll(() => server.lines.filter((line) => line.includes('/join/')).length, { timeout: 20_000 })
    .toBe(ROLES.length);
  return server;
}

function joinCode(server: SpawnedServer, label: string): string {
  const line = server.lines.find((l) => l.includes('/join/') && l.trim().startsWith(label));
  if (!line) throw new Error(`no join link for ${label} in:\n${server.lines.join('\n')}`);
  return line.slice(line.indexOf('/join/') + '/join/'.length).trim();
}

describe('demo production', () => {
  it('is created once, joinable per role, and not re-imported over the crew’s edits on restart', async () => {
    const dataDir = tempDataDir();
    const first = await start(dataDir);
    expect(first.lines.join('\n')).toContain(`Demo production "${DEMO_TITLE}" (created)`);

    const joined = await api<JoinResponse>(first.origin, 'POST', '/api/join', undefined, {
      code: joinCode(first, 'Director'),
      name: 'Ines Director',
    });
    expect(joined.status).toBe(201);
    const me = await api<MeResponse>(first.origin, 'GET', '/api/me', joined.body.token);
    expect(me.body.production.name).toBe(DEMO_TITLE);
    expect(me.body.member.role).toBe('director');
    expect(me.body.permissions.shotlist).toBe('write');

    const tablet = connectBoard(first.wsOrigin, joined.body.productionId, 'shotlist', joined.body.token);
    await whenSynced(tablet.provider);
    const shots = readShots(tablet.doc);
    expect(shots.length).toBeGreaterThanOrEqual(35);
    const edited = shots[0]!;
    updateShot(tablet.doc, edited.id, { lens: '85mm' });
    tablet.provider.destroy();
    await stopSpawned(first, 'SIGTERM');

    const second = await start(dataDir);
    expect(second.lines.join('\n')).not.toContain('(created)');
    const crew = await api<JoinResponse>(second.origin, 'POST', '/api/join', undefined, {
      code: joinCode(second, 'Crew'),
      name: 'Cass Crew',
    });
    expect(crew.body.productionId).toBe(joined.body.productionId);
    const reader = connectBoard(second.wsOrigin, crew.body.productionId, 'shotlist', crew.body.token);
    await whenSynced(reader.provider);
    const after = readShots(reader.doc);
    expect(after.length).toBe(shots.length);
    expect(after.find((s) => s.id === edited.id)?.lens).toBe('85mm');
    reader.provider.destroy();
  });

  it('runs the same from the build `npm start` uses: demo, a synced board and a PDF from the built worker', async () => {
    // Inside the checkout, so the build's packages resolve from node_modules as they do from dist/server.
    const outdir = path.resolve(import.meta.dirname, '../../test-output/built-server');
    await buildServer(undefined, outdir);
    const server = await start(tempDataDir(), path.join(outdir, 'main.js'));
    const joined = await api<JoinResponse>(server.origin, 'POST', '/api/join', undefined, {
      code: joinCode(server, 'Director'),
      name: 'Ines Director',
    });
    const tablet = connectBoard(server.wsOrigin, joined.body.productionId, 'shotlist', joined.body.token);
    await whenSynced(tablet.provider);
    expect(readShots(tablet.doc).length).toBeGreaterThanOrEqual(35);
    tablet.provider.destroy();
    const pdf = await fetch(
      `${server.origin}/api/productions/${joined.body.productionId}/boards/shotlist/export.pdf`,
      { headers: { authorization: `Bearer ${joined.body.token}` } },
    );
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(10_000);
  });
});
