/** The owner chooses who approves versions (API.md A19, V5), through the whole server. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApproversResponse, MeResponse } from '../../shared/api-types';
import { BOARDS, DEFAULT_PERMISSIONS, defaultApprovers, mayApprove } from '../../shared/boards';
import type { VersionInfo } from '../../shared/versions/api';
import { api, createProduction, startTestServer, type TestServer } from '../helpers/test-server';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup() {
  const server = await startTestServer();
  servers.push(server);
  const production = await createProduction(server.origin);
  const base = `/api/productions/${production.productionId}`;
  return { server, production, base };
}

describe('who approves versions', () => {
  it('[A19] defaults follow domain.md: the producer for the cost report, the writers elsewhere', () => {
    expect(defaultApprovers('costreport', DEFAULT_PERMISSIONS)).toEqual(['producer']);
    expect(defaultApprovers('schedule', DEFAULT_PERMISSIONS)).toEqual(['producer', 'ad']);
    expect(defaultApprovers('shotlist', DEFAULT_PERMISSIONS)).toEqual(['director', 'ad']);
    // A role named by the owner still needs to read the board: nobody signs what they cannot see.
    expect(mayApprove({ costreport: ['crew'] }, DEFAULT_PERMISSIONS, 'crew', 'costreport')).toBe(false);
    expect(mayApprove({ shotlist: ['producer'] }, DEFAULT_PERMISSIONS, 'producer', 'shotlist')).toBe(true);
    expect(mayApprove({ shotlist: ['producer'] }, DEFAULT_PERMISSIONS, 'director', 'shotlist')).toBe(false);
  });

  it('[A19] [V5] the owner names the approvers of a board; approval and /api/me follow; null restores the default', async () => {
    const { server, production, base } = await setup();
    const director = await production.member('director', 'Dana Director');
    const ad = await production.member('ad');

    const before = await api<ApproversResponse>(server.origin, 'GET', `${base}/approvers`, director.token);
    expect(before.status).toBe(200);
    expect(before.body.chosen).toEqual({});
    expect(before.body.approvers.shotlist).toEqual(['director', 'ad']);
    expect(Object.keys(before.body.approvers)).toEqual([...BOARDS]);

    // Only the owner chooses; a bad body is named and changes nothing.
    expect(
      (
        await api(server.origin, 'PUT', `${base}/approvers`, director.token, {
          approvers: { shotlist: ['director'] },
        })
      ).status,
    ).toBe(403);
    const bad = await api<{ error: { message: string } }>(
      server.origin,
      'PUT',
      `${base}/approvers`,
      production.ownerToken,
      {
        approvers: { shotlist: ['boss'] },
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('approvers.shotlist');

    const put = await api<ApproversResponse>(
      server.origin,
      'PUT',
      `${base}/approvers`,
      production.ownerToken,
      {
        approvers: { shotlist: ['director'] },
      },
    );
    expect(put.status).toBe(200);
    expect(put.body.chosen).toEqual({ shotlist: ['director'] });
    expect(put.body.approvers.shotlist).toEqual(['director']);

    const me = await api<MeResponse>(server.origin, 'GET', '/api/me', ad.token);
    expect(me.body.approves).not.toContain('shotlist');
    expect(me.body.approves).toContain('schedule');

    const version = await api<{ version: VersionInfo }>(
      server.origin,
      'POST',
      `${base}/boards/shotlist/versions`,
      ad.token,
      { name: 'Shot list for day 1' },
    );
    const approve = `${base}/boards/shotlist/versions/${version.body.version.id}/approve`;
    const refused = await api<{ error: { message: string } }>(server.origin, 'POST', approve, ad.token);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('Director may');
    expect((await api(server.origin, 'POST', approve, director.token)).status).toBe(200);

    const back = await api<ApproversResponse>(
      server.origin,
      'PUT',
      `${base}/approvers`,
      production.ownerToken,
      {
        approvers: { shotlist: null },
      },
    );
    expect(back.body.chosen).toEqual({});
    expect(back.body.approvers.shotlist).toEqual(['director', 'ad']);
  });
});
