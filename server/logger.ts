import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Tokens and invite codes must never reach a log line: the redaction paths cover the
 * places they travel (headers, query strings), and callers log ids, never secrets.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.query.token', 'token', 'code', '*.token', '*.code'],
      censor: '[redacted]',
    },
  });
}
