/**
 * Entries shown "by X" are vouched for by the server: a member's update that names someone else as the author
 * is re-stamped with the member its connection belongs to, as a server edit every tablet and the store get,
 * and the writer stays connected. Stock y-websocket providers with default options, on a real server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentName } from '../../shared/boards';
import {
  addCard,
  addComment,
  addDay,
  addMoodBoard,
  correctLogEntry,
  logEvent,
  readMoodboard,
  readSchedule,
} from '../../shared/model';
import {
  connectBoard,
  createProduction,
  startTestServer,
  whenSynced,
  type TestServer,
} from '../helpers/test-server';

const servers: TestServer[] = [];
const providers: { destroy(): void }[] = [];
afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setUp() {
  const server = await startTestServer();
  servers.push(server);
  const production = await createProduction(server.origin);
  return { server, production };
}

function tablet(server: TestServer, productionId: string, board: 'moodboard' | 'schedule', token: string) {
  const connected = connectBoard(server.wsOrigin, productionId, board, token);
  providers.push(connected.provider);
  const closes: number[] = [];
  connected.provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) closes.push(event.code);
  });
  return { ...connected, closes };
}

async function stored(server: TestServer, docName: string): Promise<Y.Doc> {
  const { snapshot, updates } = await server.server.store.load(docName);
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

describe('authors are vouched for by the server', () => {
  it('a mood-board writer who posts a comment under the director’s name is shown under their own, everywhere', async () => {
    const { server, production } = await setUp();
    const director = await production.member('director', 'Dora Director');
    const dept = await production.member('department', 'Walt Wardrobe');
    const boss = tablet(server, production.productionId, 'moodboard', director.token);
    const forger = tablet(server, production.productionId, 'moodboard', dept.token);
    await Promise.all([whenSynced(boss.provider), whenSynced(forger.provider)]);

    const boardId = addMoodBoard(boss.doc, { title: 'Look', kind: 'film' });
    const cardId = addCard(boss.doc, { boardId, kind: 'note', body: 'Warm light' });
    await expect.poll(() => readMoodboard(forger.doc).cards.length, { timeout: 10_000 }).toBe(1);

    addComment(forger.doc, {
      cardId,
      author: { id: director.member.id, name: 'Dora Director' },
      at: new Date().toISOString(),
      text: 'Approved, ship it',
    });
    const real = { id: dept.member.id, name: 'Walt Wardrobe' };
    const shownTo = (doc: Y.Doc) => readMoodboard(doc).comments.map((c) => [c.text, c.author]);
    await expect.poll(() => shownTo(boss.doc), { timeout: 10_000 }).toEqual([['Approved, ship it', real]]);
    // The writer's own tablet is corrected too, and the store holds the real name.
    await expect.poll(() => shownTo(forger.doc), { timeout: 10_000 }).toEqual([['Approved, ship it', real]]);
    const docName = documentName(production.productionId, 'moodboard');
    await expect
      .poll(async () => shownTo(await stored(server, docName)), { timeout: 10_000 })
      .toEqual([['Approved, ship it', real]]);
    // A comment under the writer's own name is left as it is; the writer was never closed.
    addComment(forger.doc, { cardId, author: real, at: new Date().toISOString(), text: 'Fabric ordered' });
    await expect.poll(() => readMoodboard(boss.doc).comments.length, { timeout: 10_000 }).toBe(2);
    expect(readMoodboard(boss.doc).comments.every((c) => c.author.id === dept.member.id)).toBe(true);
    expect(forger.closes).toEqual([]);
    expect(forger.provider.wsconnected).toBe(true);
  });

  it('a day-log entry and its correction name the AD who wrote them, not the producer they claimed', async () => {
    const { server, production } = await setUp();
    const producer = await production.member('producer', 'Pat Producer');
    const ad = await production.member('ad', 'Alex AD');
    const office = tablet(server, production.productionId, 'schedule', producer.token);
    const floor = tablet(server, production.productionId, 'schedule', ad.token);
    await Promise.all([whenSynced(office.provider), whenSynced(floor.provider)]);

    const dayId = addDay(office.doc, { date: '2025-06-02', crewCall: '07:00', shootingCall: '08:00' });
    await expect.poll(() => readSchedule(floor.doc).days.length, { timeout: 10_000 }).toBe(1);
    const claimed = { id: producer.member.id, name: 'Pat Producer' };
    const entryId = logEvent(floor.doc, { dayId, kind: 'crew-call', at: '07:05', author: claimed });
    const real = { id: ad.member.id, name: 'Alex AD' };
    await expect
      .poll(() => readSchedule(office.doc).log.map((e) => e.author), { timeout: 10_000 })
      .toEqual([real]);

    correctLogEntry(floor.doc, entryId, { at: '07:10' }, claimed);
    await expect
      .poll(() => readSchedule(office.doc).log.map((e) => [e.at, e.changedBy]), { timeout: 10_000 })
      .toEqual([['07:10', real]]);
    expect(floor.closes).toEqual([]);
  });

  it('a writer cannot rename the board or date its version in the future for everyone', async () => {
    const { server, production } = await setUp();
    const director = await production.member('director');
    const dept = await production.member('department');
    const boss = tablet(server, production.productionId, 'moodboard', director.token);
    const vandal = tablet(server, production.productionId, 'moodboard', dept.token);
    await Promise.all([whenSynced(boss.provider), whenSynced(vandal.provider)]);
    addMoodBoard(boss.doc, { title: 'Look', kind: 'film' });
    await expect.poll(() => vandal.doc.getMap('meta').get('board'), { timeout: 10_000 }).toBe('moodboard');

    vandal.doc.transact(() => {
      vandal.doc.getMap('meta').set('board', 'costreport');
      vandal.doc.getMap('meta').set('schemaVersion', 99);
    });
    await expect
      .poll(() => [boss.doc.getMap('meta').get('board'), boss.doc.getMap('meta').get('schemaVersion')], {
        timeout: 10_000,
      })
      .toEqual(['moodboard', 1]);
    // The director can still write.
    expect(() => addMoodBoard(boss.doc, { title: 'Second look', kind: 'film' })).not.toThrow();
    expect(vandal.closes).toEqual([]);
  });
});
