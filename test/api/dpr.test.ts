/**
 * The daily production report's sign-off through the whole server (API.md D1-D8): the report derived from
 * the demo's day 1, the state machine with its 403s and 409s, approval storing a signed version and booking
 * the day's hot costs into the cost report once (a stock y-websocket tablet sees the accrual arrive), returning
 * and re-approving replacing them, the PDF read back, and the cost report's CSV and PDF using the budget lock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { documentName, type Board } from '../../shared/boards';
import { countedAccruals, dayAccruals } from '../../shared/calc/accruals';
import { parseCsv } from '../../shared/csv/csv';
import { reportLog } from '../../shared/calc/dpr';
import { hotCostsForDay } from '../../shared/calc/hot-costs';
import { seedDemoBoard } from '../../shared/demo/index';
import type { DprResponse } from '../../shared/dpr-api';
import { readCostReport, readSchedule, setDprFigure, updateBudgetLine } from '../../shared/model';
import type { VersionInfo } from '../../shared/versions/api';
import { readPdf } from '../pdf/read-pdf';
import {
  api,
  connectBoard,
  createProduction,
  startTestServer,
  whenSynced,
  type TestServer,
} from '../helpers/test-server';

const TODAY = '2026-06-01';
const servers: TestServer[] = [];
const providers: { destroy(): void }[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup() {
  const server = await startTestServer();
  servers.push(server);
  const production = await createProduction(server.origin, 'Low Tide');
  const id = production.productionId;
  for (const board of ['breakdown', 'schedule', 'shotlist', 'costreport', 'dpr'] as const) {
    await server.server.sync.withDocument(documentName(id, board), (doc) =>
      seedDemoBoard(board, doc, { today: TODAY, origin: { source: 'server', reason: 'test-seed' } }),
    );
  }
  const ad = await production.member('ad', 'Sam AD');
  const director = await production.member('director', 'Dana Director');
  const department = await production.member('department', 'Dee DP');
  const producer = { token: production.ownerToken };
  const withDoc = <T>(board: Board, fn: (doc: Y.Doc) => T) =>
    server.server.sync.withDocument(documentName(id, board), fn);
  const call = (method: string, path: string, token: string, body?: unknown) =>
    api<DprResponse & { error?: { code: string; message: string } }>(
      server.origin,
      method,
      `/api/productions/${id}/dpr${path}`,
      token,
      body,
    );
  return { server, id, ad, director, department, producer, withDoc, call };
}

/** What approving day 1 must book: the demo's hot costs from the report's times, per account. */
async function expectedAccruals(s: Awaited<ReturnType<typeof setup>>) {
  const { body } = await s.call('GET', '/1', s.producer.token);
  const day = (await s.withDoc('schedule', readSchedule)).days[0]!;
  return s.withDoc('costreport', (doc) => {
    const entries = readCostReport(doc).hotCosts;
    const wrap = body.report.figures.cameraWrap.value ?? body.report.figures.crewCall.value;
    const costs = hotCostsForDay(entries, day, reportLog(body.report), String(wrap));
    return dayAccruals(costs, entries).byAccount;
  });
}

const accrualsOf = (s: Awaited<ReturnType<typeof setup>>) =>
  s.withDoc('costreport', (doc) =>
    readCostReport(doc)
      .accruals.map((a) => [a.accountId, a.amount, a.dayId] as const)
      .sort(),
  );

describe('production report API', () => {
  it('[D1] [D2] a reader gets day 1 derived from the schedule; no access 403; an unknown day 404', async () => {
    const s = await setup();
    const { status, body } = await s.call('GET', '/1', s.director.token);
    expect(status).toBe(200);
    expect(body.day).toBe(1);
    expect(body.state).toBe('draft');
    expect(body.signoff).toEqual({ at: null, by: null, comment: null, versionId: null });
    const f = body.report.figures;
    expect([f.crewCall.value, f.firstShot.value, f.lunchOut.value, f.lunchIn.value]).toEqual([
      '06:00',
      '07:12',
      '12:40',
      '13:10',
    ]);
    expect(f.cameraCards).toMatchObject({ value: 3, source: 'Typed on the report' });
    expect(body.report.scenes.completed.map((r) => r.number)).toEqual(['1', '3']);
    expect(body.report.backgroundTotal).toBe(6);
    const list = await api<{ days: { day: number; state: string; date: string }[] }>(
      s.server.origin,
      'GET',
      `/api/productions/${s.id}/dpr`,
      s.ad.token,
    );
    expect(list.body.days.map((d) => [d.day, d.state])).toEqual([
      [1, 'draft'],
      [2, 'draft'],
      [3, 'draft'],
    ]);
    expect((await s.call('GET', '/1', s.department.token)).status).toBe(403);
    expect((await s.call('GET', '/9', s.ad.token)).status).toBe(404);
    expect((await s.call('GET', '/first', s.ad.token)).status).toBe(404);
    expect((await s.call('GET', '/1', 'not-a-token')).status).toBe(401);
  });

  it('[D3] [D4] [D5] draft -> submitted -> approved, returned with a comment; out of order 409; wrong role 403', async () => {
    const s = await setup();
    // wrong roles, whatever the state
    expect((await s.call('POST', '/1/submit', s.producer.token)).status).toBe(403);
    expect((await s.call('POST', '/1/submit', s.director.token)).status).toBe(403);
    expect((await s.call('POST', '/1/approve', s.ad.token)).status).toBe(403);
    expect((await s.call('POST', '/1/return', s.department.token, { comment: 'x' })).status).toBe(403);
    // out of order
    const early = await s.call('POST', '/1/approve', s.producer.token);
    expect(early.status).toBe(409);
    expect(early.body.error!.message).toBe(
      "Day 1's report is draft; it can be approved only when submitted.",
    );
    expect((await s.call('POST', '/1/return', s.producer.token, { comment: 'No' })).status).toBe(409);
    expect((await s.call('POST', '/9/submit', s.ad.token)).status).toBe(404);

    const submitted = await s.call('POST', '/1/submit', s.ad.token);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ day: 1, state: 'submitted', signoff: { by: { name: 'Sam AD' } } });
    expect(submitted.body.report.figures.crewCall.value).toBe('06:00');
    expect((await s.call('POST', '/1/submit', s.ad.token)).status).toBe(409);
    // a return needs its comment
    expect((await s.call('POST', '/1/return', s.producer.token, {})).status).toBe(400);
    expect((await s.call('POST', '/1/return', s.producer.token, { comment: '  ' })).status).toBe(400);

    const approved = await s.call('POST', '/1/approve', s.producer.token);
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('approved');
    expect(approved.body.signoff.versionId).toEqual(expect.any(String));
    const again = await s.call('POST', '/1/approve', s.producer.token);
    expect(again.status).toBe(409);
    expect(again.body.error!.message).toBe(
      "Day 1's report is approved; it can be approved only when submitted.",
    );

    const returned = await s.call('POST', '/1/return', s.producer.token, { comment: 'Wrap was 19:10' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ state: 'returned', signoff: { comment: 'Wrap was 19:10' } });
    expect((await s.call('GET', '/1', s.director.token)).body.state).toBe('returned');
    expect((await s.call('POST', '/1/submit', s.ad.token)).body.state).toBe('submitted');
    // day 2 is its own report
    expect((await s.call('GET', '/2', s.ad.token)).body.state).toBe('draft');
  });

  it('[D6] [D7] approval stores a signed version and books the day once; a tablet on the cost report sees it live', async () => {
    const s = await setup();
    const expected = await expectedAccruals(s);
    expect(expected.size).toBeGreaterThan(0);
    const tablet = connectBoard(s.server.wsOrigin, s.id, 'costreport', s.producer.token);
    providers.push(tablet.provider);
    await whenSynced(tablet.provider);
    expect(readCostReport(tablet.doc).accruals).toEqual([]);

    expect((await s.call('POST', '/1/submit', s.ad.token)).status).toBe(200);
    const arrived = new Promise<void>((resolve) => {
      const check = () => {
        if (readCostReport(tablet.doc).accruals.length > 0) {
          tablet.doc.off('update', check);
          resolve();
        }
      };
      tablet.doc.on('update', check);
    });
    // two approvals at once: one posts, the other is out of order
    const both = await Promise.all([
      s.call('POST', '/1/approve', s.producer.token),
      s.call('POST', '/1/approve', s.producer.token),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    await arrived;
    const live = readCostReport(tablet.doc).accruals;
    expect(new Map(live.map((a) => [a.accountId, a.amount]))).toEqual(expected);
    expect(live.every((a) => a.description === 'Day 1 hot costs (DPR)' && a.date === TODAY)).toBe(true);
    expect(await accrualsOf(s)).toHaveLength(expected.size);

    const versions = await api<{ versions: VersionInfo[] }>(
      s.server.origin,
      'GET',
      `/api/productions/${s.id}/boards/dpr/versions`,
      s.director.token,
    );
    expect(versions.body.versions).toHaveLength(1);
    expect(versions.body.versions[0]).toMatchObject({
      name: 'DPR Day 1, signed',
      approved: { by: { name: 'Olive Owner' } },
    });
  });

  it('[D6] returning and re-approving replaces the day’s accruals with the corrected report’s', async () => {
    const s = await setup();
    await s.call('POST', '/1/submit', s.ad.token);
    await s.call('POST', '/1/approve', s.producer.token);
    const first = await accrualsOf(s);
    await s.call('POST', '/1/return', s.producer.token, { comment: 'Camera wrapped at 21:30' });
    // the AD corrects the wrap (a longer day: more overtime)
    const dayId = (await s.withDoc('schedule', readSchedule)).days[0]!.id;
    await s.withDoc('dpr', (doc) => setDprFigure(doc, dayId, 'cameraWrap', '21:30', { source: 'server' }));
    await s.call('POST', '/1/submit', s.ad.token);
    const corrected = await expectedAccruals(s);
    expect((await s.call('POST', '/1/approve', s.producer.token)).status).toBe(200);
    const second = await accrualsOf(s);
    expect(second).toHaveLength(first.length);
    expect(new Map(second.map(([account, amount]) => [account, amount]))).toEqual(corrected);
    const total = (rows: typeof first) => rows.reduce((n, [, amount]) => n + amount, 0);
    expect(total(second)).toBeGreaterThan(total(first));
    const versions = await api<{ versions: VersionInfo[] }>(
      s.server.origin,
      'GET',
      `/api/productions/${s.id}/boards/dpr/versions`,
      s.producer.token,
    );
    expect(versions.body.versions.map((v) => v.name)).toEqual(['DPR Day 1, signed', 'DPR Day 1, signed']);
  });

  it('[D8] the report prints: the PDF read back holds the day’s figures and its state', async () => {
    const s = await setup();
    await s.call('POST', '/1/submit', s.ad.token);
    await s.call('POST', '/1/approve', s.producer.token);
    const started = performance.now();
    const response = await fetch(
      `${s.server.origin}/api/productions/${s.id}/boards/dpr/export.pdf?day=1&paper=a4`,
      {
        headers: { authorization: `Bearer ${s.director.token}` },
      },
    );
    const ms = performance.now() - started;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="low-tide-production-report-day-1-' +
        new Date().toISOString().slice(0, 10) +
        '.pdf"',
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    console.log(`DPR PDF (demo day 1): ${(bytes.byteLength / 1024).toFixed(1)} KiB in ${ms.toFixed(0)} ms`);
    const { text } = await readPdf(bytes);
    for (const expected of [
      'Daily production report',
      'Day 1 of 3',
      'Approved',
      'Crew call',
      '06:00',
      '07:12',
      '12:40',
      'Camera cards',
      'Fishermen',
      'Day log: first shot logged 07:12',
    ])
      expect(text).toContain(expected);
    const refused = await fetch(`${s.server.origin}/api/productions/${s.id}/boards/dpr/export.pdf?day=1`, {
      headers: { authorization: `Bearer ${s.department.token}` },
    });
    expect(refused.status).toBe(403);
    const noDay = await fetch(`${s.server.origin}/api/productions/${s.id}/boards/dpr/export.pdf?day=9`, {
      headers: { authorization: `Bearer ${s.ad.token}` },
    });
    expect(noDay.status).toBe(400);
  });

  it('[C6] the cost report CSV and PDF mark accruals and read the budget lock once there is one', async () => {
    const s = await setup();
    await s.call('POST', '/1/submit', s.ad.token);
    await s.call('POST', '/1/approve', s.producer.token);
    const csv = async () => {
      const r = await fetch(
        `${s.server.origin}/api/productions/${s.id}/boards/costreport/export.csv?from=${TODAY}&to=${TODAY}`,
        { headers: { authorization: `Bearer ${s.producer.token}` } },
      );
      return parseCsv(await r.text());
    };
    let rows = await csv();
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    const accrualRows = rows.filter((r) => r[0] === 'accrual');
    // an accrual the day's actuals already cover counts nothing and has no row
    const counted = await s.withDoc('costreport', (doc) =>
      countedAccruals(readCostReport(doc)).filter((a) => a.amount > 0),
    );
    expect(accrualRows.length).toBe(counted.length);
    expect(accrualRows.length).toBeGreaterThan(0);
    expect(rows.find((r) => r[0] === 'total')![col('budgetBasis')]).toBe('not locked');

    // lock the budget, then raise a line: the CSV's Budget column keeps the lock
    const url = `/api/productions/${s.id}/boards/costreport/versions`;
    const lock = await api<{ version: VersionInfo }>(s.server.origin, 'POST', url, s.producer.token, {
      name: 'Locked budget',
    });
    await api(s.server.origin, 'POST', `${url}/${lock.body.version.id}/approve`, s.producer.token);
    const before = rows.find((r) => r[0] === 'account' && r[1] === '3300')![col('budget')];
    await s.withDoc('costreport', (doc) =>
      updateBudgetLine(doc, 'line-3300-1', { rate: 999_999 }, { source: 'server' }),
    );
    rows = await csv();
    const camera = rows.find((r) => r[0] === 'account' && r[1] === '3300')!;
    expect(camera[col('budget')]).toBe(before);
    expect(camera[col('budgetBasis')]).toBe('locked: Locked budget');
    const pdf = await fetch(
      `${s.server.origin}/api/productions/${s.id}/boards/costreport/export.pdf?period=day&date=${TODAY}`,
      { headers: { authorization: `Bearer ${s.producer.token}` } },
    );
    const { text } = await readPdf(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain('Budget: the locked budget "Locked budget"');
    expect(text).toContain('accrued (approved DPR)');
  });
});
