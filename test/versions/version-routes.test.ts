/** The versions API through the whole server with stock y-websocket tablets (API.md V1-V8). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { documentName, type Board } from '../../shared/boards';
import { seedDemoBoard } from '../../shared/demo/index';
import {
  moveItem,
  readBreakdown,
  readCostReport,
  readSchedule,
  readShots,
  updateBudgetLine,
  updateDay,
  updateShot,
  type CostReportData,
} from '../../shared/model';
import type { Change } from '../../shared/versions';
import type { VersionInfo } from '../../shared/versions/api';
import {
  api,
  connectBoard,
  createProduction,
  startTestServer,
  whenSynced,
  type TestServer,
} from '../helpers/test-server';

const servers: TestServer[] = [];
const providers: { destroy(): void }[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup() {
  const server = await startTestServer();
  servers.push(server);
  const production = await createProduction(server.origin);
  const id = production.productionId;
  for (const board of ['breakdown', 'schedule', 'shotlist', 'costreport'] as const) {
    await server.server.sync.withDocument(documentName(id, board), (doc) =>
      seedDemoBoard(board, doc, { today: '2026-06-01', origin: { source: 'server', reason: 'test-seed' } }),
    );
  }
  const url = (board: Board, rest = '') => `/api/productions/${id}/boards/${board}/versions${rest}`;
  return { server, production, id, url };
}

function tablet(server: TestServer, productionId: string, board: Board, token: string) {
  const t = connectBoard(server.wsOrigin, productionId, board, token);
  providers.push(t.provider);
  return t;
}

describe('versions API', () => {
  it('[V1] [V2] a writer saves versions; readers list them newest first', async () => {
    const { server, production, url } = await setup();
    const ad = await production.member('ad', 'Sam AD');
    const crew = await production.member('crew');
    const first = await api<{ version: VersionInfo }>(server.origin, 'POST', url('schedule'), ad.token, {
      name: 'Schedule v1',
    });
    expect(first.status).toBe(201);
    expect(first.body.version).toEqual({
      id: expect.any(String),
      name: 'Schedule v1',
      note: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      createdBy: { id: ad.member.id, name: 'Sam AD' },
      approved: null,
    });
    const second = await api<{ version: VersionInfo }>(server.origin, 'POST', url('schedule'), ad.token, {
      name: 'Schedule v2',
      note: 'after the recce',
    });
    expect(second.body.version.note).toBe('after the recce');
    const list = await api<{ versions: VersionInfo[] }>(server.origin, 'GET', url('schedule'), crew.token);
    expect(list.status).toBe(200);
    expect(list.body.versions.map((v) => v.name)).toEqual(['Schedule v2', 'Schedule v1']);
  });

  it('[V7] [V8] refuses readers, strangers and bad bodies, storing nothing', async () => {
    const { server, production, id, url } = await setup();
    const crew = await production.member('crew');
    const ad = await production.member('ad');
    const other = await createProduction(server.origin, 'Other Film');
    const post = (token: string | undefined, body: unknown, board: Board = 'schedule') =>
      api<{ error: { code: string; message: string } }>(server.origin, 'POST', url(board), token, body);

    expect((await post(crew.token, { name: 'mine' })).status).toBe(403);
    expect((await post(undefined, { name: 'x' })).status).toBe(401);
    expect((await post(other.ownerToken, { name: 'x' })).status).toBe(404);
    // The AD never sees the cost report.
    expect((await api(server.origin, 'GET', url('costreport'), ad.token)).status).toBe(403);
    expect(
      (await api(server.origin, 'GET', `/api/productions/${id}/boards/nope/versions`, ad.token)).status,
    ).toBe(404);
    for (const [body, field] of [
      [{}, 'name'],
      [{ name: '  ' }, 'name'],
      [{ name: 12 }, 'name'],
      [{ name: 'x'.repeat(121) }, 'name'],
      [{ name: 'v', note: 3 }, 'note'],
      [{ name: 'v', approved: true }, 'approved'],
      [[1], 'JSON object'],
    ] as const) {
      const answer = await post(ad.token, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.code).toBe('bad_request');
      expect(answer.body.error.message).toContain(field);
    }
    const malformed = await fetch(`${server.origin}${url('schedule')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ad.token}`, 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(malformed.status).toBe(400);
    const list = await api<{ versions: VersionInfo[] }>(server.origin, 'GET', url('schedule'), ad.token);
    expect(list.body.versions).toEqual([]);
  });

  it("[V7] another production's version is not found, nor another board's", async () => {
    const { server, production, url } = await setup();
    const saved = await api<{ version: VersionInfo }>(
      server.origin,
      'POST',
      url('schedule'),
      production.ownerToken,
      {
        name: 'v1',
      },
    );
    const other = await createProduction(server.origin, 'Other Film');
    const otherUrl = `/api/productions/${other.productionId}/boards/schedule/versions/${saved.body.version.id}`;
    for (const [method, path] of [
      ['GET', `${otherUrl}/diff?against=current`],
      ['POST', `${otherUrl}/restore`],
      ['POST', `${otherUrl}/approve`],
      ['DELETE', otherUrl],
      ['GET', url('breakdown', `/${saved.body.version.id}/diff?against=current`)],
    ] as const) {
      expect(
        (
          await api(
            server.origin,
            method,
            path,
            method === 'GET' && path.includes('breakdown') ? production.ownerToken : other.ownerToken,
          )
        ).status,
        path,
      ).toBe(404);
    }
  });

  it('[V3] compares by meaning: a strip moved from Day 1 to Day 2, a day edit, a shot lens 35mm -> 50mm', async () => {
    const { server, production, id, url } = await setup();
    const token = production.ownerToken;
    const director = await production.member('director');
    const v1 = await api<{ version: VersionInfo }>(server.origin, 'POST', url('schedule'), token, {
      name: 'v1',
    });
    const { strip, day2 } = await server.server.sync.withDocument(documentName(id, 'schedule'), (doc) => {
      const schedule = readSchedule(doc);
      const [day1, day2] = schedule.days.filter((d) => d.kind === 'shoot');
      const strip = schedule.strips.find((s) => s.dayId === day1!.id)!;
      moveItem(doc, strip.id, day2!.id, null, { source: 'server' });
      updateDay(doc, day2!.id, { notes: 'Tide at 14:10' }, { source: 'server' });
      return { strip, day2: day2! };
    });
    const scene = await server.server.sync.withDocument(documentName(id, 'breakdown'), (doc) =>
      readBreakdown(doc).scenes.find((s) => s.id === strip.sceneId)!,
    );
    const diff = await api<{ changes: Change[] }>(
      server.origin,
      'GET',
      url('schedule', `/${v1.body.version.id}/diff?against=current`),
      token,
    );
    expect(diff.status).toBe(200);
    expect(diff.body.changes).toEqual([
      expect.objectContaining({
        kind: 'changed',
        entity: 'day',
        label: 'Day 2',
        fields: [{ field: 'notes', from: day2.notes, to: 'Tide at 14:10' }],
      }),
      {
        kind: 'moved',
        entity: 'strip',
        id: strip.id,
        label: `Scene ${scene.number}`,
        fields: [{ field: 'day', from: 'Day 1', to: 'Day 2' }],
      },
    ]);
    const v2 = await api<{ version: VersionInfo }>(server.origin, 'POST', url('schedule'), token, {
      name: 'v2',
    });
    const between = await api<{ changes: Change[] }>(
      server.origin,
      'GET',
      url('schedule', `/${v1.body.version.id}/diff?against=${v2.body.version.id}`),
      token,
    );
    expect(between.body.changes).toEqual(diff.body.changes);
    expect(
      (await api(server.origin, 'GET', url('schedule', `/${v1.body.version.id}/diff`), token)).status,
    ).toBe(400);

    const shot = await server.server.sync.withDocument(documentName(id, 'shotlist'), (doc) => {
      const shot = readShots(doc)[0]!;
      updateShot(doc, shot.id, { lens: '35mm' }, { source: 'server' });
      return shot;
    });
    const s1 = await api<{ version: VersionInfo }>(server.origin, 'POST', url('shotlist'), director.token, {
      name: 'shots v1',
    });
    await server.server.sync.withDocument(documentName(id, 'shotlist'), (doc) =>
      updateShot(doc, shot.id, { lens: '50mm' }, { source: 'server' }),
    );
    const shots = await api<{ changes: Change[] }>(
      server.origin,
      'GET',
      url('shotlist', `/${s1.body.version.id}/diff?against=current`),
      director.token,
    );
    expect(shots.body.changes).toEqual([
      {
        kind: 'changed',
        entity: 'shot',
        id: shot.id,
        label: `Shot ${shot.code}`,
        fields: [{ field: 'lens', from: '35mm', to: '50mm' }],
      },
    ]);
  });

  it('[V4] a restore reaches a live tablet as a forward edit, and restoring again undoes it', async () => {
    const { server, production, id, url } = await setup();
    const token = production.ownerToken;
    const t = tablet(server, id, 'schedule', token);
    await whenSynced(t.provider);
    const v1 = await api<{ version: VersionInfo }>(server.origin, 'POST', url('schedule'), token, {
      name: 'before',
    });
    const original = readSchedule(t.doc);
    const strip = original.strips.find((s) => s.dayId !== null)!;
    moveItem(t.doc, strip.id, null, null); // the tablet sends it to the boneyard
    await vi.waitFor(async () => {
      const onServer = await server.server.sync.withDocument(documentName(id, 'schedule'), readSchedule);
      expect(onServer.strips.find((s) => s.id === strip.id)?.dayId).toBeNull();
    });
    const v2 = await api<{ version: VersionInfo }>(server.origin, 'POST', url('schedule'), token, {
      name: 'after',
    });
    const restored = await api<{ changes: Change[] }>(
      server.origin,
      'POST',
      url('schedule', `/${v1.body.version.id}/restore`),
      token,
    );
    expect(restored.status).toBe(200);
    expect(restored.body.changes).toEqual([
      expect.objectContaining({
        kind: 'moved',
        id: strip.id,
        fields: [{ field: 'day', from: 'the boneyard', to: 'Day 1' }],
      }),
    ]);
    await vi.waitFor(() =>
      expect(readSchedule(t.doc).strips.find((s) => s.id === strip.id)?.dayId).toBe(strip.dayId),
    );
    expect(readSchedule(t.doc)).toEqual(original);
    // History only grows: the version saved after the move still holds it, and restoring it undoes the restore.
    expect(
      (await api(server.origin, 'POST', url('schedule', `/${v2.body.version.id}/restore`), token)).status,
    ).toBe(200);
    await vi.waitFor(() =>
      expect(readSchedule(t.doc).strips.find((s) => s.id === strip.id)?.dayId).toBeNull(),
    );
  });

  it('[V4] restore while another tablet edits: both tablets converge and the later edit survives', async () => {
    const { server, production, id, url } = await setup();
    const director = await production.member('director');
    const a = tablet(server, id, 'shotlist', director.token);
    const b = tablet(server, id, 'shotlist', director.token);
    await Promise.all([whenSynced(a.provider), whenSynced(b.provider)]);
    const [first, second] = readShots(a.doc);
    const v1 = await api<{ version: VersionInfo }>(server.origin, 'POST', url('shotlist'), director.token, {
      name: 'v1',
    });
    updateShot(a.doc, first!.id, { lens: '85mm', notes: 'changed after v1' });
    await vi.waitFor(() => expect(readShots(b.doc).find((s) => s.id === first!.id)?.lens).toBe('85mm'));
    // Tablet B edits another shot while the restore is on its way: whichever the server applies first, the
    // two tablets and the server end with one state.
    const restore = api(
      server.origin,
      'POST',
      url('shotlist', `/${v1.body.version.id}/restore`),
      director.token,
    );
    updateShot(b.doc, second!.id, { notes: 'B during the restore' });
    expect((await restore).status).toBe(200);
    await vi.waitFor(() => expect(readShots(b.doc).find((s) => s.id === first!.id)?.lens).toBe(first!.lens));
    // And edits the restored shot after it arrived: the later edit wins everywhere.
    updateShot(b.doc, first!.id, { lens: '40mm' });
    await vi.waitFor(() => {
      expect(readShots(a.doc)).toEqual(readShots(b.doc));
      const shots = readShots(a.doc);
      expect(shots.find((s) => s.id === first!.id)).toMatchObject({ lens: '40mm', notes: first!.notes });
    });
    const onServer = await server.server.sync.withDocument(documentName(id, 'shotlist'), (doc) =>
      readShots(doc),
    );
    expect(onServer).toEqual(readShots(a.doc));
  });

  it('[V4] a restore changes only what differs from the board the restorer saw: an edit that had not reached them survives', async () => {
    const { server, production, id, url } = await setup();
    const director = await production.member('director');
    const a = tablet(server, id, 'shotlist', director.token);
    const b = tablet(server, id, 'shotlist', director.token);
    await Promise.all([whenSynced(a.provider), whenSynced(b.provider)]);
    const [first, second] = readShots(a.doc);
    const v1 = await api<{ version: VersionInfo }>(server.origin, 'POST', url('shotlist'), director.token, {
      name: 'v1',
    });
    updateShot(a.doc, first!.id, { lens: '85mm' });
    await vi.waitFor(() => expect(readShots(b.doc).find((s) => s.id === first!.id)?.lens).toBe('85mm'));
    // A looks at the board and asks to restore v1; meanwhile B changes another field A has not seen yet.
    const seen = Buffer.from(Y.encodeStateVector(a.doc)).toString('base64');
    updateShot(b.doc, second!.id, { lens: '200mm' });
    await vi.waitFor(async () =>
      expect(
        await server.server.sync.withDocument(
          documentName(id, 'shotlist'),
          (doc) => readShots(doc).find((s) => s.id === second!.id)?.lens,
        ),
      ).toBe('200mm'),
    );
    const restored = await api<{ changes: Change[] }>(
      server.origin,
      'POST',
      url('shotlist', `/${v1.body.version.id}/restore`),
      director.token,
      { seen },
    );
    expect(restored.status).toBe(200);
    await vi.waitFor(() => {
      const shots = readShots(b.doc);
      // what A saw differ from v1 is restored; B's edit, made after what A saw, stays
      expect(shots.find((s) => s.id === first!.id)?.lens).toBe(first!.lens);
      expect(shots.find((s) => s.id === second!.id)?.lens).toBe('200mm');
    });
    const bad = await api(
      server.origin,
      'POST',
      url('shotlist', `/${v1.body.version.id}/restore`),
      director.token,
      {
        seen: 42,
      },
    );
    expect(bad.status).toBe(400);
  });

  it('[V5] [V6] the cost report is approved by a producer; other boards by their writers; approved versions stay', async () => {
    const { server, production, url } = await setup();
    const director = await production.member('director');
    const ad = await production.member('ad');
    const crew = await production.member('crew');
    const lock = await api<{ version: VersionInfo }>(
      server.origin,
      'POST',
      url('costreport'),
      production.ownerToken,
      {
        name: 'Locked budget',
      },
    );
    const lockId = lock.body.version.id;
    expect(
      (await api(server.origin, 'POST', url('costreport', `/${lockId}/approve`), director.token)).status,
    ).toBe(403);
    expect((await api(server.origin, 'POST', url('costreport', `/${lockId}/approve`), ad.token)).status).toBe(
      403,
    );
    const approved = await api<{ version: VersionInfo }>(
      server.origin,
      'POST',
      url('costreport', `/${lockId}/approve`),
      production.ownerToken,
    );
    expect(approved.status).toBe(200);
    expect(approved.body.version.approved).toEqual({
      at: expect.any(String),
      by: { id: expect.any(String), name: 'Olive Owner' },
    });
    const deleted = await api<{ error: { code: string } }>(
      server.origin,
      'DELETE',
      url('costreport', `/${lockId}`),
      production.ownerToken,
    );
    expect(deleted.status).toBe(409);
    expect(deleted.body.error.code).toBe('conflict');

    const schedule = await api<{ version: VersionInfo }>(server.origin, 'POST', url('schedule'), ad.token, {
      name: 'Schedule v3',
    });
    const sid = schedule.body.version.id;
    expect((await api(server.origin, 'POST', url('schedule', `/${sid}/approve`), crew.token)).status).toBe(
      403,
    );
    expect(
      (await api(server.origin, 'POST', url('schedule', `/${sid}/approve`), director.token)).status,
    ).toBe(403);
    expect((await api(server.origin, 'POST', url('schedule', `/${sid}/approve`), ad.token)).status).toBe(200);
    const draft = await api<{ version: VersionInfo }>(server.origin, 'POST', url('schedule'), ad.token, {
      name: 'scratch',
    });
    expect(
      (await api(server.origin, 'DELETE', url('schedule', `/${draft.body.version.id}`), crew.token)).status,
    ).toBe(403);
    expect(
      (await api(server.origin, 'DELETE', url('schedule', `/${draft.body.version.id}`), ad.token)).status,
    ).toBe(204);
    const list = await api<{ versions: VersionInfo[] }>(
      server.origin,
      'GET',
      url('costreport'),
      director.token,
    );
    expect(list.body.versions.map((v) => [v.name, v.approved?.by.name])).toEqual([
      ['Locked budget', 'Olive Owner'],
    ]);
  });

  it("[V9] a version's content is the board as it held it: the locked budget keeps its lines after a change", async () => {
    const { server, production, id, url } = await setup();
    const token = production.ownerToken;
    const lock = await api<{ version: VersionInfo }>(server.origin, 'POST', url('costreport'), token, {
      name: 'Locked budget',
    });
    const line = await server.server.sync.withDocument(documentName(id, 'costreport'), (doc) => {
      const line = readCostReport(doc).lines[0]!;
      updateBudgetLine(doc, line.id, { rate: line.rate + 5_000 }, { source: 'server' });
      return line;
    });
    const content = await api<{ content: CostReportData }>(
      server.origin,
      'GET',
      url('costreport', `/${lock.body.version.id}/content`),
      token,
    );
    expect(content.status).toBe(200);
    expect(content.body.content.lines.find((l) => l.id === line.id)?.rate).toBe(line.rate);
    const crew = await production.member('crew');
    expect(
      (await api(server.origin, 'GET', url('costreport', `/${lock.body.version.id}/content`), crew.token))
        .status,
    ).toBe(403);
  });
});
