import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PERMISSIONS, type PermissionMatrix } from '../../shared/boards';
import type {
  ApiError,
  CreateInviteResponse,
  CreateProductionResponse,
  JoinResponse,
  MeResponse,
  MembersResponse,
  PermissionsResponse,
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
  const { production, token } = res.body;
  const invite = async (role: string, as = token) =>
    call<CreateInviteResponse & ApiError>(h.origin, 'POST', `/api/productions/${production.id}/invites`, {
      token: as,
      body: { role },
    });
  const join = async (role: string, memberName = `${role} person`) => {
    const code = (await invite(role)).body.code;
    const joined = await call<JoinResponse>(h.origin, 'POST', '/api/join', {
      body: { code, name: memberName },
    });
    expect(joined.status).toBe(201);
    return joined.body;
  };
  return { ...res.body, id: production.id, ownerToken: token, invite, join };
}

function errorOf(res: { body: unknown }) {
  return (res.body as ApiError).error;
}

describe('POST /api/productions', () => {
  it('[A1] creates a production with its owner as producer and returns a working token', async () => {
    const res = await call<CreateProductionResponse>(h.origin, 'POST', '/api/productions', {
      body: { name: '  Night Ferry  ', ownerName: 'Olive' },
    });
    expect(res.status).toBe(201);
    expect(res.body.production).toEqual({ id: expect.any(String), name: 'Night Ferry' });
    expect(res.body.member).toEqual({ id: expect.any(String), name: 'Olive', role: 'producer', owner: true });
    // At least 128 random bits, whatever the encoding.
    expect(res.body.token.length).toBeGreaterThanOrEqual(22);
    const me = await call<MeResponse>(h.origin, 'GET', '/api/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body.production).toEqual(res.body.production);
  });

  it.each([
    ['an unknown field', { name: 'A', ownerName: 'B', owner: true }, /Unrecognized key: "owner"/],
    ['a bad type', { name: 5, ownerName: 'B' }, /name: .*expected string/],
    ['a missing field', { name: 'A' }, /ownerName: /],
    ['a blank name', { name: '   ', ownerName: 'B' }, /name: must not be empty/],
    ['a name over 80 characters', { name: 'x'.repeat(81), ownerName: 'B' }, /name: must be at most 80/],
    ['an array body', [], /body: .*expected object/],
  ])('[A2] rejects %s with 400 naming the field', async (_case, body, message) => {
    const res = await call(h.origin, 'POST', '/api/productions', { body });
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('bad_request');
    expect(errorOf(res).message).toMatch(message);
  });

  it('[A2] answers malformed JSON with 400 without echoing the body', async () => {
    const res = await call(h.origin, 'POST', '/api/productions', { body: '{"name": "secret-abc",' });
    expect(res.status).toBe(400);
    expect(errorOf(res)).toEqual({ code: 'bad_request', message: 'The request body is not valid JSON.' });
  });

  it('[A2] answers a non-JSON body with 415 and an oversized body with 413', async () => {
    const text = await call(h.origin, 'POST', '/api/productions', {
      body: 'name=A',
      contentType: 'text/plain',
    });
    expect(text.status).toBe(415);
    expect(errorOf(text).code).toBe('unsupported_media_type');
    const big = await call(h.origin, 'POST', '/api/productions', {
      body: { name: 'A', ownerName: 'x'.repeat(20_000) },
    });
    expect(big.status).toBe(413);
    expect(errorOf(big).code).toBe('payload_too_large');
  });
});

describe('invites and joining', () => {
  it('[A5][A6] lets the owner invite; the url is <origin>/join/<code> and the code joins with that role', async () => {
    const p = await production();
    const invite = await p.invite('director');
    expect(invite.status).toBe(201);
    expect(invite.body.role).toBe('director');
    expect(invite.body.url).toBe(`${h.origin}/join/${encodeURIComponent(invite.body.code)}`);
    const joined = await call<JoinResponse>(h.origin, 'POST', '/api/join', {
      body: { code: invite.body.code, name: ' Dana Director ' },
    });
    expect(joined.status).toBe(201);
    expect(joined.body.productionId).toBe(p.id);
    expect(joined.body.member).toEqual({
      id: expect.any(String),
      name: 'Dana Director',
      role: 'director',
      owner: false,
    });
  });

  it('[A3][A4] refuses invites from non-owners (403), other productions (404) and anonymous callers (401)', async () => {
    const p = await production();
    const other = await production('Other Film');
    const crew = await p.join('crew');
    expect((await p.invite('crew', crew.token)).status).toBe(403);
    // Another production's owner gets the same answer as for an id that does not exist.
    const foreign = await call(h.origin, 'POST', `/api/productions/${p.id}/invites`, {
      token: other.ownerToken,
      body: { role: 'crew' },
    });
    const missing = await call(h.origin, 'POST', '/api/productions/no-such-id/invites', {
      token: other.ownerToken,
      body: { role: 'crew' },
    });
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    const anonymous = await call(h.origin, 'POST', `/api/productions/${p.id}/invites`, {
      body: { role: 'crew' },
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(errorOf(anonymous).code).toBe('unauthorized');
  });

  it('[A2] rejects an unknown role with 400', async () => {
    const p = await production();
    const res = await p.invite('gaffer');
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toMatch(/role/);
  });

  it('[A6] answers an unknown code with 404, an expired one with 410 and a missing name with 400', async () => {
    const p = await production();
    const code = (await p.invite('crew')).body.code;
    expect((await call(h.origin, 'POST', '/api/join', { body: { code: 'nope', name: 'Kim' } })).status).toBe(
      404,
    );
    const nameless = await call(h.origin, 'POST', '/api/join', { body: { code } });
    expect(nameless.status).toBe(400);
    expect(errorOf(nameless).message).toMatch(/name/);
    h.advanceDays(31);
    try {
      const expired = await call(h.origin, 'POST', '/api/join', { body: { code, name: 'Kim' } });
      expect(expired.status).toBe(410);
      expect(errorOf(expired)).toEqual({ code: 'gone', message: expect.stringMatching(/expired/) });
    } finally {
      h.advanceDays(-31);
    }
  });

  it('[A5] uses the configured public URL for invite links', async () => {
    const other = await startHarness({ publicUrl: 'http://192.168.1.20:8080' });
    try {
      const created = await call<CreateProductionResponse>(other.origin, 'POST', '/api/productions', {
        body: { name: 'A', ownerName: 'B' },
      });
      const invite = await call<CreateInviteResponse>(
        other.origin,
        'POST',
        `/api/productions/${created.body.production.id}/invites`,
        { token: created.body.token, body: { role: 'crew' } },
      );
      expect(invite.body.url).toBe(`http://192.168.1.20:8080/join/${encodeURIComponent(invite.body.code)}`);
    } finally {
      await other.close();
    }
  });
});

describe('GET /api/me', () => {
  it("[A7] returns the member, the production and the role's row of the matrix", async () => {
    const p = await production();
    const crew = await p.join('crew', 'Casey');
    const me = await call<MeResponse>(h.origin, 'GET', '/api/me', { token: crew.token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      member: crew.member,
      production: p.production,
      permissions: DEFAULT_PERMISSIONS.crew,
      // A19: crew writes no board, so by default they approve none.
      approves: [],
    });
    expect(me.body.permissions.costreport).toBe('none');
  });

  it('[A3] answers a missing, unknown or expired token with 401', async () => {
    const p = await production();
    expect((await call(h.origin, 'GET', '/api/me')).status).toBe(401);
    expect((await call(h.origin, 'GET', '/api/me', { token: 'forged' })).status).toBe(401);
    h.advanceDays(181);
    try {
      expect((await call(h.origin, 'GET', '/api/me', { token: p.ownerToken })).status).toBe(401);
    } finally {
      h.advanceDays(-181);
    }
  });
});

describe('members and revocation', () => {
  it('[A8][A4] lists members to any member of the production, and 404 to others', async () => {
    const p = await production();
    const crew = await p.join('crew', 'Casey');
    const list = await call<MembersResponse>(h.origin, 'GET', `/api/productions/${p.id}/members`, {
      token: crew.token,
    });
    expect(list.status).toBe(200);
    expect(list.body.members).toEqual([p.member, crew.member]);
    const other = await production('Other');
    expect(
      (await call(h.origin, 'GET', `/api/productions/${p.id}/members`, { token: other.ownerToken })).status,
    ).toBe(404);
  });

  it('[A9] revokes at once: the token stops working, the member leaves the list, and the bus hears of it', async () => {
    const p = await production();
    const ad = await p.join('ad');
    const url = `/api/productions/${p.id}/members/${ad.member.id}`;
    expect((await call(h.origin, 'DELETE', url, { token: ad.token })).status).toBe(403);
    const res = await call(h.origin, 'DELETE', url, { token: p.ownerToken });
    expect(res.status).toBe(204);
    expect(h.events).toContainEqual({ type: 'member-revoked', productionId: p.id, memberId: ad.member.id });
    expect((await call(h.origin, 'GET', '/api/me', { token: ad.token })).status).toBe(401);
    const list = await call<MembersResponse>(h.origin, 'GET', `/api/productions/${p.id}/members`, {
      token: p.ownerToken,
    });
    expect(list.body.members.map((m) => m.id)).toEqual([p.member.id]);
    expect((await call(h.origin, 'DELETE', url, { token: p.ownerToken })).status).toBe(404);
  });

  it('[A9] refuses the owner removing themselves (409) and unknown members (404)', async () => {
    const p = await production();
    const self = await call(h.origin, 'DELETE', `/api/productions/${p.id}/members/${p.member.id}`, {
      token: p.ownerToken,
    });
    expect(self.status).toBe(409);
    expect(errorOf(self).code).toBe('conflict');
    const unknown = await call(h.origin, 'DELETE', `/api/productions/${p.id}/members/nobody`, {
      token: p.ownerToken,
    });
    expect(unknown.status).toBe(404);
  });
});

describe('permissions', () => {
  const changed = (): PermissionMatrix => ({
    ...DEFAULT_PERMISSIONS,
    crew: { ...DEFAULT_PERMISSIONS.crew, shotlist: 'none' },
  });

  it('[A10][A4] gives the owner the default matrix, and refuses everyone else', async () => {
    const p = await production();
    const director = await p.join('director');
    const res = await call<PermissionsResponse>(h.origin, 'GET', `/api/productions/${p.id}/permissions`, {
      token: p.ownerToken,
    });
    expect(res.status).toBe(200);
    expect(res.body.permissions).toEqual(DEFAULT_PERMISSIONS);
    const url = `/api/productions/${p.id}/permissions`;
    expect((await call(h.origin, 'GET', url, { token: director.token })).status).toBe(403);
    expect(
      (await call(h.origin, 'PUT', url, { token: director.token, body: { permissions: changed() } })).status,
    ).toBe(403);
  });

  it('[A10] replaces the matrix, applies it to /me and publishes the change', async () => {
    const p = await production();
    const crew = await p.join('crew');
    const url = `/api/productions/${p.id}/permissions`;
    const put = await call<PermissionsResponse>(h.origin, 'PUT', url, {
      token: p.ownerToken,
      body: { permissions: changed() },
    });
    expect(put.status).toBe(200);
    expect(put.body.permissions).toEqual(changed());
    expect(
      (await call<PermissionsResponse>(h.origin, 'GET', url, { token: p.ownerToken })).body.permissions,
    ).toEqual(changed());
    const me = await call<MeResponse>(h.origin, 'GET', '/api/me', { token: crew.token });
    expect(me.body.permissions.shotlist).toBe('none');
    expect(h.events).toContainEqual({
      type: 'permissions-changed',
      productionId: p.id,
      permissions: changed(),
    });
  });

  it.each([
    ['a missing role', () => ({ permissions: { ...changed(), crew: undefined } }), /permissions\.crew: /],
    [
      'an unknown access level',
      () => ({ permissions: { ...changed(), crew: { ...changed().crew, costreport: 'admin' } } }),
      /permissions\.crew\.costreport/,
    ],
    [
      'an unknown board',
      () => ({ permissions: { ...changed(), ad: { ...changed().ad, catering: 'read' } } }),
      /permissions\.ad: Unrecognized key: "catering"/,
    ],
    ['an unknown role', () => ({ permissions: { ...changed(), gaffer: changed().crew } }), /gaffer/],
    ['an unknown top-level field', () => ({ permissions: changed(), merge: true }), /merge/],
  ])('[A10][A2] rejects a matrix with %s (400) and leaves it unchanged', async (_case, body, message) => {
    const p = await production();
    const url = `/api/productions/${p.id}/permissions`;
    const res = await call(h.origin, 'PUT', url, { token: p.ownerToken, body: body() });
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toMatch(message);
    expect(
      (await call<PermissionsResponse>(h.origin, 'GET', url, { token: p.ownerToken })).body.permissions,
    ).toEqual(DEFAULT_PERMISSIONS);
  });
});

it('[A11] answers an unknown API route with a JSON 404', async () => {
  const res = await call(h.origin, 'GET', '/api/nothing-here');
  expect(res.status).toBe(404);
  expect(errorOf(res).code).toBe('not_found');
});

it('[A12] never writes a token or an invite code to the log, even on failures', async () => {
  let logged = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged += chunk.toString();
      done();
    },
  });
  const verbose = await startHarness({ logger: pino({ level: 'trace' }, sink) });
  try {
    const created = await call<CreateProductionResponse>(verbose.origin, 'POST', '/api/productions', {
      body: { name: 'A', ownerName: 'B' },
    });
    const { token } = created.body;
    const invite = await call<CreateInviteResponse>(
      verbose.origin,
      'POST',
      `/api/productions/${created.body.production.id}/invites`,
      { token, body: { role: 'crew' } },
    );
    const joined = await call<JoinResponse>(verbose.origin, 'POST', '/api/join', {
      body: { code: invite.body.code, name: 'C' },
    });
    await call(verbose.origin, 'GET', `/api/me?token=${token}`);
    await call(verbose.origin, 'POST', '/api/join', { body: `{"code":"${invite.body.code}",` });
    // A server-side failure is logged with its error; it must still carry no secret.
    await verbose.directory.close();
    expect((await call(verbose.origin, 'GET', '/api/me', { token: joined.body.token })).status).toBe(500);
    expect(logged).toContain('api request failed');
    for (const secret of [token, invite.body.code, joined.body.token]) expect(logged).not.toContain(secret);
  } finally {
    await verbose.close();
  }
});
