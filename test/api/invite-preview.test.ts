/**
 * The join page names the production and the role before anyone types a name (A17); whoever starts a
 * production chooses their role (A1); the landing page's demo links (A18). Whole server on port 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CreateInviteResponse,
  CreateProductionResponse,
  DemoResponse,
  InvitePreviewResponse,
  MeResponse,
} from '../../shared/api-types';
import { api, startTestServer, type TestServer } from '../helpers/test-server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('starting a production', () => {
  it('[A1] the owner chooses their role: a director-owner may write the shot list and is still the owner', async () => {
    const created = await api<CreateProductionResponse>(t.origin, 'POST', '/api/productions', undefined, {
      name: 'Indie Feature',
      ownerName: 'Ida Indie',
      ownerRole: 'director',
    });
    expect(created.status).toBe(201);
    expect(created.body.member).toMatchObject({ role: 'director', owner: true });
    const me = await api<MeResponse>(t.origin, 'GET', '/api/me', created.body.token);
    expect(me.body.permissions.shotlist).toBe('write');
    // Owner routes still answer (the owner can change the matrix, e.g. to also write the cost report).
    const matrix = await api(
      t.origin,
      'GET',
      `/api/productions/${created.body.production.id}/permissions`,
      created.body.token,
    );
    expect(matrix.status).toBe(200);
  });

  it('[A1] without ownerRole the owner is a producer; an unknown role → 400 naming ownerRole', async () => {
    const plain = await api<CreateProductionResponse>(t.origin, 'POST', '/api/productions', undefined, {
      name: 'Office Film',
      ownerName: 'Pat Producer',
    });
    expect(plain.body.member.role).toBe('producer');
    const bad = await api<{ error: { message: string } }>(t.origin, 'POST', '/api/productions', undefined, {
      name: 'Office Film',
      ownerName: 'Pat Producer',
      ownerRole: 'auteur',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid request body: ownerRole/);
  });
});

describe('invite preview', () => {
  it('[A17] names the production and the role, without a token and without using the invite', async () => {
    const created = await api<CreateProductionResponse>(t.origin, 'POST', '/api/productions', undefined, {
      name: 'Harbour Lights',
      ownerName: 'Olive Owner',
    });
    const invite = await api<CreateInviteResponse>(
      t.origin,
      'POST',
      `/api/productions/${created.body.production.id}/invites`,
      created.body.token,
      { role: 'ad' },
    );
    const preview = await api<InvitePreviewResponse>(t.origin, 'GET', `/api/invites/${invite.body.code}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({ production: { name: 'Harbour Lights' }, role: 'ad' });
    // Still usable: the preview spent nothing.
    const joined = await api(t.origin, 'POST', '/api/join', undefined, {
      code: invite.body.code,
      name: 'Ada',
    });
    expect(joined.status).toBe(201);
    const used = await api<{ error: { code: string; message: string } }>(
      t.origin,
      'GET',
      `/api/invites/${invite.body.code}`,
    );
    expect(used.status).toBe(410);
    expect(used.body.error).toMatchObject({ code: 'gone', message: expect.stringMatching(/used/) });
    const unknown = await api<{ error: { code: string } }>(t.origin, 'GET', '/api/invites/not-a-code');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
  });
});

describe('demo links', () => {
  it('[A18] 404 while the server offers no demo; the offered links once it does', async () => {
    expect((await api(t.origin, 'GET', '/api/demo')).status).toBe(404);
    const offer: DemoResponse = {
      production: { name: 'Low Tide' },
      links: [{ role: 'director', path: '/join/abc' }],
    };
    t.server.offerDemo(offer);
    const demo = await api<DemoResponse>(t.origin, 'GET', '/api/demo');
    expect(demo.status).toBe(200);
    expect(demo.body).toEqual(offer);
  });
});
