import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

const CENSOR = '[redacted]';

/**
 * Fields that hold a secret wherever they appear (up to two objects down, e.g. `req.headers`). Only
 * secrets: a close code, a database error code or an API error code is what an operator reads a log for,
 * so `code` is not here (nothing logs an invite code; were it logged, it would be `inviteCode`).
 */
const SECRET_KEYS = ['token', 'inviteCode', 'authorization', 'cookie', 'password'];

const REDACT_PATHS = [
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  '*["set-cookie"]',
  '*.*["set-cookie"]',
];

/**
 * Secrets that travel inside strings: `?token=` in a URL (the WebSocket upgrade carries one), the invite
 * code in a `/join/<code>` path, and a password in a connection URL (`postgres://user:pw@host`).
 */
const IN_STRING: ReadonlyArray<[RegExp, string]> = [
  [/([?&](?:token|access_token)=)[^&#\s"]*/gi, `$1${CENSOR}`],
  [/(\/join\/)[A-Za-z0-9_-]{16,}/g, `$1${CENSOR}`],
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)[^@/\s]+@/gi, `$1${CENSOR}@`],
];

function scrubString(value: string): string {
  let out = value;
  for (const [pattern, replacement] of IN_STRING) out = out.replace(pattern, replacement);
  return out;
}

/** Strings a few levels down (an error's message, a request's url) get the in-string scrub; a copy. */
function scrubValues(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (depth === 0 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => scrubValues(item, depth - 1));
  if (value instanceof Error) {
    const copy = Object.create(Object.getPrototypeOf(value) as object) as Record<string, unknown>;
    for (const key of Object.getOwnPropertyNames(value)) {
      copy[key] = scrubValues((value as unknown as Record<string, unknown>)[key], depth - 1);
    }
    return copy;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubValues(item, depth - 1)]));
}

/**
 * Structured JSON logs. Tokens, invite codes, authorization headers, cookies and passwords in URLs never
 * reach a log line; every other field (close codes, database error codes, ids) is written as given.
 * `destination` is for tests that read what was written.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    formatters: { log: (object) => scrubValues(object, 4) as Record<string, unknown> },
    hooks: {
      // The message too: `logger.info('opened %s', url)` must not print a token.
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? scrubString(arg) : arg)) as Parameters<typeof method>,
        );
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
