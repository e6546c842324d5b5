/**
 * socket.io handshake authentication: the same bearer token as the HTTP API, from `auth: {token}` (browsers)
 * or the `Authorization` header (Node clients). A refusal is an Error whose message the client shows as is.
 */
import type { Directory, Principal } from '../directory/directory';
import { tokenFromRequest } from '../auth/access';

export type HandshakeRefusal = 'missing-token' | 'invalid-token' | 'timeout' | 'error';

export class HandshakeRefused extends Error {
  override name = 'HandshakeRefused';
  constructor(
    readonly reason: HandshakeRefusal,
    message: string,
  ) {
    super(message);
  }
}

export function handshakeToken(handshake: {
  auth: Record<string, unknown>;
  headers: { authorization?: string | undefined };
}): string | null {
  const fromAuth = handshake.auth['token'];
  if (typeof fromAuth === 'string' && fromAuth.length > 0) return fromAuth;
  // Query tokens are not accepted here: socket.io puts them in every polling URL, and URLs get logged.
  return tokenFromRequest(handshake.headers, undefined);
}

/** The principal, or a `HandshakeRefused` saying why; a directory slower than `timeoutMs` refuses too. */
export async function authenticateHandshake(
  directory: Directory,
  token: string | null,
  timeoutMs: number,
): Promise<Principal> {
  if (!token) {
    throw new HandshakeRefused('missing-token', 'No token: connect with auth: {token} from /api/join.');
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(new HandshakeRefused('timeout', `Authentication took longer than ${timeoutMs} ms; retry.`)),
      timeoutMs,
    );
  });
  try {
    const principal = await Promise.race([directory.authenticate(token), timeout]);
    if (!principal) {
      throw new HandshakeRefused(
        'invalid-token',
        'Invalid token: it is unknown, expired or its member was removed. Ask the owner for a new invite.',
      );
    }
    return principal;
  } catch (err) {
    if (err instanceof HandshakeRefused) throw err;
    throw new HandshakeRefused('error', 'The server could not check the token right now; retry shortly.');
  } finally {
    clearTimeout(timer);
  }
}
