import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Access, Role } from '../../shared/boards';
import type { AccessResolver } from '../../server/auth/access';
import type { Principal } from '../../server/directory/directory';
import { createSignedLinks } from '../../server/auth/signed-links';
import { createUploadRouter } from '../../server/http/uploads';
import type { LinkAuth } from '../../server/http/principal';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('not really pixels, but the magic is right'),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 7)]);

const MOODBOARD: Record<Role, Access> = {
  producer: 'read',
  director: 'write',
  ad: 'read',
  department: 'write',
  crew: 'none',
};

const links = createSignedLinks({ secret: 'uploads-test-secret-of-at-least-32-bytes' });

function linkAuth(access: AccessResolver): LinkAuth {
  return {
    links,
    authenticate: (token) => access.authenticate(token),
    member: async (productionId, memberId) => {
      const principal = await access.authenticate(`tok-${memberId}`);
      return principal?.productionId === productionId ? principal : null;
    },
  };
}

/** The image URL signed for the member of role `role` (member ids are the role names here). */
const signed = (url: string, role: string) => links.sign(url, role).url;

function resolver(): AccessResolver {
  const principals = new Map<string, Principal>();
  for (const role of Object.keys(MOODBOARD) as Role[]) {
    principals.set(`tok-${role}`, { productionId: 'prod1', memberId: role, name: role, role, owner: false });
  }
  principals.set('tok-other', {
    productionId: 'prod2',
    memberId: 'x',
    name: 'x',
    role: 'director',
    owner: true,
  });
  return {
    authenticate: async (token) => principals.get(token) ?? null,
    productionExists: async (id) => id === 'prod1' || id === 'prod2',
    access: async (p, board) => (board === 'moodboard' ? MOODBOARD[p.role] : 'none'),
  };
}

describe('mood board image uploads', () => {
  let base = '';
  let origin = '';
  let dataDir = '';

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'setboard-uploads-'));
    const app = express();
    const access = resolver();
    app.use('/api', createUploadRouter({ access, linkAuth: linkAuth(access), dataDir, maxBytes: 1024 }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    base = `${origin}/api/productions`;
    return async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dataDir, { recursive: true, force: true });
    };
  });

  const upload = (token: string | null, body: Buffer, production = 'prod1', type = 'image/png') =>
    fetch(`${base}/${production}/boards/moodboard/images`, {
      method: 'POST',
      headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: new Uint8Array(body),
    });

  it('stores an image by content hash and serves it back to readers with immutable caching', async () => {
    const res = await upload('tok-director', PNG);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; url: string; contentType: string; bytes: number };
    expect(body).toMatchObject({ contentType: 'image/png', bytes: PNG.length });
    expect(body.id).toMatch(/^[0-9a-f]{64}$/);
    expect(body.url).toBe(`/api/productions/prod1/images/${body.id}`);

    const again = await upload('tok-department', PNG);
    expect(((await again.json()) as { id: string }).id).toBe(body.id);
    expect((await readdir(path.join(dataDir, 'blobs', 'prod1'))).filter((f) => !f.startsWith('.'))).toEqual([
      body.id,
    ]);

    const viaLink = await fetch(`${origin}${signed(body.url, 'ad')}`);
    expect(viaLink.status).toBe(200);
    expect(viaLink.headers.get('content-type')).toBe('image/png');
    expect(viaLink.headers.get('cache-control')).toContain('immutable');
    expect(Buffer.from(await viaLink.arrayBuffer()).equals(PNG)).toBe(true);
    const viaHeader = await fetch(`${origin}${body.url}`, { headers: { authorization: 'Bearer tok-ad' } });
    expect(viaHeader.status).toBe(200);
  });

  it('refuses by magic bytes, size, role and production with a readable error', async () => {
    const notImage = await upload('tok-director', Buffer.from('<svg onload="alert(1)"></svg>'));
    expect(notImage.status).toBe(415);
    expect(((await notImage.json()) as { error: { code: string } }).error.code).toBe(
      'unsupported_media_type',
    );

    const tooBig = await upload(
      'tok-director',
      Buffer.concat([JPEG, Buffer.alloc(2000)]),
      'prod1',
      'image/jpeg',
    );
    expect(tooBig.status).toBe(413);
    const tooBigBody = (await tooBig.json()) as { error: { code: string; message: string } };
    expect(tooBigBody.error.code).toBe('payload_too_large');

    expect((await upload(null, PNG)).status).toBe(401);
    expect((await upload('tok-nobody', PNG)).status).toBe(401);
    expect((await upload('tok-ad', PNG)).status).toBe(403);
    expect((await upload('tok-other', PNG)).status).toBe(403);
    expect((await upload('tok-director', PNG, 'prod404')).status).toBe(404);

    const stored = (await (await upload('tok-director', JPEG, 'prod1', 'image/jpeg')).json()) as {
      id: string;
    };
    const image = (id: string, role: string) =>
      fetch(`${origin}${signed(`/api/productions/prod1/images/${id}`, role)}`);
    expect((await image(stored.id, 'crew')).status).toBe(403);
    expect((await fetch(`${base}/prod1/images/${stored.id}`)).status).toBe(401);
    expect((await image('0'.repeat(64), 'ad')).status).toBe(404);
    expect((await image('..%2F..%2Fetc', 'ad')).status).toBe(404);
  });
});
