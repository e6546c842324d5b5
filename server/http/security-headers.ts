/**
 * Security headers on every HTTP answer (the app's HTML, its assets and the API), through helmet. The policy
 * lets the page load scripts, styles, images and connections only from this server, plus the `blob:` and
 * `data:` images the app makes itself, so a board entry pointing at another site can neither run code nor
 * make a viewer's browser call out. The built client has no inline script or style element (Vite emits
 * files); React sets `style` props through the CSSOM, which `style-src` does not govern.
 */
import type { Request, RequestHandler } from 'express';
import helmet from 'helmet';

/** `host` or `host:port` as a CSP host source accepts it; anything else is not echoed into the policy. */
const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * WebSocket origins of this server. CSP Level 3 lets `'self'` match ws:/wss: on the page's own host, but
 * Safari before 15.4 does not, so the same host is named explicitly: from `PUBLIC_URL` when set, else the
 * request's Host (it is only ever this browser's own page being answered).
 */
function connectSources(publicUrl: string | undefined, req: Request): string {
  const host = publicUrl ? new URL(publicUrl).host : (req.headers.host ?? '');
  return HOST.test(host) ? `'self' ws://${host} wss://${host}` : "'self'";
}

export function securityHeaders(options: { publicUrl: string | undefined }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      // Helmet's defaults add upgrade-insecure-requests, which breaks a server reached over plain http on set.
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'blob:', 'data:'],
        fontSrc: ["'self'"],
        connectSrc: [(req) => connectSources(options.publicUrl, req as Request)],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
}
