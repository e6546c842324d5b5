/**
 * Signed links: a URL that lets one member GET one path for a few minutes, so the app never has to put a
 * member's long-lived token in a URL (an `<img src>`, a download link) where history, proxies, logs or another
 * site's server could read it. The link carries `expires` (Unix seconds), `member` (the member id) and
 * `signature`, an HMAC-SHA256 with the server's secret over the path, the rest of its query, the member and
 * the expiry. A link names its member rather than granting access by itself: the route still looks the member
 * up and checks their role, so removing a member ends their links at once.
 *
 * Expiry is rounded up to a window boundary, so every link signed for a path within one window is the same
 * URL and the browser's cache keeps working for images.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const LINK_PARAMS = { expires: 'expires', member: 'member', signature: 'signature' } as const;

export interface SignedLinkOptions {
  /** HMAC key; every instance behind one load balancer needs the same one. */
  secret: string | Buffer;
  /** Shortest life of a link. @default 10 minutes */
  ttlSeconds?: number;
  /** Expiries are rounded up to a multiple of this, so links repeat within a window. @default 5 minutes */
  windowSeconds?: number;
}

export type LinkCheck =
  | { kind: 'none' }
  | { kind: 'valid'; memberId: string; expiresAt: number }
  | { kind: 'expired'; expiresAt: number }
  | { kind: 'invalid'; reason: string };

export interface SignedLinks {
  /** `pathWithQuery` (as the browser will request it, e.g. `/api/...?view=lines`) signed for `memberId`. */
  sign(pathWithQuery: string, memberId: string, nowMs?: number): { url: string; expiresAt: number };
  /** What the signature parameters of a requested URL (path and raw query) say. */
  check(requestUrl: string, nowMs?: number): LinkCheck;
}

/** A fresh random secret, for a single instance that was given none (links then last until its restart). */
export function randomLinkSecret(): Buffer {
  return randomBytes(32);
}

export function createSignedLinks(options: SignedLinkOptions): SignedLinks {
  const key = typeof options.secret === 'string' ? Buffer.from(options.secret, 'utf8') : options.secret;
  if (key.length < 32) throw new Error('The link secret must hold at least 32 bytes.');
  const ttl = options.ttlSeconds ?? 600;
  const window = options.windowSeconds ?? 300;
  // A link that claims to live longer than any we sign was not made by this configuration.
  const longestLife = ttl + window;

  const mac = (canonical: string) => createHmac('sha256', key).update(canonical).digest();

  return {
    sign(pathWithQuery, memberId, nowMs = Date.now()) {
      const { pathname, params } = split(pathWithQuery);
      for (const name of Object.values(LINK_PARAMS)) params.delete(name);
      const expiresAt = Math.ceil((Math.floor(nowMs / 1000) + ttl) / window) * window;
      const signature = mac(canonicalForm(pathname, params, memberId, expiresAt)).toString('base64url');
      params.append(LINK_PARAMS.expires, String(expiresAt));
      params.append(LINK_PARAMS.member, memberId);
      params.append(LINK_PARAMS.signature, signature);
      return { url: `${pathname}?${params.toString()}`, expiresAt: expiresAt * 1000 };
    },

    check(requestUrl, nowMs = Date.now()) {
      const { pathname, params } = split(requestUrl);
      const expires = params.get(LINK_PARAMS.expires);
      const memberId = params.get(LINK_PARAMS.member);
      const signature = params.get(LINK_PARAMS.signature);
      if (expires === null && memberId === null && signature === null) return { kind: 'none' };
      if (!expires || !memberId || !signature) {
        return { kind: 'invalid', reason: 'it lacks one of expires, member and signature' };
      }
      for (const name of Object.values(LINK_PARAMS)) {
        if (params.getAll(name).length > 1) return { kind: 'invalid', reason: `it repeats ${name}` };
        params.delete(name);
      }
      if (!/^\d{1,12}$/.test(expires)) return { kind: 'invalid', reason: 'its expiry is not a time' };
      const expiresAt = Number(expires);
      const given = Buffer.from(signature, 'base64url');
      const wanted = mac(canonicalForm(pathname, params, memberId, expiresAt));
      if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
        return { kind: 'invalid', reason: 'its signature does not match its path, member and expiry' };
      }
      const now = Math.floor(nowMs / 1000);
      if (expiresAt <= now) return { kind: 'expired', expiresAt: expiresAt * 1000 };
      if (expiresAt - now > longestLife)
        return { kind: 'invalid', reason: 'it claims a longer life than links get' };
      return { kind: 'valid', memberId, expiresAt: expiresAt * 1000 };
    },
  };
}

function split(url: string): { pathname: string; params: URLSearchParams } {
  const q = url.indexOf('?');
  return q < 0
    ? { pathname: url, params: new URLSearchParams() }
    : { pathname: url.slice(0, q), params: new URLSearchParams(url.slice(q + 1)) };
}

/** Sorted, so a proxy or client that reorders the query does not break the link; NUL-separated, unambiguous. */
function canonicalForm(
  pathname: string,
  params: URLSearchParams,
  memberId: string,
  expiresAt: number,
): string {
  const rest = new URLSearchParams(params);
  rest.sort();
  return ['GET', pathname, rest.toString(), memberId, String(expiresAt)].join('\0');
}
