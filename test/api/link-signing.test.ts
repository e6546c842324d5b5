/** The signed-link arithmetic (server/auth/signed-links.ts, API.md U3) on a fixed clock. */
import { describe, expect, it } from 'vitest';
import { createSignedLinks } from '../../server/auth/signed-links';

const links = createSignedLinks({ secret: 'link-signing-unit-test-secret-0123456789' });
const T = Date.UTC(2026, 11, 5, 1, 2, 3);
const PATH = '/api/productions/p1/boards/costreport/export.csv?view=lines&from=2026-12-01';

describe('signed links', () => {
  it('[U3] expire 10 to 15 minutes out, on a 5-minute boundary, so one window gives one URL', () => {
    const first = links.sign(PATH, 'm1', T);
    expect(first.expiresAt % 300_000).toBe(0);
    expect(first.expiresAt - T).toBeGreaterThanOrEqual(600_000);
    expect(first.expiresAt - T).toBeLessThanOrEqual(900_000);
    expect(links.sign(PATH, 'm1', T + 60_000).url).toBe(first.url);
    expect(links.sign(PATH, 'm1', T + 5 * 60_000).url).not.toBe(first.url);
    expect(links.sign(PATH, 'm2', T).url).not.toBe(first.url);
  });

  it('[U3] a link checks for its member until it expires, whatever the order of its query', () => {
    const { url, expiresAt } = links.sign(PATH, 'm1', T);
    expect(links.check(url, T)).toEqual({ kind: 'valid', memberId: 'm1', expiresAt });
    const [path, query] = url.split('?') as [string, string];
    const reordered = `${path}?${query.split('&').reverse().join('&')}`;
    expect(links.check(reordered, T)).toEqual({ kind: 'valid', memberId: 'm1', expiresAt });
    expect(links.check(url, expiresAt)).toEqual({ kind: 'expired', expiresAt });
    expect(links.check(PATH, T)).toEqual({ kind: 'none' });
  });

  it('[U4] anything added, removed or changed breaks the signature', () => {
    const { url } = links.sign(PATH, 'm1', T);
    const changed = [
      url.replace('view=lines', 'view=report'),
      url.replace('&from=2026-12-01', ''),
      `${url}&to=2026-12-31`,
      url.replace('/p1/', '/p2/'),
      url.replace('member=m1', 'member=m2'),
      `${url}&member=m2`,
    ];
    for (const link of changed) expect(links.check(link, T).kind, link).toBe('invalid');
    // A link claiming a longer life than this server gives (signed under another configuration) is refused.
    const long = createSignedLinks({
      secret: 'link-signing-unit-test-secret-0123456789',
      ttlSeconds: 86_400,
    }).sign(PATH, 'm1', T);
    expect(links.check(long.url, T)).toMatchObject({ kind: 'invalid', reason: /longer life/ });
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => createSignedLinks({ secret: 'short' })).toThrow(/32 bytes/);
  });
});
