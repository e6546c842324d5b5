/**
 * Signed links for the server's images: an `<img>` cannot send the Authorization header, and the member's
 * token must never sit in a URL, so the app trades the token for short-lived links
 * (`POST /api/productions/:id/links`, server/http/API.md U2-U4). Paths asked for in the same moment go out as
 * one request; a link is reused until it nears its expiry, and the server hands out the same URL within a
 * five-minute window, so the browser's image cache keeps working. The last links are kept in localStorage:
 * offline, a stale link still finds its image in the browser's cache.
 */
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { SignedLinksResponse } from '../../../shared/api-types';
import { apiFetch } from './http';

interface Link {
  url: string;
  expiresAt: number;
}

/** Re-sign this long before a link expires, so an image that starts loading now still gets its bytes. */
const RENEW_BEFORE_MS = 2 * 60_000;
const BATCH = 200;
const KEPT = 500;
const storageKey = (productionId: string) => `setboard.links.v1.${productionId}`;

/** The production's image paths: the only URLs a signed link is made for (outside URLs get nothing). */
export function isServerImage(productionId: string, path: string): boolean {
  const prefix = `/api/productions/${encodeURIComponent(productionId)}/images/`;
  return path.startsWith(prefix) && /^[^/?#]+$/.test(path.slice(prefix.length));
}

class LinkSigner {
  private readonly links = new Map<string, Link>();
  private readonly wanted = new Set<string>();
  private readonly inFlight = new Set<string>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private scheduled = false;

  constructor(
    private readonly productionId: string,
    private readonly token: string,
  ) {
    try {
      const saved = JSON.parse(localStorage.getItem(storageKey(productionId)) ?? '{}') as Record<
        string,
        Link
      >;
      for (const [path, link] of Object.entries(saved)) {
        if (typeof link?.url === 'string' && typeof link.expiresAt === 'number') this.links.set(path, link);
      }
    } catch {
      // A damaged entry only costs a fresh signing.
    }
  }

  url(path: string): string | undefined {
    return this.links.get(path)?.url;
  }

  /** Signs `path` unless a link with time left is at hand or on its way. */
  request(path: string, force = false): void {
    const link = this.links.get(path);
    if (!force && link && link.expiresAt - Date.now() > RENEW_BEFORE_MS) return;
    if (this.inFlight.has(path)) return;
    this.wanted.add(path);
    if (this.scheduled) return;
    this.scheduled = true;
    // Every image rendered in this turn joins one request.
    queueMicrotask(() => void this.flush());
  }

  /** An image failed to load through `url` (expired while the tab slept, or a server restart): sign anew. */
  failed(path: string, url: string): void {
    if (this.links.get(path)?.url === url) this.request(path, true);
  }

  subscribe(path: string, listener: () => void): () => void {
    let set = this.listeners.get(path);
    if (!set) this.listeners.set(path, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(path);
    };
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const paths = [...this.wanted];
    this.wanted.clear();
    for (let i = 0; i < paths.length; i += BATCH) {
      const batch = paths.slice(i, i + BATCH);
      for (const path of batch) this.inFlight.add(path);
      try {
        const answer = await apiFetch<SignedLinksResponse>(
          `/api/productions/${encodeURIComponent(this.productionId)}/links`,
          { token: this.token, method: 'POST', body: { paths: batch } },
        );
        const expiresAt = Date.parse(answer.expiresAt);
        for (const [path, url] of Object.entries(answer.links)) this.links.set(path, { url, expiresAt });
        this.save();
        for (const path of batch) for (const listener of this.listeners.get(path) ?? []) listener();
      } catch {
        // Offline or signed out: keep any stale link (the browser's cache may still hold its image); the next
        // render or load error asks again.
      } finally {
        for (const path of batch) this.inFlight.delete(path);
      }
    }
  }

  private save(): void {
    const newest = [...this.links.entries()].sort((a, b) => b[1].expiresAt - a[1].expiresAt).slice(0, KEPT);
    try {
      localStorage.setItem(storageKey(this.productionId), JSON.stringify(Object.fromEntries(newest)));
    } catch {
      // Storage full: links still work for this page's life.
    }
  }
}

const signers = new Map<string, LinkSigner>();

function signerFor(productionId: string, token: string): LinkSigner {
  const key = `${productionId}\n${token}`;
  let signer = signers.get(key);
  if (!signer) signers.set(key, (signer = new LinkSigner(productionId, token)));
  return signer;
}

const noop = () => () => {};

/**
 * The URL to put in an `<img src>` for one of the production's images, or undefined while it is being signed
 * (and for anything that is not this server's image: no request ever goes elsewhere). Call `onError` from the
 * image's error event, so an expired link is replaced.
 */
export function useSignedImage(
  productionId: string,
  token: string,
  path: string | null | undefined,
): { src: string | undefined; onError: () => void } {
  const signer = path && isServerImage(productionId, path) ? signerFor(productionId, token) : null;
  const subscribe = useCallback(
    (listener: () => void) => (signer && path ? signer.subscribe(path, listener) : noop()),
    [signer, path],
  );
  const src = useSyncExternalStore(subscribe, () => (signer && path ? signer.url(path) : undefined));
  useEffect(() => {
    if (signer && path) signer.request(path);
  }, [signer, path]);
  const onError = useCallback(() => {
    if (signer && path && src) signer.failed(path, src);
  }, [signer, path, src]);
  return { src, onError };
}
