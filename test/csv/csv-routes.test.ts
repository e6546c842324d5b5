import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARDS, DEFAULT_PERMISSIONS, documentName, type Role } from '../../shared/boards';
import { seedDemoBoard } from '../../shared/demo/index';
import { readBreakdown, readShots } from '../../shared/model/index';
import type { AccessResolver } from '../../server/auth/access';
import type { Principal } from '../../server/directory/directory';
import { createCsvRouter } from '../../server/http/csv-routes';
import { createSignedLinks } from '../../server/auth/signed-links';
import type { LinkAuth } from '../../server/http/principal';

const TODAY = '2025-06-02';
const docs = new Map<string, Y.Doc>();
const principals = new Map<string, Principal>();
for (const role of ['producer', 'director', 'ad', 'crew'] as Role[]) {
  principals.set(`t-${role}`, {
    productionId: 'demo',
    memberId: `m-${role}`,
    name: role,
    role,
    owner: role === 'producer',
  });
}
principals.set('t-other', {
  productionId: 'other',
  memberId: 'm-o',
  name: 'o',
  role: 'producer',
  owner: true,
});
principals.set('t-empty-ad', { productionId: 'empty', memberId: 'm-e', name: 'e', role: 'ad', owner: false });

const access: AccessResolver = {
  authenticate: async (token) => principals.get(token) ?? null,
  productionExists: async (id) => ['demo', 'other', 'empty'].includes(id),
  access: async (principal, board) => DEFAULT_PERMISSIONS[principal.role][board],
};
const links = createSignedLinks({ secret: 'csv-test-secret-of-at-least-32-bytes!!' });
const linkAuth: LinkAuth = {
  links,
  authenticate: access.authenticate,
  member: async (productionId, memberId) =>
    [...principals.values()].find((p) => p.productionId === productionId && p.memberId === memberId) ?? null,
};
const documents = {
  async withDocument<T>(name: string, fn: (doc: Y.Doc) => T): Promise<T> {
    let doc = docs.get(name);
    if (!doc) docs.set(name, (doc = new Y.Doc()));
    return fn(doc);
  },
};

let base = '';
let origin = '';
let close: () => Promise<void> = async () => {};
beforeAll(async () => {
  for (const board of BOARDS) {
    const doc = new Y.Doc();
    seedDemoBoard(board, doc, { today: TODAY });
    docs.set(documentName('demo', board), doc);
  }
  const app = express();
  app.use(
    '/api',
    createCsvRouter({ access, linkAuth, documents, maxImportBytes: 64 * 1024, today: () => TODAY }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = `${origin}/api/productions`;
  close = () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
});
afterAll(async () => {
  await close();
  for (const doc of docs.values()) doc.destroy();
});

const get = (path: string, token?: string) =>
  fetch(`${base}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
const post = (path: string, token: string, body: string, type = 'text/csv') =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  });

async function expectError(response: Response, status: number, code: string, message?: RegExp) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  if (message) expect(body.error.message).toMatch(message);
}

describe('CSV routes', () => {
  it('exports the shot list with scene numbers to a reader, by header or by signed link', async () => {
    const response = await get('/demo/boards/shotlist/export.csv', 't-crew');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="shotlist.csv"');
    const text = await response.text();
    expect(text.split('\r\n')).toHaveLength(42); // header, 40 shots, final line break
    expect(text.split('\r\n')[1]).toMatch(/^shot-1-1,1,1,/);
    const crew = principals.get('t-crew')!;
    const byLink = await fetch(
      `${origin}${links.sign('/api/productions/demo/boards/schedule/export.csv', crew.memberId).url}`,
    );
    expect(byLink.status).toBe(200);
    expect(await byLink.text()).toMatch(/\r\nday,1,/);
  });

  it('exports the cost report for a period, and the budget lines', async () => {
    const report = await (
      await get('/demo/boards/costreport/export.csv?from=2025-05-01&to=2025-06-02', 't-producer')
    ).text();
    expect(report).toMatch(/\r\ntotal,,,,,100197\.50,/);
    const lines = await get('/demo/boards/costreport/export.csv?view=lines', 't-director');
    expect(lines.status).toBe(200);
    expect(lines.headers.get('content-disposition')).toContain('budget-lines.csv');
    await expectError(
      await get('/demo/boards/costreport/export.csv?from=June', 't-producer'),
      400,
      'bad_request',
      /from/,
    );
  });

  it('refuses without a valid token, outside the production, and without board access', async () => {
    await expectError(await get('/demo/boards/shotlist/export.csv'), 401, 'unauthorized');
    await expectError(await get('/demo/boards/shotlist/export.csv', 'nope'), 401, 'unauthorized');
    await expectError(await get('/demo/boards/shotlist/export.csv', 't-other'), 404, 'not_found');
    await expectError(await get('/demo/boards/script/export.csv', 't-crew'), 404, 'not_found');
    await expectError(
      await get('/demo/boards/moodboard/export.csv', 't-crew'),
      404,
      'not_found',
      /no CSV export/,
    );
    await expectError(await get('/demo/boards/costreport/export.csv', 't-crew'), 403, 'forbidden', /crew/);
    await expectError(
      await post('/demo/boards/costreport/import.csv', 't-director', 'accountCode\n'),
      403,
      'forbidden',
    );
    await expectError(await post('/demo/boards/shotlist/import.csv', 't-crew', 'scene\n'), 403, 'forbidden');
  });

  it('round-trips a shot list: export from one production, import into an empty one', async () => {
    const csv = await (await get('/demo/boards/shotlist/export.csv', 't-ad')).text();
    const response = await post('/empty/boards/shotlist/import.csv', 't-empty-ad', csv);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ imported: { added: 40, updated: 0 } });
    // the empty breakdown gained the scenes and cast the file names (by number), so nothing dangles
    const emptyBreakdown = readBreakdown(docs.get('empty/breakdown')!);
    expect(emptyBreakdown.scenes.map((s) => s.number)).toEqual(
      readBreakdown(docs.get('demo/breakdown')!).scenes.map((s) => s.number),
    );
    const sceneIds = new Set(emptyBreakdown.scenes.map((s) => s.id));
    const castIds = new Set(emptyBreakdown.cast.map((c) => c.id));
    for (const shot of readShots(docs.get('empty/shotlist')!)) {
      expect(sceneIds.has(shot.sceneId)).toBe(true);
      for (const id of shot.castIds) expect(castIds.has(id)).toBe(true);
    }
    // scenes by number and cast by billing number: the second export is the first, byte for byte
    const again = await (await get('/empty/boards/shotlist/export.csv', 't-empty-ad')).text();
    expect(again).toBe(csv);
  });

  it('rejects a bad file naming row and column and writes nothing; wrong type 415, too large 413', async () => {
    const doc = docs.get('demo/costreport')!;
    const before = Y.encodeStateVector(doc);
    const bad = 'accountCode,amount,units,rate\n3300,1,day,10.00\n3300,1,day,ten\n';
    await expectError(
      await post('/demo/boards/costreport/import.csv', 't-producer', bad),
      400,
      'bad_request',
      /row 3, column "rate"/,
    );
    expect(Y.encodeStateVector(doc)).toEqual(before);
    await expectError(
      await post('/demo/boards/costreport/import.csv', 't-producer', '{}', 'application/json'),
      415,
      'unsupported_media_type',
    );
    const big = 'accountCode,description\n' + '3300,padding padding padding\n'.repeat(3_000);
    await expectError(
      await post('/demo/boards/costreport/import.csv', 't-producer', big),
      413,
      'payload_too_large',
    );
    await expectError(
      await post('/demo/boards/schedule/import.csv', 't-producer', 'x\n'),
      404,
      'not_found',
      /no CSV import/,
    );
    const ok = await post(
      '/demo/boards/costreport/import.csv',
      't-producer',
      'accountCode,amount,units,rate\n3300,1,day,10.00\n',
    );
    expect(await ok.json()).toEqual({ imported: { added: 1, updated: 0 } });
  });
});
