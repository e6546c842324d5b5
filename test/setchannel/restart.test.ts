/**
 * A restart mid-day changes nothing anyone sees: the set status the AD called and the day's notifications come
 * back to a device that connects after the server restarted on the same data (SQLite, embedded) or the same
 * Redis (cluster mode).
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  ClientToServerEvents,
  Notification,
  ServerToClientEvents,
  SetStatus,
} from '../../shared/set-channel';
import { SqliteSetStateStore } from '../../server/setchannel/sqlite-set-state';
import { createProduction, startTestServer, tempDataDir, type TestServer } from '../helpers/test-server';
import { deleteKeys, MACHINE_REDIS_URL, uniquePrefix } from '../scale/helpers/redis';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const teardown: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const step of teardown.splice(0).reverse()) await step();
});

/** A stock socket.io client with default options, recording what the server sends on connect. */
function device(origin: string, token: string) {
  const socket: Client = connect(origin, { auth: { token }, forceNew: true });
  teardown.push(() => void socket.disconnect());
  const seen: { status: SetStatus | null | undefined; history: Notification[] | undefined } = {
    status: undefined,
    history: undefined,
  };
  socket.on('set-status', (status) => (seen.status = status));
  socket.on('notification-history', (history) => (seen.history = history));
  return { socket, seen };
}

async function callTheDay(server: TestServer) {
  const production = await createProduction(server.origin);
  const ad = await production.member('ad', 'Avery AD');
  const { socket } = device(server.origin, ad.token);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  expect(await socket.emitWithAck('set-status:update', 'rolling')).toEqual({ ok: true });
  expect(
    await socket.emitWithAck('notification:send', { kind: 'note', text: 'Lunch moves to 13:30' }),
  ).toEqual({ ok: true });
  socket.disconnect();
  return { productionId: production.productionId, token: ad.token };
}

async function expectRemembered(server: TestServer, token: string) {
  const { seen } = device(server.origin, token);
  await expect
    .poll(() => seen.status, { timeout: 5000 })
    .toMatchObject({
      value: 'rolling',
      by: { name: 'Avery AD', role: 'ad' },
    });
  await expect
    .poll(() => seen.history, { timeout: 5000 })
    .toMatchObject([{ kind: 'note', text: 'Lunch moves to 13:30', by: { name: 'Avery AD' } }]);
}

describe('set state across a restart', () => {
  it('[S10] embedded: the status and the notifications come back from the data directory', async () => {
    const dataDir = tempDataDir();
    const first = await startTestServer({}, { dataDir });
    let firstOpen = true;
    teardown.push(() => (firstOpen ? first.close() : undefined));
    const { token } = await callTheDay(first);
    await first.close();
    firstOpen = false;

    const second = await startTestServer({}, { dataDir });
    teardown.push(() => second.close());
    await expectRemembered(second, token);
  });

  it('[S10] cluster: the status and the notifications come back from Redis', async () => {
    const prefix = uniquePrefix();
    teardown.push(() => deleteKeys(MACHINE_REDIS_URL, prefix));
    const env = { REDIS_URL: MACHINE_REDIS_URL, SETBOARD_REDIS_PREFIX: prefix };
    const dataDir = tempDataDir();
    const first = await startTestServer(env, { dataDir });
    let firstOpen = true;
    teardown.push(() => (firstOpen ? first.close() : undefined));
    const { token } = await callTheDay(first);
    await first.close();
    firstOpen = false;

    const second = await startTestServer(env, { dataDir });
    teardown.push(() => second.close());
    await expectRemembered(second, token);
  });
});

describe('SqliteSetStateStore', () => {
  const note = (i: number): Notification => ({
    id: `n${i}`,
    at: new Date(i).toISOString(),
    kind: 'note',
    text: `note ${i}`,
    by: { id: 'a', name: 'Avery', role: 'ad' },
  });

  it('[S5] keeps the last notifications per production, oldest first, and each production its status', async () => {
    const dataDir = tempDataDir();
    const store = new SqliteSetStateStore({ dataDir, historyLimit: 3 });
    teardown.push(() => store.close());
    for (let i = 0; i < 5; i++) await store.addNotification('p1', note(i));
    await store.addNotification('p2', note(99));
    expect((await store.recentNotifications('p1')).map((n) => n.id)).toEqual(['n2', 'n3', 'n4']);
    expect((await store.recentNotifications('p2')).map((n) => n.id)).toEqual(['n99']);
    expect(await store.getStatus('p1')).toBeNull();
    const status: SetStatus = { value: 'wrap', at: new Date(0).toISOString(), by: note(0).by };
    await store.setStatus('p1', { ...status, value: 'rolling' });
    await store.setStatus('p1', status);
    expect(await store.getStatus('p1')).toEqual(status);
    expect(await store.getStatus('p2')).toBeNull();
  });
});
