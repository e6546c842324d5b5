/**
 * Two set-channel instances over one Redis adapter: the roster is built from the sockets of every instance,
 * broadcasts cross, and a revocation (heard by both through the control bus) ends each device exactly once.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect, it, onTestFinished, vi } from 'vitest';
import { createClient } from 'redis';
import { createSocketIoRedisAdapter } from '../../server/cluster/socket-io-adapter';
import { InProcessControlBus } from '../../server/control/control-bus';
import { SqliteDirectory } from '../../server/directory/sqlite-directory';
import { createLogger } from '../../server/logger';
import { attachSetChannel } from '../../server/setchannel/set-channel';
import { InMemorySetStateStore } from '../../server/setchannel/set-state';
import type { Notification, PresenceEntry } from '../../shared/set-channel';
import { setSocket } from '../api/harness';

const REDIS_URL = 'redis://127.0.0.1:6379';
const logger = createLogger('silent');

it('[S3][S7] spans instances: roster, notifications and revocation', async () => {
  const prefix = `setboard-test:${randomUUID().slice(0, 8)}:`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'setboard-setchannel-'));
  const directory = new SqliteDirectory({ dataDir });
  const controlBus = new InProcessControlBus();
  const state = new InMemorySetStateStore();
  onTestFinished(async () => {
    await directory.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}*` }))
      if (keys.length) await redis.del(keys);
    redis.destroy();
  });

  async function instance(): Promise<string> {
    const redis = await createSocketIoRedisAdapter({ url: REDIS_URL, prefix, logger });
    const server = http.createServer();
    const channel = attachSetChannel(server, {
      directory,
      controlBus,
      logger,
      authTimeoutMs: 5_000,
      adapter: redis.adapter,
      state,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(async () => {
      await channel.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await redis.close();
    });
    return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  }

  const [a, b] = [await instance(), await instance()];
  const {
    production,
    token: ownerToken,
    member: owner,
  } = await directory.createProduction({
    name: 'Night Ferry',
    ownerName: 'Olive',
  });
  const invite = await directory.createInvite(production.id, 'director');
  const director = (await directory.redeemInvite(invite.code, 'Dana'))!;

  const onA = setSocket(a, { token: ownerToken });
  const onB = setSocket(b, { token: director.token });
  onTestFinished(() => {
    onA.disconnect();
    onB.disconnect();
  });
  let rosterOnA: PresenceEntry[] = [];
  const notesOnB: Notification[] = [];
  const endedOnB: string[] = [];
  onA.on('roster', (r) => (rosterOnA = r));
  onB.on('notification', (n) => notesOnB.push(n));
  onB.on('session-ended', (e) => endedOnB.push(e.code));
  await vi.waitFor(() => expect(onA.connected && onB.connected).toBe(true));

  onB.emit('presence:board', 'moodboard');
  await vi.waitFor(() =>
    expect(rosterOnA).toEqual([
      { memberId: owner.id, name: 'Olive', role: 'producer', board: null, devices: 1 },
      { memberId: director.member.id, name: 'Dana', role: 'director', board: 'moodboard', devices: 1 },
    ]),
  );

  await expect(
    onA.timeout(5_000).emitWithAck('notification:send', { kind: 'note', text: 'Company move at 14:00' }),
  ).resolves.toEqual({ ok: true });
  await vi.waitFor(() => expect(notesOnB.map((n) => n.text)).toEqual(['Company move at 14:00']));

  await directory.revokeMember(production.id, director.member.id);
  await controlBus.publish({
    type: 'member-revoked',
    productionId: production.id,
    memberId: director.member.id,
  });
  await vi.waitFor(() => expect(onB.connected).toBe(false), 1_000);
  expect(endedOnB).toEqual(['revoked']);
  await vi.waitFor(() => expect(rosterOnA.map((e) => e.memberId)).toEqual([owner.id]));
  expect(onA.connected).toBe(true);
});
