/** Operations endpoints and CSV round trips through the whole server, as an outside client sees them. */
import { afterEach, describe, expect, it } from 'vitest';
import { addScene, addShot, readBreakdown, readShots } from '../../shared/model';
import {
  api,
  connectBoard,
  createProduction,
  startTestServer,
  whenSynced,
  type TestServer,
} from '../helpers/test-server';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function start() {
  const server = await startTestServer();
  servers.push(server);
  return server;
}

describe('operations endpoints', () => {
  it('reports health, readiness of every backing part, and Prometheus metrics', async () => {
    const server = await start();
    expect((await api(server.origin, 'GET', '/healthz')).status).toBe(200);
    const ready = await api<{ status: string; checks: Record<string, boolean> }>(
      server.origin,
      'GET',
      '/readyz',
    );
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ store: true, directory: true });
    const metrics = await fetch(`${server.origin}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(await metrics.text()).toMatch(/^# HELP /m);
  });

  it('refuses upgrades on paths that are neither sync nor the set channel', async () => {
    const server = await start();
    const { WebSocket } = await import('ws');
    const socket = new WebSocket(`${server.wsOrigin}/elsewhere`);
    const status = await new Promise<number | undefined>((resolve) => {
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      socket.on('error', () => resolve(undefined));
    });
    expect(status).toBe(404);
  });
});

describe('CSV through the server', () => {
  it('exports the shot list a director edits live, and imports it into another production', async () => {
    const server = await start();
    const production = await createProduction(server.origin);
    const director = await production.member('director');
    const breakdown = connectBoard(server.wsOrigin, production.productionId, 'breakdown', director.token);
    await whenSynced(breakdown.provider);
    addScene(breakdown.doc, {
      id: 'scene-12',
      number: '12',
      intExt: 'EXT',
      set: 'HARBOUR',
      time: 'DAY',
      eighths: 3,
    });
    const tablet = connectBoard(server.wsOrigin, production.productionId, 'shotlist', director.token);
    await whenSynced(tablet.provider);
    addShot(tablet.doc, {
      sceneId: 'scene-12',
      sceneNumber: '12',
      size: 'CU',
      lens: '50mm',
      description: 'Mara, "at last", reads the note',
    });
    addShot(tablet.doc, {
      sceneId: 'scene-12',
      sceneNumber: '12',
      size: 'WS',
      lens: '24mm',
      description: 'Harbour, wide',
    });

    const exportUrl = `${server.origin}/api/productions/${production.productionId}/boards/shotlist/export.csv`;
    let csv = '';
    await expect
      .poll(
        async () => {
          const response = await fetch(exportUrl, { headers: { authorization: `Bearer ${director.token}` } });
          csv = await response.text();
          return csv.split('\n').filter((line) => line.trim()).length;
        },
        { timeout: 10_000 },
      )
      .toBe(3);
    expect(csv).toContain('"Mara, ""at last"", reads the note"');

    const crew = await production.member('crew');
    const refused = await fetch(exportUrl.replace('shotlist', 'costreport'), {
      headers: { authorization: `Bearer ${crew.token}` },
    });
    expect(refused.status).toBe(403);

    const other = await createProduction(server.origin, 'Second Unit');
    const imported = await fetch(
      `${server.origin}/api/productions/${other.productionId}/boards/shotlist/import.csv`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${other.ownerToken}`, 'content-type': 'text/csv' },
        body: csv,
      },
    );
    // The owner is a producer, who may only read the shot list by default.
    expect(imported.status).toBe(403);
    const otherDirector = await other.member('director');
    const accepted = await fetch(
      `${server.origin}/api/productions/${other.productionId}/boards/shotlist/import.csv`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${otherDirector.token}`, 'content-type': 'text/csv' },
        body: csv,
      },
    );
    expect(accepted.status).toBeLessThan(300);
    const reader = connectBoard(server.wsOrigin, other.productionId, 'shotlist', otherDirector.token);
    await whenSynced(reader.provider);
    expect(
      readShots(reader.doc)
        .map((s) => s.description)
        .sort(),
    ).toEqual(
      readShots(tablet.doc)
        .map((s) => s.description)
        .sort(),
    );
    // the other production's empty breakdown gained scene 12, so its shots point at a scene that exists
    const otherBreakdown = connectBoard(
      server.wsOrigin,
      other.productionId,
      'breakdown',
      otherDirector.token,
    );
    await whenSynced(otherBreakdown.provider);
    const scenes = readBreakdown(otherBreakdown.doc).scenes;
    expect(scenes.map((s) => s.number)).toEqual(['12']);
    expect(new Set(readShots(reader.doc).map((s) => s.sceneId))).toEqual(new Set([scenes[0]!.id]));
    tablet.provider.destroy();
    reader.provider.destroy();
    breakdown.provider.destroy();
    otherBreakdown.provider.destroy();
  });
});
