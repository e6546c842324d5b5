/** The set channel across instances: roster, set status and revocation reach devices on other instances. */
import { describe, expect, it, onTestFinished } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  PresenceEntry,
  ServerToClientEvents,
  SetStatus,
} from '../../shared/set-channel';
import { CloseCode } from '../../shared/close-codes';
import { api, createProduction } from '../helpers/test-server';
import { openClient } from './helpers/clients';
import { clusterBackends, startPair } from './helpers/cluster';

type SetSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

function device(origin: string, token: string) {
  const socket: SetSocket = connect(origin, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
  });
  onTestFinished(() => void socket.close());
  const seen = {
    roster: [] as PresenceEntry[],
    status: null as SetStatus | null,
    ended: null as string | null,
  };
  socket.on('roster', (entries) => (seen.roster = entries));
  socket.on('set-status', (status) => (seen.status = status));
  socket.on('session-ended', (reason) => (seen.ended = reason.code));
  return { socket, seen };
}

describe('set channel across instances', { timeout: 90_000 }, () => {
  it('roster, set status and a revocation reach devices on the other instance', async () => {
    const backends = await clusterBackends();
    const [a, b] = await startPair(backends);
    const production = await createProduction(a.origin);
    const ad = await production.member('ad', 'Ada AD');

    const producer = device(a.origin, production.ownerToken);
    const adDevice = device(b.origin, ad.token);
    // Two people: the producer on instance a and the AD on instance b. (Sorting a list that holds an
    // asymmetric matcher would make this pass or fail by the random member ids.)
    await expect
      .poll(() => producer.seen.roster.map((entry) => entry.name).sort(), { timeout: 10_000 })
      .toEqual(['Ada AD', 'Olive Owner']);

    const ack = await adDevice.socket.timeout(5_000).emitWithAck('set-status:update', 'rolling');
    expect(ack).toEqual({ ok: true });
    await expect.poll(() => producer.seen.status?.value).toBe('rolling');

    // The AD's board sync lives on instance b; the owner revokes through instance a.
    const adBoard = await openClient(b.wsOrigin, production.productionId, ad.token);
    const revoked = await api(
      a.origin,
      'DELETE',
      `/api/productions/${production.productionId}/members/${ad.member.id}`,
      production.ownerToken,
    );
    expect(revoked.status).toBeLessThan(300);
    await expect.poll(() => adDevice.seen.ended, { timeout: 2_000 }).toBe('revoked');
    await expect.poll(() => adBoard.closes, { timeout: 2_000 }).toContain(CloseCode.Unauthorized);
  });
});
