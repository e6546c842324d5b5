import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { createRedisSetState } from '../../server/cluster/redis-set-state';
import { connectRedis } from '../../server/redis/redis-connection';
import { createSocketIoRedisAdapter } from '../../server/cluster/socket-io-adapter';
import type { Notification } from '../../shared/set-channel';
import { testLogger } from './helpers/logger';
import { deleteKeys, MACHINE_REDIS_URL, uniquePrefix } from './helpers/redis';

const teardown: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of teardown.splice(0).reverse()) await step();
});

async function instance(prefix: string): Promise<{ io: Server; url: string }> {
  const { adapter, close } = await createSocketIoRedisAdapter({
    url: MACHINE_REDIS_URL,
    prefix,
    logger: testLogger,
  });
  const httpServer = http.createServer();
  const io = new Server(httpServer, { adapter });
  io.on('connection', (socket) => void socket.join('production:p1'));
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  teardown.push(async () => {
    await io.close();
    await close();
  });
  return { io, url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}` };
}

function client(url: string): Socket {
  const socket = connect(url, { transports: ['websocket'], reconnection: false });
  teardown.push(async () => void socket.close());
  return socket;
}

describe('socket.io over the Redis adapter', () => {
  it('a room spans instances: broadcasts and socket listings reach both', async () => {
    const prefix = uniquePrefix();
    teardown.push(() => deleteKeys(MACHINE_REDIS_URL, prefix));
    const a = await instance(prefix);
    const b = await instance(prefix);
    const onB = client(b.url);
    const onA = client(a.url);
    const received: string[] = [];
    onB.on('hello', (text: string) => received.push(text));
    await expect.poll(() => onA.connected && onB.connected).toBe(true);
    await expect.poll(async () => (await a.io.in('production:p1').fetchSockets()).length).toBe(2);

    a.io.to('production:p1').emit('hello', 'from a');
    await expect.poll(() => received).toEqual(['from a']);

    a.io.in('production:p1').disconnectSockets();
    await expect.poll(() => onB.connected).toBe(false);
  });
});

describe('Redis set state', () => {
  it('shares status and a bounded notification history between instances', async () => {
    const prefix = uniquePrefix();
    teardown.push(() => deleteKeys(MACHINE_REDIS_URL, prefix));
    const connection = await connectRedis({ url: MACHINE_REDIS_URL, logger: testLogger, role: 'test' });
    teardown.push(async () => connection.destroy());
    const a = createRedisSetState({ client: connection, prefix, historyLimit: 2 });
    const b = createRedisSetState({ client: connection, prefix, historyLimit: 2 });
    const by = { id: 'm1', name: 'Ana', role: 'ad' as const };

    expect(await b.getStatus('p1')).toBeNull();
    await a.setStatus('p1', { value: 'rolling', at: '2026-01-01T08:00:00.000Z', by });
    expect((await b.getStatus('p1'))?.value).toBe('rolling');

    const note = (id: string): Notification => ({
      id,
      kind: 'note',
      text: id,
      at: '2026-01-01T08:00:00.000Z',
      by,
    });
    for (const id of ['n1', 'n2', 'n3']) await a.addNotification('p1', note(id));
    expect((await b.recentNotifications('p1')).map((n) => n.id)).toEqual(['n2', 'n3']);
    expect(await b.recentNotifications('p2')).toEqual([]);
  });
});
