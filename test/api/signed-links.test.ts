/**
 * Tokens never travel in URLs: `?token=` is refused on HTTP, images and exports open through short-lived
 * signed links (server/http/API.md, U1-U5), and every answer carries the security headers. The real server on
 * an ephemeral port, the stock y-websocket provider for the one place a query token stays (`/sync/`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PermissionsResponse, SignedLinksResponse } from '../../shared/api-types';
import { createSignedLinks } from '../../server/auth/signed-links';
import {
  api,
  connectBoard,
  createProduction,
  startTestServer,
  whenSynced,
  type TestProduction,
  type TestServer,
} from '../helpers/test-server';

const SECRET = 'signed-links-test-secret-0123456789abcdef';
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('pixels of the harbour at dusk'),
]);

let server: TestServer;
let production: TestProduction;
let director: { token: string; memberId: string };
let crew: { token: string; memberId: string };
let imagePath = '';

beforeAll(async () => {
  server = await startTestServer({ SETBOARD_LINK_SECRET: SECRET });
  production = await createProduction(server.origin);
  const d = await production.member('director', 'Dana Director');
  director = { token: d.token, memberId: d.member.id };
  const c = await production.member('crew', 'Cris Crew');
  crew = { token: c.token, memberId: c.member.id };
  const uploaded = await fetch(
    `${server.origin}/api/productions/${production.productionId}/boards/moodboard/images`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${director.token}`, 'content-type': 'image/png' },
      body: new Uint8Array(PNG),
    },
  );
  expect(uploaded.status).toBe(201);
  imagePath = ((await uploaded.json()) as { url: string }).url;
});

afterAll(async () => {
  await server?.close();
});

const sign = (token: string, paths: string[], productionId = production.productionId) =>
  api<SignedLinksResponse & { error?: { code: string; message: string } }>(
    server.origin,
    'POST',
    `/api/productions/${productionId}/links`,
    token,
    { paths },
  );

/** GET without any header, as an `<img>` or a download link would. */
const open = (url: string) => fetch(`${server.origin}${url}`);

async function expectRefused(response: Response, status: number, message: RegExp) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { error: { message: string } };
  expect(body.error.message).toMatch(message);
}

describe('tokens in URLs', () => {
  it('[U1] refuses ?token= on every HTTP route with a message that says what to do, and changes nothing', async () => {
    const exportPath = `/api/productions/${production.productionId}/boards/shotlist/export.csv`;
    for (const path of ['/api/me', imagePath, exportPath, '/', '/p/x/shotlist', '/healthz']) {
      await expectRefused(await open(`${path}?token=${director.token}`), 401, /not accepted in URLs/);
    }
    // Even with a valid header beside it: the URL already leaked, so the request is not served.
    const both = await fetch(`${server.origin}/api/me?token=${director.token}`, {
      headers: { authorization: `Bearer ${director.token}` },
    });
    expect(both.status).toBe(401);
    const invite = await fetch(
      `${server.origin}/api/productions/${production.productionId}/invites?token=${production.ownerToken}`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"crew"}' },
    );
    expect(invite.status).toBe(401);
  });

  it('[U1] still takes ?token= on /sync/ for a stock y-websocket provider', async () => {
    const { provider } = connectBoard(server.wsOrigin, production.productionId, 'moodboard', director.token);
    try {
      await whenSynced(provider);
      expect(provider.wsconnected).toBe(true);
    } finally {
      provider.destroy();
    }
  });
});

describe('signed links', () => {
  it('[U2] signs this production’s images and exports for a member, and nothing else', async () => {
    const exportPath = `/api/productions/${production.productionId}/boards/costreport/export.csv?view=lines`;
    const pdfPath = `/api/productions/${production.productionId}/boards/shotlist/export.pdf`;
    const signed = await sign(director.token, [imagePath, exportPath, pdfPath]);
    expect(signed.status).toBe(200);
    for (const path of [imagePath, exportPath, pdfPath]) {
      const url = signed.body.links[path]!;
      expect(url.startsWith(path)).toBe(true);
      expect(url).toMatch(new RegExp(`[?&]member=${director.memberId}&`));
      expect(url).not.toContain(director.token);
    }
    const life = Date.parse(signed.body.expiresAt) - Date.now();
    expect(life).toBeGreaterThan(9 * 60_000);
    expect(life).toBeLessThanOrEqual(15 * 60_000);
    // Signed again within the window: the same URL, so the browser's image cache keeps working.
    expect((await sign(director.token, [imagePath])).body.links[imagePath]).toBe(
      signed.body.links[imagePath],
    );

    const other = await sign(director.token, ['/api/me']);
    expect(other.status).toBe(400);
    expect(other.body.error?.message).toMatch(/\/api\/me cannot be signed/);
    const elsewhere = await sign(director.token, [imagePath.replace(production.productionId, 'nope')]);
    expect(elsewhere.status).toBe(400);
    expect((await sign(director.token, [imagePath], 'another-production')).status).toBe(404);
    expect((await sign('', [imagePath])).status).toBe(401);
    expect((await sign(director.token, [])).status).toBe(400);
    expect(
      (
        await sign(
          director.token,
          Array.from({ length: 201 }, () => imagePath),
        )
      ).status,
    ).toBe(400);
  });

  it('[U4] opens an image and a CSV export through a signed link, with no header', async () => {
    const exportPath = `/api/productions/${production.productionId}/boards/shotlist/export.csv`;
    const { links } = (await sign(director.token, [imagePath, exportPath])).body;
    const image = await open(links[imagePath]!);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
    const csv = await open(links[exportPath]!);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="shotlist.csv"');
    expect(await csv.text()).toMatch(/^id,scene,code,/);
  });

  it('[U4] refuses an altered link with 403 and no bytes', async () => {
    const url = (await sign(director.token, [imagePath])).body.links[imagePath]!;
    const parsed = new URL(url, server.origin);
    const altered = (change: (p: URLSearchParams) => void, path = parsed.pathname) => {
      const params = new URLSearchParams(parsed.search);
      change(params);
      return `${path}?${params.toString()}`;
    };
    const tampered = [
      altered((p) => p.set('signature', `${p.get('signature')!.slice(0, -2)}AA`)),
      altered((p) => p.set('member', crew.memberId)),
      altered((p) => p.set('expires', String(Number(p.get('expires')) + 300))),
      altered((p) => p.delete('signature')),
      altered(() => {}, `${parsed.pathname.slice(0, -1)}0`),
      altered((p) => p.set('download', '1')),
    ];
    for (const link of tampered) {
      const response = await open(link);
      expect(response.status, link).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(Buffer.from(await response.arrayBuffer()).includes(PNG)).toBe(false);
    }
    // A link signed with another server's secret is no link of ours.
    const foreign = createSignedLinks({ secret: 'another-server-secret-0123456789abcdef' });
    await expectRefused(await open(foreign.sign(imagePath, director.memberId).url), 403, /signature/);
  });

  it('[U4] refuses an expired link with 401', async () => {
    const links = createSignedLinks({ secret: SECRET });
    const stale = links.sign(imagePath, director.memberId, Date.now() - 60 * 60_000);
    expect(stale.expiresAt).toBeLessThan(Date.now());
    const response = await open(stale.url);
    await expectRefused(response, 401, /expired/);
  });

  it('[U4] checks the member’s role on every use: a crew link stops when crew lose the mood board', async () => {
    const url = (await sign(crew.token, [imagePath])).body.links[imagePath]!;
    expect((await open(url)).status).toBe(200);
    const permissionsPath = `/api/productions/${production.productionId}/permissions`;
    const current = await api<PermissionsResponse>(
      server.origin,
      'GET',
      permissionsPath,
      production.ownerToken,
    );
    const permissions = {
      ...current.body.permissions,
      crew: { ...current.body.permissions.crew, moodboard: 'none' },
    };
    const put = await api(server.origin, 'PUT', permissionsPath, production.ownerToken, { permissions });
    expect(put.status).toBe(200);
    await expectRefused(await open(url), 403, /may not see the mood board/);
  });

  it('[U4] stops a removed member’s links at once', async () => {
    const gone = await production.member('department', 'Gus Gone');
    const url = (await sign(gone.token, [imagePath])).body.links[imagePath]!;
    expect((await open(url)).status).toBe(200);
    const removed = await api(
      server.origin,
      'DELETE',
      `/api/productions/${production.productionId}/members/${gone.member.id}`,
      production.ownerToken,
    );
    expect(removed.status).toBe(204);
    await expectRefused(await open(url), 401, /no longer in this production/);
  });
});

describe('security headers', () => {
  it('[U5] the HTML page, an asset route and the API carry the policy, nosniff and no-referrer', async () => {
    for (const path of ['/', '/p/some-production/shotlist', '/api/me', imagePath]) {
      const response = await fetch(`${server.origin}${path}`, {
        headers: { authorization: `Bearer ${director.token}` },
      });
      const csp = response.headers.get('content-security-policy') ?? '';
      const directives = new Map(
        csp.split(';').map((d) => {
          const [name, ...values] = d.trim().split(/\s+/);
          return [name!, values] as const;
        }),
      );
      expect(directives.get('default-src'), path).toEqual(["'self'"]);
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('img-src')).toEqual(["'self'", 'blob:', 'data:']);
      const host = `127.0.0.1:${server.port}`;
      expect(directives.get('connect-src')).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
      expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('[U5] never echoes a hostile Host header into the policy', async () => {
    const { request } = await import('node:http');
    const csp = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/me',
          headers: { host: "evil.example 'unsafe-inline'" },
        },
        (res) => {
          res.resume();
          resolve(String(res.headers['content-security-policy']));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toContain('evil');
  });
});
