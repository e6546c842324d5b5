import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { CreateInviteResponse, CreateProductionResponse, JoinResponse } from '../../shared/api-types';
import type { Role } from '../../shared/boards';
import type { Notification, PresenceEntry, ServerToClientEvents, SetStatus } from '../../shared/set-channel';
import { io as ioClient } from 'socket.io-client';
import { call, setSocket, startHarness, type Harness, type SetSocket } from '../api/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function production() {
  const created = await call<CreateProductionResponse>(h.origin, 'POST', '/api/productions', {
    body: { name: 'Night Ferry', ownerName: 'Olive Owner' },
  });
  const { production, token, member } = created.body;
  return {
    id: production.id,
    owner: { token, member },
    async join(role: Role, name: string): Promise<JoinResponse> {
      const invite = await call<CreateInviteResponse>(
        h.origin,
        'POST',
        `/api/productions/${production.id}/invites`,
        {
          token,
          body: { role },
        },
      );
      return (
        await call<JoinResponse>(h.origin, 'POST', '/api/join', { body: { code: invite.body.code, name } })
      ).body;
    },
  };
}

interface Device {
  socket: SetSocket;
  rosters: PresenceEntry[][];
  statuses: (SetStatus | null)[];
  notifications: Notification[];
  history: Notification[][];
  ended: Parameters<ServerToClientEvents['session-ended']>[0][];
}

/** A connected device recording everything it receives; disconnected when the test ends. */
async function device(token: string | undefined): Promise<Device> {
  const socket = setSocket(h.origin, token === undefined ? {} : { token });
  onTestFinished(() => {
    socket.disconnect();
  });
  const d: Device = { socket, rosters: [], statuses: [], notifications: [], history: [], ended: [] };
  socket.on('roster', (r) => d.rosters.push(r));
  socket.on('set-status', (s) => d.statuses.push(s));
  socket.on('notification', (n) => d.notifications.push(n));
  socket.on('notification-history', (n) => d.history.push(n));
  socket.on('session-ended', (e) => d.ended.push(e));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  // The joining device's own initial state arrives after connect; wait for it so later assertions are about news.
  await vi.waitFor(() => expect(d.history).toHaveLength(1), 5_000);
  return d;
}

const lastRoster = (d: Device) => d.rosters.at(-1) ?? [];

describe('handshake', () => {
  it.each([
    ['no token', undefined, /No token/],
    ['an unknown token', 'forged-token', /Invalid token/],
  ])('[S1] refuses a handshake with %s, saying why', async (_case, token, message) => {
    await expect(device(token)).rejects.toThrow(message);
    const metric = await h.registry.getSingleMetricAsString('setboard_setchannel_handshakes_refused_total');
    expect(metric).toMatch(/reason="(missing|invalid)-token"} [1-9]/);
  });
});

describe('handshake with a header', () => {
  it('[S1] accepts the token as an Authorization header (Node clients)', async () => {
    const p = await production();
    const socket: SetSocket = ioClient(h.origin, {
      extraHeaders: { authorization: `Bearer ${p.owner.token}` },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    onTestFinished(() => {
      socket.disconnect();
    });
    const roster: PresenceEntry[][] = [];
    socket.on('roster', (r) => roster.push(r));
    await vi.waitFor(() => expect(roster.at(-1)?.[0]?.memberId).toBe(p.owner.member.id));
  });
});

describe('roster', () => {
  it('[S3] sends the whole roster to the room on every join, board change and leave', async () => {
    const p = await production();
    const director = await p.join('director', 'Dana');
    const owner = await device(p.owner.token);
    await vi.waitFor(() =>
      expect(lastRoster(owner)).toEqual([
        { memberId: p.owner.member.id, name: 'Olive Owner', role: 'producer', board: null, devices: 1 },
      ]),
    );
    const tablet = await device(director.token);
    const laptop = await device(director.token);
    tablet.socket.emit('presence:board', 'shotlist');
    const expected = [
      { memberId: p.owner.member.id, name: 'Olive Owner', role: 'producer', board: null, devices: 1 },
      { memberId: director.member.id, name: 'Dana', role: 'director', board: 'shotlist', devices: 2 },
    ];
    await vi.waitFor(() => expect(lastRoster(owner)).toEqual(expected));
    await vi.waitFor(() => expect(lastRoster(laptop)).toEqual(expected));
    tablet.socket.disconnect();
    laptop.socket.disconnect();
    await vi.waitFor(() => expect(lastRoster(owner).map((e) => e.memberId)).toEqual([p.owner.member.id]));
  });

  it('[S2][S3] keeps productions apart and ignores an invalid board', async () => {
    const p = await production();
    const q = await production();
    const a = await device(p.owner.token);
    const b = await device(q.owner.token);
    b.socket.emit('presence:board', 'catering' as never);
    b.socket.emit('presence:board', 'schedule');
    await vi.waitFor(() => expect(lastRoster(b)[0]?.board).toBe('schedule'));
    expect(lastRoster(a)).toEqual([expect.objectContaining({ memberId: p.owner.member.id, board: null })]);
    expect(b.rosters.flat().some((e) => e.board !== null && e.board !== 'schedule')).toBe(false);
  });
});

describe('set status', () => {
  it('[S4] lets the AD call it for everyone, with time and who; a late joiner gets it on connect', async () => {
    const p = await production();
    const ad = await p.join('ad', 'Avery');
    const owner = await device(p.owner.token);
    const adDevice = await device(ad.token);
    expect(owner.statuses).toEqual([null]);
    const before = Date.now();
    await expect(adDevice.socket.timeout(5_000).emitWithAck('set-status:update', 'rolling')).resolves.toEqual(
      {
        ok: true,
      },
    );
    const by = { id: ad.member.id, name: 'Avery', role: 'ad' };
    await vi.waitFor(() => expect(owner.statuses.at(-1)).toMatchObject({ value: 'rolling', by }));
    expect(Date.parse(owner.statuses.at(-1)!.at)).toBeGreaterThanOrEqual(before - 1_000);
    const late = await device(p.owner.token);
    expect(late.statuses).toEqual([owner.statuses.at(-1)]);
  });

  it('[S4] refuses crew and invalid values with an ack error, and changes nothing', async () => {
    const p = await production();
    const crew = await p.join('crew', 'Casey');
    const crewDevice = await device(crew.token);
    const refused = await crewDevice.socket.timeout(5_000).emitWithAck('set-status:update', 'wrap');
    expect(refused).toEqual({ ok: false, error: expect.stringMatching(/ad and producer/) });
    const owner = await device(p.owner.token);
    const invalid = await owner.socket.timeout(5_000).emitWithAck('set-status:update', 'party' as never);
    expect(invalid).toEqual({ ok: false, error: expect.stringMatching(/Invalid set status/) });
    expect(owner.statuses).toEqual([null]);
    expect(crewDevice.statuses).toEqual([null]);
  });

  it('[S6] refuses a socket that sends more events per second than allowed', async () => {
    const limited = await startHarness({ setChannel: { maxEventsPerSecond: 2 } });
    onTestFinished(() => limited.close());
    const created = await call<CreateProductionResponse>(limited.origin, 'POST', '/api/productions', {
      body: { name: 'A', ownerName: 'B' },
    });
    const socket = setSocket(limited.origin, { token: created.body.token });
    onTestFinished(() => {
      socket.disconnect();
    });
    const acks = await Promise.all(
      ['prepping', 'rolling', 'cut'].map((v) =>
        socket.timeout(5_000).emitWithAck('set-status:update', v as never),
      ),
    );
    expect(acks.filter((a) => a.ok)).toHaveLength(2);
    expect(acks.find((a) => !a.ok)).toEqual({ ok: false, error: expect.stringMatching(/Too many/) });
  });
});

describe('notifications', () => {
  it('[S5] stamps and broadcasts a notification, and replays the history to a late joiner', async () => {
    const p = await production();
    const director = await p.join('director', 'Dana');
    const owner = await device(p.owner.token);
    const dir = await device(director.token);
    const ack = await dir.socket
      .timeout(5_000)
      .emitWithAck('notification:send', { kind: 'shot-done', text: ' 12A is done ', board: 'shotlist' });
    expect(ack).toEqual({ ok: true });
    const expected = {
      id: expect.any(String),
      at: expect.any(String),
      kind: 'shot-done',
      text: '12A is done',
      board: 'shotlist',
      by: { id: director.member.id, name: 'Dana', role: 'director' },
    };
    await vi.waitFor(() => expect(owner.notifications).toEqual([expected]));
    await vi.waitFor(() => expect(dir.notifications).toEqual([expected]));
    const late = await device(p.owner.token);
    expect(late.history).toEqual([[owner.notifications[0]]]);
  });

  it.each([
    ['an unknown kind', { kind: 'gossip', text: 'hi' }, /kind/],
    ['empty text', { kind: 'note', text: '   ' }, /text: must not be empty/],
    ['text over 280 characters', { kind: 'note', text: 'x'.repeat(281) }, /text: must be at most 280/],
    ['an unknown field', { kind: 'note', text: 'hi', urgent: true }, /urgent/],
  ])('[S5] refuses %s with an ack error and broadcasts nothing', async (_case, input, message) => {
    const p = await production();
    const owner = await device(p.owner.token);
    const ack = await owner.socket.timeout(5_000).emitWithAck('notification:send', input as never);
    expect(ack).toEqual({ ok: false, error: expect.stringMatching(message) });
    expect(owner.notifications).toEqual([]);
  });

  it('[S5] keeps money away from roles that cannot read the cost report', async () => {
    const p = await production();
    const crew = await p.join('crew', 'Casey');
    const owner = await device(p.owner.token);
    const crewDevice = await device(crew.token);
    const refused = await crewDevice.socket
      .timeout(5_000)
      .emitWithAck('notification:send', { kind: 'over-budget', text: 'Camera is 6% over' });
    expect(refused).toEqual({ ok: false, error: expect.stringMatching(/cannot read the costreport/) });
    await owner.socket
      .timeout(5_000)
      .emitWithAck('notification:send', { kind: 'over-budget', text: 'Camera is 6% over' });
    await owner.socket.timeout(5_000).emitWithAck('notification:send', { kind: 'note', text: 'Lunch in 10' });
    await vi.waitFor(() =>
      expect(owner.notifications.map((n) => n.text)).toEqual(['Camera is 6% over', 'Lunch in 10']),
    );
    await vi.waitFor(() => expect(crewDevice.notifications.map((n) => n.text)).toEqual(['Lunch in 10']));
    expect(owner.notifications[0]?.board).toBe('costreport');
    const lateCrew = await device(crew.token);
    expect(lateCrew.history[0]?.map((n) => n.text)).toEqual(['Lunch in 10']);
  });
});

describe('revocation', () => {
  it('[S7] ends the revoked member session on every device within a second, and refuses it afterwards', async () => {
    const p = await production();
    const crew = await p.join('crew', 'Casey');
    const owner = await device(p.owner.token);
    const phone = await device(crew.token);
    await vi.waitFor(() => expect(lastRoster(owner)).toHaveLength(2));
    const reasons: string[] = [];
    phone.socket.on('disconnect', (reason) => reasons.push(reason));
    const start = Date.now();
    const res = await call(h.origin, 'DELETE', `/api/productions/${p.id}/members/${crew.member.id}`, {
      token: p.owner.token,
    });
    expect(res.status).toBe(204);
    await vi.waitFor(() => expect(reasons).toEqual(['io server disconnect']), 1_000);
    expect(Date.now() - start).toBeLessThan(1_000);
    expect(phone.ended).toEqual([{ code: 'revoked', message: expect.any(String) }]);
    await vi.waitFor(() => expect(lastRoster(owner).map((e) => e.memberId)).toEqual([p.owner.member.id]));
    await expect(device(crew.token)).rejects.toThrow(/Invalid token/);
    expect(owner.socket.connected).toBe(true);
  });

  it('[S8] ends a session whose token expires while it is open', async () => {
    const checked = await startHarness({ setChannel: { sessionCheckIntervalMs: 50 } });
    onTestFinished(() => checked.close());
    const created = await call<CreateProductionResponse>(checked.origin, 'POST', '/api/productions', {
      body: { name: 'A', ownerName: 'B' },
    });
    const socket = setSocket(checked.origin, { token: created.body.token });
    onTestFinished(() => {
      socket.disconnect();
    });
    const ended: string[] = [];
    socket.on('session-ended', (e) => ended.push(e.code));
    await vi.waitFor(() => expect(socket.connected).toBe(true));
    checked.advanceDays(181);
    await vi.waitFor(() => expect(socket.connected).toBe(false), 2_000);
    expect(ended).toEqual(['expired']);
  });
});

it('[S9] close ends connections as a transport close (clients reconnect) and leaves the HTTP server up', async () => {
  const own = await startHarness();
  onTestFinished(() => own.close());
  const created = await call<CreateProductionResponse>(own.origin, 'POST', '/api/productions', {
    body: { name: 'A', ownerName: 'B' },
  });
  const socket = setSocket(own.origin, { token: created.body.token });
  onTestFinished(() => {
    socket.disconnect();
  });
  const reasons: string[] = [];
  socket.on('disconnect', (reason) => reasons.push(reason));
  await vi.waitFor(() => expect(socket.connected).toBe(true));
  await own.channel.close();
  await vi.waitFor(() => expect(reasons).toEqual(['transport close']));
  expect((await call(own.origin, 'GET', '/api/me', { token: created.body.token })).status).toBe(200);
});
