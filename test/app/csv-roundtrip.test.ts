/**
 * CSV files travel between productions through the whole server: the shot list names scenes by number and
 * cast by billing number, so export -> import into a new production -> export gives back the same file, and
 * an import never stores a scene id the breakdown does not have.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { documentName } from '../../shared/boards';
import { readBreakdown, readShots } from '../../shared/model';
import { ensureDemoProduction } from '../../server/demo';
import { addScene, addVocabularyTerm, tagElementByName, updateShot } from '../../shared/model';
import { createProduction, startTestServer, type TestServer } from '../helpers/test-server';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start() {
  const server = await startTestServer();
  servers.push(server);
  return server;
}

async function demoToken(server: TestServer, role: 'ad' | 'director') {
  const demo = await ensureDemoProduction({
    directory: server.server.directory,
    sync: server.server.sync,
    origin: server.origin,
    today: '2026-06-01',
  });
  const link = demo!.links.find((l) => l.role === role)!.url;
  const response = await fetch(`${server.origin}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: link.slice(link.indexOf('/join/') + 6), name: `Demo ${role}` }),
  });
  return (await response.json()) as { token: string; productionId: string };
}

const exportCsv = async (server: TestServer, productionId: string, board: string, token: string) => {
  const response = await fetch(
    `${server.origin}/api/productions/${productionId}/boards/${board}/export.csv`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  expect(response.status).toBe(200);
  return response.text();
};
const importCsv = (
  server: TestServer,
  productionId: string,
  board: string,
  token: string,
  csv: string,
  query = '',
) =>
  fetch(`${server.origin}/api/productions/${productionId}/boards/${board}/import.csv${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: csv,
  });

const read = <T>(
  server: TestServer,
  productionId: string,
  board: 'breakdown' | 'shotlist',
  fn: (doc: import('yjs').Doc) => T,
) => server.server.sync.withDocument(documentName(productionId, board), fn);

describe('shot list CSV between productions', () => {
  it('[C1] export -> import into a new production -> export gives back the same file; nothing dangles', async () => {
    const server = await start();
    const demo = await demoToken(server, 'ad');
    const first = await exportCsv(server, demo.productionId, 'shotlist', demo.token);
    expect(first.split('\r\n')[0]).toMatch(/^id,scene,code,/);
    expect(first).not.toMatch(/scene-\d/); // no internal scene ids
    const fresh = await createProduction(server.origin, 'Second Unit');
    const ad = await fresh.member('ad');
    const started = performance.now();
    const imported = await importCsv(server, fresh.productionId, 'shotlist', ad.token, first);
    const elapsed = Math.round(performance.now() - started);
    expect(imported.status).toBe(200);
    const { imported: counts } = (await imported.json()) as { imported: { added: number } };
    const second = await exportCsv(server, fresh.productionId, 'shotlist', ad.token);
    expect(second).toBe(first);
    const breakdown = await read(server, fresh.productionId, 'breakdown', readBreakdown);
    const shots = await read(server, fresh.productionId, 'shotlist', (d) => readShots(d));
    const sceneIds = new Set(breakdown.scenes.map((s) => s.id));
    expect(shots.every((s) => sceneIds.has(s.sceneId))).toBe(true);
    console.info(
      `[measure] shot list CSV round trip: ${counts.added} shots, ${breakdown.scenes.length} scenes and ${breakdown.cast.length} cast created, ${first.length} bytes, import ${elapsed} ms, second export identical`,
    );
  });

  it('[C2] a scene number the breakdown lacks fails naming row and column, unless createScenes=1', async () => {
    const server = await start();
    const production = await createProduction(server.origin);
    const ad = await production.member('ad');
    await read(server, production.productionId, 'breakdown', (doc) =>
      addScene(doc, { number: '1', intExt: 'INT', set: 'KITCHEN', time: 'DAY', eighths: 4 }),
    );
    const csv = 'scene,size,description\n1,WS,Kitchen wide\n7,CU,A hand\n';
    const refused = await importCsv(server, production.productionId, 'shotlist', ad.token, csv);
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/row 3, column "scene": no scene 7 in the breakdown/);
    expect(await read(server, production.productionId, 'shotlist', (d) => readShots(d))).toEqual([]);

    const legacy = await importCsv(
      server,
      production.productionId,
      'shotlist',
      ad.token,
      'sceneId,code\nscene-404,1\n',
    );
    expect(((await legacy.json()) as { error: { message: string } }).error.message).toMatch(
      /row 2, column "sceneId": no scene with id scene-404/,
    );

    const created = await importCsv(
      server,
      production.productionId,
      'shotlist',
      ad.token,
      csv,
      '?createScenes=1',
    );
    expect(created.status).toBe(200);
    const breakdown = await read(server, production.productionId, 'breakdown', readBreakdown);
    expect(breakdown.scenes.map((s) => `${s.number} ${s.set}`)).toEqual(['1 KITCHEN', '7 SCENE 7']);
    const shots = await read(server, production.productionId, 'shotlist', (d) => readShots(d));
    expect(shots.map((s) => breakdown.scenes.find((x) => x.id === s.sceneId)!.number)).toEqual(['1', '7']);
  });
});

describe('breakdown CSV between productions', () => {
  it('[C3] scenes with every field, cast, locations and elements: export -> new production -> export is identical', async () => {
    const server = await start();
    const demo = await demoToken(server, 'ad');
    await read(server, demo.productionId, 'breakdown', (doc) => {
      tagElementByName(doc, 'scene-1', 'props', "Father's tackle box");
      tagElementByName(doc, 'scene-1', 'background', 'Dock workers', 12);
      tagElementByName(doc, 'scene-3', 'background', 'Dock workers', 4);
      tagElementByName(doc, 'scene-3', 'vehicles', 'Red pickup truck');
      tagElementByName(doc, 'scene-10', 'special-effects', 'Rain towers');
      tagElementByName(doc, 'scene-10', 'notes', '=not a formula, "quoted", with commas');
    });
    const first = await exportCsv(server, demo.productionId, 'breakdown', demo.token);
    const fresh = await createProduction(server.origin, 'Remake');
    const ad = await fresh.member('ad');
    const started = performance.now();
    const imported = await importCsv(server, fresh.productionId, 'breakdown', ad.token, first);
    const elapsed = Math.round(performance.now() - started);
    expect(imported.status).toBe(200);
    const { imported: counts } = (await imported.json()) as { imported: { added: number; updated: number } };
    const second = await exportCsv(server, fresh.productionId, 'breakdown', ad.token);
    expect(second).toBe(first);
    const original = await read(server, demo.productionId, 'breakdown', readBreakdown);
    const copy = await read(server, fresh.productionId, 'breakdown', readBreakdown);
    expect(copy).toEqual(original);
    // importing the same file again updates in place and adds nothing
    const again = await importCsv(server, fresh.productionId, 'breakdown', ad.token, first);
    expect(((await again.json()) as { imported: { added: number } }).imported.added).toBe(0);
    expect(await exportCsv(server, fresh.productionId, 'breakdown', ad.token)).toBe(first);
    console.info(
      `[measure] breakdown CSV round trip: ${copy.scenes.length} scenes, ${copy.cast.length} cast, ${copy.locations.length} locations, ${copy.elements.length} elements (${counts.added} records), ${first.length} bytes, import ${elapsed} ms, second export identical`,
    );
  });

  it('[C3] a bad breakdown file is refused naming row and column, and nothing changes', async () => {
    const server = await start();
    const production = await createProduction(server.origin);
    const ad = await production.member('ad');
    const csv = [
      'record,number,intExt,set,time,pages,cast,billing,character',
      'cast,,,,,,,1,MARA',
      'scene,1,INT,KITCHEN,DAY,1 3/8,1,,',
      'scene,2,EXT,YARD,NIGHT,2,7,,',
    ].join('\n');
    const refused = await importCsv(server, production.productionId, 'breakdown', ad.token, csv);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /row 4, column "cast": no cast member with billing number 7/,
    );
    const breakdown = await read(server, production.productionId, 'breakdown', readBreakdown);
    expect(breakdown).toEqual({ scenes: [], cast: [], locations: [], elements: [] });
  });
});

describe('boards without CSV, and the production lists', () => {
  it('[C4] the mood board has no CSV export or import (404 saying so); the breakdown has both', async () => {
    const server = await start();
    const demo = await demoToken(server, 'director');
    const url = (board: string, file: string) =>
      `${server.origin}/api/productions/${demo.productionId}/boards/${board}/${file}`;
    const exported = await fetch(url('moodboard', 'export.csv'), {
      headers: { authorization: `Bearer ${demo.token}` },
    });
    expect(exported.status).toBe(404);
    expect(((await exported.json()) as { error: { message: string } }).error.message).toBe(
      'There is no CSV export of the moodboard board.',
    );
    const imported = await importCsv(server, demo.productionId, 'moodboard', demo.token, 'id\n');
    expect(imported.status).toBe(404);
    expect(await exportCsv(server, demo.productionId, 'breakdown', demo.token)).toMatch(/^record,/);
  });

  it("[C5] a camera outside the production's list is refused naming row and column until it is added", async () => {
    const server = await start();
    const demo = await demoToken(server, 'director');
    const origin = { source: 'server' };
    const shotId = await read(server, demo.productionId, 'shotlist', (doc) => {
      addVocabularyTerm(doc, 'camera', 'D', origin);
      const first = readShots(doc)[0]!;
      updateShot(doc, first.id, { camera: 'D' }, origin);
      return first.id;
    });
    const file = await exportCsv(server, demo.productionId, 'shotlist', demo.token);
    const fresh = await createProduction(server.origin, 'Second Unit');
    const director = await fresh.member('director');
    const refused = await importCsv(server, fresh.productionId, 'shotlist', director.token, file);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /row 2, column "camera": camera: must be one of A, B, C .*got "D"/,
    );
    expect(await read(server, fresh.productionId, 'shotlist', (d) => readShots(d))).toEqual([]);
    await read(server, fresh.productionId, 'shotlist', (doc) =>
      addVocabularyTerm(doc, 'camera', 'D', origin),
    );
    const accepted = await importCsv(server, fresh.productionId, 'shotlist', director.token, file);
    expect(accepted.status).toBe(200);
    const shots = await read(server, fresh.productionId, 'shotlist', (d) => readShots(d));
    expect(shots.find((s) => s.id === shotId)?.camera).toBe('D');
    expect(await exportCsv(server, fresh.productionId, 'shotlist', director.token)).toBe(file);
  });
});
