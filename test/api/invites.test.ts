/**
 * Personal invites over HTTP (server/http/API.md A5, A6, A13-A15): created with uses and a lifetime, listed
 * for the owner with who used them, revoked at once, and refused with 410 once they cannot admit anyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApiError,
  CreateInviteResponse,
  CreateProductionResponse,
  InvitesResponse,
  JoinResponse,
  MeResponse,
} from '../../shared/api-types';
import { call, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function production(name = 'Night Ferry') {
  const res = await call<CreateProductionResponse>(h.origin, 'POST', '/api/productions', {
    body: { name, ownerName: 'Olive Owner' },
  });
  expect(res.status).toBe(201);
  const id = res.body.production.id;
  const ownerToken = res.body.token;
  return {
    id,
    ownerToken,
    invite: (body: Record<string, unknown>, token = ownerToken) =>
      call<CreateInviteResponse & ApiError>(h.origin, 'POST', `/api/productions/${id}/invites`, {
        token,
        body,
      }),
    list: (token = ownerToken) =>
      call<InvitesResponse & ApiError>(h.origin, 'GET', `/api/productions/${id}/invites`, { token }),
    revoke: (inviteId: string, token = ownerToken) =>
      call<ApiError | undefined>(h.origin, 'DELETE', `/api/productions/${id}/invites/${inviteId}`, { token }),
    removeMember: (memberId: string) =>
      call(h.origin, 'DELETE', `/api/productions/${id}/members/${memberId}`, { token: ownerToken }),
  };
}

const join = (code: string, name: string) =>
  call<JoinResponse & ApiError>(h.origin, 'POST', '/api/join', { body: { code, name } });

describe('personal invites', () => {
  it('[A5] an invite is personal by default: one use, the configured lifetime, an id and nobody yet', async () => {
    const p = await production();
    const before = Date.now();
    const res = await p.invite({ role: 'crew' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      code: expect.any(String),
      url: `${h.origin}/join/${encodeURIComponent(res.body.code)}`,
      role: 'crew',
      uses: 1,
      usesLeft: 1,
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
      usedBy: [],
    });
    const lifetimeDays = (Date.parse(res.body.expiresAt) - before) / 86_400_000;
    expect(lifetimeDays).toBeGreaterThanOrEqual(30);
    expect(lifetimeDays).toBeLessThan(30.01);
  });

  it('[A5] takes the number of uses and the lifetime in days', async () => {
    const p = await production();
    const res = await p.invite({ role: 'director', uses: 4, expiresInDays: 2 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ role: 'director', uses: 4, usesLeft: 4 });
    expect(Date.parse(res.body.expiresAt) - Date.parse(res.body.createdAt)).toBe(2 * 86_400_000);
  });

  it('[A2][A5] refuses uses and lifetimes out of bounds with a 400 naming the field, and creates nothing', async () => {
    const p = await production();
    for (const [body, field] of [
      [{ role: 'crew', uses: 0 }, 'uses'],
      [{ role: 'crew', uses: 1.5 }, 'uses'],
      [{ role: 'crew', uses: '2' }, 'uses'],
      [{ role: 'crew', uses: 1001 }, 'uses'],
      [{ role: 'crew', expiresInDays: 0 }, 'expiresInDays'],
      [{ role: 'crew', expiresInDays: 366 }, 'expiresInDays'],
      [{ role: 'crew', expiresInDays: null }, 'expiresInDays'],
    ] as const) {
      const res = await p.invite(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toContain(field);
    }
    expect((await p.list()).body.invites).toEqual([]);
  });

  it('[A6] the second person to open a personal invite gets 410 saying it was used, and nothing changes', async () => {
    const p = await production();
    const { code } = (await p.invite({ role: 'crew' })).body;
    expect((await join(code, 'Kim')).status).toBe(201);
    const second = await join(code, 'Lee');
    expect(second.status).toBe(410);
    expect(second.body.error).toEqual({ code: 'gone', message: expect.stringMatching(/used/) });
    const members = await call<{ members: Array<{ name: string }> }>(
      h.origin,
      'GET',
      `/api/productions/${p.id}/members`,
      { token: p.ownerToken },
    );
    expect(members.body.members.map((m) => m.name)).toEqual(['Olive Owner', 'Kim']);
  });

  it('[A5][A6] an invite with a lifetime of seconds answers 410 as expired once it has passed', async () => {
    const p = await production();
    const invite = (await p.invite({ role: 'crew', uses: 5, expiresInDays: 2 / 86_400 })).body;
    expect(Date.parse(invite.expiresAt) - Date.parse(invite.createdAt)).toBe(2_000);
    expect((await p.list()).body.invites.map((i) => i.id)).toEqual([invite.id]);
    // Listed while it can admit someone; gone from the list once it expired.
    await expect
      .poll(async () => (await p.list()).body.invites.length, { timeout: 10_000, interval: 250 })
      .toBe(0);
    const late = await join(invite.code, 'Late');
    expect(late.status).toBe(410);
    expect(late.body.error.message).toMatch(/expired/);
    expect((await p.list()).body.invites).toEqual([]);
  });

  it('[A6] answers 404 for a code that never existed, unlike one that did', async () => {
    const res = await join('never-issued-code', 'Kim');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('[A13][A16] lists the active invites with uses left, expiry and who used them, for the owner only', async () => {
    const p = await production();
    const personal = (await p.invite({ role: 'ad' })).body;
    const shared = (await p.invite({ role: 'crew', uses: 3, expiresInDays: 5 })).body;
    const spent = (await p.invite({ role: 'department' })).body;
    const ari = (await join(shared.code, 'Ari')).body;
    await join(spent.code, 'Dee');

    const res = await p.list();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.invites).toEqual([
      {
        id: personal.id,
        role: 'ad',
        uses: 1,
        usesLeft: 1,
        createdAt: personal.createdAt,
        expiresAt: personal.expiresAt,
        usedBy: [],
      },
      {
        id: shared.id,
        role: 'crew',
        uses: 3,
        usesLeft: 2,
        createdAt: shared.createdAt,
        expiresAt: shared.expiresAt,
        usedBy: [{ memberId: ari.member.id, name: 'Ari', usedAt: expect.any(String), removed: false }],
      },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(shared.code);

    const other = await production('Other Film');
    expect((await p.list(ari.token)).status).toBe(403);
    expect((await p.list(other.ownerToken)).status).toBe(404);
    expect((await call(h.origin, 'GET', `/api/productions/${p.id}/invites`)).status).toBe(401);
  });

  it('[A14] revoking an invite stops it at once (410); a second revoke and unknown ids are 404', async () => {
    const p = await production();
    const shared = (await p.invite({ role: 'crew', uses: 10 })).body;
    const early = (await join(shared.code, 'Early')).body;
    const crew = (await join((await p.invite({ role: 'crew' })).body.code, 'Cam')).body;

    expect((await p.revoke(shared.id, crew.token)).status).toBe(403);
    expect((await p.revoke(shared.id)).status).toBe(204);
    const late = await join(shared.code, 'Late');
    expect(late.status).toBe(410);
    expect(late.body.error.message).toMatch(/revoked/);
    expect((await p.list()).body.invites.map((i) => i.id)).not.toContain(shared.id);
    expect((await p.revoke(shared.id)).status).toBe(404);
    expect((await p.revoke('no-such-invite')).status).toBe(404);
    const other = await production('Other Film');
    const foreign = (await other.invite({ role: 'crew' })).body;
    expect((await p.revoke(foreign.id)).status).toBe(404);
    expect((await other.list()).body.invites.map((i) => i.id)).toEqual([foreign.id]);
    // Who already joined with it stays in.
    expect((await call(h.origin, 'GET', '/api/me', { token: early.token })).status).toBe(200);
  });

  it('[A6][A15] a removed director cannot rejoin through the link they used', async () => {
    const p = await production();
    const personal = (await p.invite({ role: 'director' })).body;
    const director = (await join(personal.code, 'Dana')).body;
    expect((await p.removeMember(director.member.id)).status).toBe(204);
    const again = await join(personal.code, 'Dana');
    expect(again.status).toBe(410);
    expect(again.body).not.toHaveProperty('token');

    // A shared link: the owner removes the director and revokes the link they came through.
    const shared = (await p.invite({ role: 'director', uses: 5 })).body;
    const second = (await join(shared.code, 'Dana')).body;
    const [listed] = (await p.list()).body.invites.filter((i) => i.id === shared.id);
    expect(listed!.usedBy.map((u) => u.memberId)).toEqual([second.member.id]);
    expect((await p.removeMember(second.member.id)).status).toBe(204);
    expect((await p.revoke(shared.id)).status).toBe(204);
    expect((await join(shared.code, 'Dana')).status).toBe(410);
    expect((await call<MeResponse>(h.origin, 'GET', '/api/me', { token: second.token })).status).toBe(401);
    const members = await call<{ members: Array<{ role: string }> }>(
      h.origin,
      'GET',
      `/api/productions/${p.id}/members`,
      { token: p.ownerToken },
    );
    expect(members.body.members.map((m) => m.role)).toEqual(['producer']);
  });
});
