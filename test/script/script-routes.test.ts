/** POST /api/productions/:id/import/script through the whole server (API.md SI1-SI6). */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentName } from '../../shared/boards';
import { readBreakdown, readSchedule, readShots, type ScriptDiff } from '../../shared/model';
import { ensureDemoProduction } from '../../server/demo';
import {
  connectBoard,
  createProduction,
  startTestServer,
  whenSynced,
  type TestServer,
} from '../helpers/test-server';
import { generateFdx, generateFountain } from './generate';

const servers: TestServer[] = [];
const providers: { destroy(): void }[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start() {
  const server = await startTestServer();
  servers.push(server);
  return server;
}

function importScript(
  server: TestServer,
  productionId: string,
  token: string,
  body: string | Uint8Array<ArrayBuffer>,
  type: string,
  dryRun = false,
) {
  return fetch(`${server.origin}/api/productions/${productionId}/import/script${dryRun ? '?dryRun=1' : ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  });
}

/** The production's documents as the server holds them, encoded, to prove nothing changed. */
async function snapshot(server: TestServer, productionId: string) {
  const out: Record<string, string> = {};
  for (const board of ['breakdown', 'schedule'] as const) {
    out[board] = await server.server.sync.withDocument(documentName(productionId, board), (doc) =>
      Buffer.from(Y.encodeStateVector(doc)).toString('base64'),
    );
  }
  return out;
}

const SCRIPT = [
  'INT. KITCHEN - MORNING #1#',
  '',
  'Anna pours coffee.',
  '',
  'BEN (O.S.)',
  'Morning.',
  '',
  'EXT. YARD - CONTINUOUS #2#',
  '',
  'Dogs bark.',
  '',
].join('\n');

async function demo(server: TestServer) {
  const links = await ensureDemoProduction({
    directory: server.server.directory,
    sync: server.server.sync,
    origin: server.origin,
    today: '2026-06-01',
  });
  const ad = links!.links.find((l) => l.role === 'ad')!;
  const code = ad.url.slice(ad.url.indexOf('/join/') + 6);
  const joined = await fetch(`${server.origin}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, name: 'Sam AD' }),
  });
  const body = (await joined.json()) as { token: string; productionId: string };
  return body;
}

describe('script import over HTTP', () => {
  it('[SI2] a dry run answers the diff and changes nothing', async () => {
    const server = await start();
    const production = await createProduction(server.origin);
    const before = await snapshot(server, production.productionId);
    const response = await importScript(
      server,
      production.productionId,
      production.ownerToken,
      SCRIPT,
      'text/plain',
      true,
    );
    expect(response.status).toBe(200);
    const diff = (await response.json()) as ScriptDiff;
    expect(Object.keys(diff).sort()).toEqual(['added', 'changed', 'omitted', 'unchanged', 'warnings']);
    expect(diff.added.map((a) => [a.scene, a.set, a.time, a.cast])).toEqual([
      ['1', 'KITCHEN', 'DAY', ['BEN']],
      ['2', 'YARD', 'DAY', []],
    ]);
    expect(await snapshot(server, production.productionId)).toEqual(before);
    const breakdown = await server.server.sync.withDocument(
      documentName(production.productionId, 'breakdown'),
      readBreakdown,
    );
    expect(breakdown.scenes).toEqual([]);
  });

  it('[SI3] an import reaches a connected tablet live: scenes, cast and boneyard strips', async () => {
    const server = await start();
    const production = await createProduction(server.origin);
    const director = await production.member('director');
    const tablet = connectBoard(server.wsOrigin, production.productionId, 'breakdown', director.token);
    const board = connectBoard(server.wsOrigin, production.productionId, 'schedule', director.token);
    providers.push(tablet.provider, board.provider);
    await Promise.all([whenSynced(tablet.provider), whenSynced(board.provider)]);
    const response = await importScript(
      server,
      production.productionId,
      director.token,
      SCRIPT,
      'text/plain; charset=utf-8',
    );
    expect(response.status).toBe(200);
    const diff = (await response.json()) as ScriptDiff;
    expect(diff.added).toHaveLength(2);
    await expect
      .poll(() => readBreakdown(tablet.doc).scenes.map((s) => `${s.number} ${s.intExt} ${s.set}`))
      .toEqual(['1 INT KITCHEN', '2 EXT YARD']);
    expect(readBreakdown(tablet.doc).cast.map((c) => [c.billing, c.character])).toEqual([[1, 'BEN']]);
    await expect.poll(() => readSchedule(board.doc).strips.filter((s) => s.dayId === null).length).toBe(2);
  });

  it('[SI4] a revised script on the demo production keeps its strips and shots', async () => {
    const server = await start();
    const { token, productionId } = await demo(server);
    const read = async () => ({
      breakdown: await server.server.sync.withDocument(
        documentName(productionId, 'breakdown'),
        readBreakdown,
      ),
      strips: await server.server.sync.withDocument(
        documentName(productionId, 'schedule'),
        (d) => readSchedule(d).strips,
      ),
      shots: await server.server.sync.withDocument(documentName(productionId, 'shotlist'), (d) =>
        readShots(d),
      ),
    });
    const before = await read();
    // the revision: every demo scene but 9, scene 3 longer, a new scene 12A
    const paragraphs = before.breakdown.scenes
      .filter((s) => s.number !== '9')
      .map(
        (s) =>
          `<Paragraph Number="${s.number}" Type="Scene Heading"><SceneProperties Length="${s.number === '3' ? '3' : `${s.eighths}/8`.replace(/^(\d+)\/8$/, (_m, n: string) => (Number(n) >= 8 ? `${Math.floor(Number(n) / 8)}${Number(n) % 8 ? ` ${Number(n) % 8}/8` : ''}` : `${n}/8`))}"/>` +
          `<Text>${s.intExt}. ${s.set.replace(/&/g, '&amp;').replace(/'/g, '&apos;')} - ${s.time}</Text></Paragraph>`,
      );
    paragraphs.push(
      '<Paragraph Number="12A" Type="Scene Heading"><Text>EXT. LIGHTHOUSE - NIGHT</Text></Paragraph>',
    );
    const fdx = `<?xml version="1.0" encoding="UTF-8"?>\n<FinalDraft DocumentType="Script" Version="5"><Content>${paragraphs.join('\n')}</Content></FinalDraft>`;

    const dry = await importScript(server, productionId, token, fdx, 'application/xml', true);
    expect(dry.status).toBe(200);
    const dryDiff = (await dry.json()) as ScriptDiff;
    const response = await importScript(server, productionId, token, fdx, 'application/xml');
    expect(response.status).toBe(200);
    const diff = (await response.json()) as ScriptDiff;
    expect(diff).toEqual(dryDiff);
    const nine = before.breakdown.scenes.find((s) => s.number === '9')!;
    expect(diff.omitted).toEqual([
      {
        scene: '9',
        set: nine.set,
        reason: 'not in the script',
        strips: before.strips.filter((s) => s.sceneId === nine.id).length,
        shots: before.shots.filter((s) => s.sceneId === nine.id).length,
      },
    ]);
    expect(diff.added.map((a) => a.scene)).toEqual(['12A']);
    expect(diff.changed).toContainEqual({
      scene: '3',
      fields: [expect.objectContaining({ field: 'eighths', to: 24 })],
    });

    const after = await read();
    expect(after.shots).toEqual(before.shots);
    for (const strip of before.strips) expect(after.strips).toContainEqual(strip);
    expect(after.strips).toHaveLength(before.strips.length + 1);
    expect(after.breakdown.scenes.find((s) => s.number === '9')).toMatchObject({
      id: nine.id,
      omitted: true,
    });
    expect(after.breakdown.scenes.find((s) => s.number === '3')!.eighths).toBe(24);
    expect(after.breakdown.scenes).toHaveLength(before.breakdown.scenes.length + 1);
  });

  it('[SI5] hostile files are refused with a message naming what and where, and change nothing', async () => {
    const server = await start();
    const { token, productionId } = await demo(server);
    const before = await snapshot(server, productionId);
    const cases: [string | Uint8Array<ArrayBuffer>, string, number, string, RegExp][] = [
      [
        'Dear producer,\n\nPlease find my invoice attached.\n',
        'text/plain',
        400,
        'bad_request',
        /no scene headings found/,
      ],
      [
        '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>\n<FinalDraft><Content/></FinalDraft>',
        'application/xml',
        400,
        'bad_request',
        /line 2: the file declares a DOCTYPE/,
      ],
      [
        '<?xml version="1.0"?>\n<FinalDraft><Content>\n<Paragraph Type="Scene Heading"><Text>INT. A - DAY</Text></Paragraph>\n<Paragraph Type="Scene Heading"><Text>EXT. - NIGHT</Text></Paragraph></Content></FinalDraft>',
        'application/xml',
        400,
        'bad_request',
        /paragraph 2: the scene heading "EXT\. - NIGHT" has no set name/,
      ],
      [
        'INT. A - DAY\n\nA.\n\nINT.\n\nB.\n',
        'text/plain',
        400,
        'bad_request',
        /line 5: the scene heading "INT\." has no set name/,
      ],
      ['<html><body>hello</body></html>', 'application/xml', 400, 'bad_request', /root element is <html>/],
      [
        new Uint8Array(50 * 1024 * 1024).fill(0x41),
        'text/plain',
        413,
        'payload_too_large',
        /larger than 5 MB/,
      ],
      [
        '%PDF-1.7',
        'application/pdf',
        415,
        'unsupported_media_type',
        /application\/xml.*text\/plain, not application\/pdf/,
      ],
      ['', 'text/plain', 400, 'bad_request', /body is empty/],
    ];
    for (const [body, type, status, code, message] of cases) {
      const response = await importScript(server, productionId, token, body, type);
      expect(response.status, String(message)).toBe(status);
      const answer = (await response.json()) as { error: { code: string; message: string } };
      expect(answer.error.code).toBe(code);
      expect(answer.error.message).toMatch(message);
    }
    expect(await snapshot(server, productionId)).toEqual(before);
  });

  it('[SI1] only breakdown writers may import', async () => {
    const server = await start();
    const production = await createProduction(server.origin);
    const crew = await production.member('crew');
    const head = await production.member('department');
    for (const token of [crew.token, head.token]) {
      const response = await importScript(server, production.productionId, token, SCRIPT, 'text/plain');
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
    const other = await createProduction(server.origin, 'Other');
    expect(
      (await importScript(server, production.productionId, other.ownerToken, SCRIPT, 'text/plain')).status,
    ).toBe(404);
    expect((await importScript(server, production.productionId, 'nope', SCRIPT, 'text/plain')).status).toBe(
      401,
    );
  });

  it('[SI6] imports a 120-page script in either format: a first import, then the same script again', async () => {
    const server = await start();
    const timings: Record<string, number> = {};
    for (const [format, body, type] of [
      ['fdx', generateFdx(120), 'application/xml'],
      ['fountain', generateFountain(120), 'text/plain'],
    ] as const) {
      const production = await createProduction(server.origin, `Long Tide ${format}`);
      for (const pass of ['first', 'again'] as const) {
        const started = performance.now();
        const response = await importScript(
          server,
          production.productionId,
          production.ownerToken,
          body,
          type,
        );
        timings[`${format} ${pass}`] = Math.round(performance.now() - started);
        expect(response.status).toBe(200);
        const diff = (await response.json()) as ScriptDiff;
        if (pass === 'first') expect(diff.added).toHaveLength(120);
        else expect(diff).toMatchObject({ added: [], changed: [], omitted: [], unchanged: 120 });
      }
      const strips = await server.server.sync.withDocument(
        documentName(production.productionId, 'schedule'),
        (d) => readSchedule(d).strips,
      );
      expect(strips).toHaveLength(120);
      expect(strips.every((s) => s.dayId === null)).toBe(true);
    }
    console.info(`[measure] 120-page script import over HTTP (ms): ${JSON.stringify(timings)}`);
    expect(Math.max(...Object.values(timings))).toBeLessThan(10_000);
  });
});
