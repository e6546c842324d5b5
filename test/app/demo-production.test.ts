/**
 * The newcomer's path: `npm start` on an empty store creates the demo once, prints a join link per role, and
 * a later start keeps what the crew changed instead of importing the demo again.
 */
import { afterEach, describe, expect, it } from 'vitest';
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

async function start(dataDir: string): Promise<SpawnedServer> {
  const server = await spawnServer(dataDir, { SETBOARD_DEMO: 'true' });
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
});
