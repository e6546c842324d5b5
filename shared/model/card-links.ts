/**
 * Where mood-board cards may point. An image card shows an image of this server's blob store only: the board
 * shows every viewer each card, so an outside image URL would make every viewer's browser call a server the
 * card's author picked. A link card opens only web links: `javascript:` and friends are never links.
 */

/**
 * The reference the upload route answers (`imageUrl` in server/http/uploads.ts): the production id as
 * encodeURIComponent writes it, then the image's SHA-256 in hex. Relative, so it always means this server.
 */
const IMAGE_REF = /^\/api\/productions\/[A-Za-z0-9._~%-]+\/images\/[0-9a-f]{64}$/;

export function isImageRef(value: unknown): value is string {
  return typeof value === 'string' && IMAGE_REF.test(value);
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The link as it is stored: trimmed, `https://` added when it was typed without a scheme
 * (`www.example.com`). Null when it is no web link (another scheme, no host, spaces).
 */
export function normaliseLink(value: string): string | null {
  const typed = value.trim();
  if (typed === '' || /\s/.test(typed)) return null;
  const withScheme = SCHEME.test(typed) ? typed : `https://${typed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null;
  return withScheme;
}

/** The href to render for a stored link, or null when it must show as plain text (not http: or https:). */
export function linkHref(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}
