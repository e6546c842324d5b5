/**
 * Configuration: every environment variable the server reads, read once here, validated at start.
 * Deep modules take options objects and never read process.env, so tests build them directly.
 */
import path from 'node:path';
import { z } from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  PORT: int(0, 65_535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Origin used in invite links when requests do not say (e.g. behind a proxy): `http://192.168.1.20:8080`. */
  PUBLIC_URL: z.url().optional(),
  SETBOARD_DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Create the demo production on first start with an empty store. */
  SETBOARD_DEMO: bool.default(true),
  DATABASE_URL: z.string().min(1).optional(),
  REDIS_URL: z.string().min(1).optional(),
  /** Prefix for every Redis key and channel, so several deployments (or test runs) can share one Redis. */
  SETBOARD_REDIS_PREFIX: z.string().min(1).default('setboard:'),
  SETBOARD_MAX_FRAME_BYTES: int(1024, 64 * 1024 * 1024).default(1024 * 1024),
  /** Over these rates a connection is throttled (its socket is not read until the budget refills), not closed. */
  SETBOARD_MAX_UPDATES_PER_SECOND: int(1, 100_000).default(100),
  SETBOARD_MAX_AWARENESS_PER_SECOND: int(1, 10_000).default(30),
  /** Bytes per second one sync connection may send (edits and presence), throttled the same way. */
  SETBOARD_MAX_BYTES_PER_SECOND: int(1024, 1024 * 1024 * 1024).default(1024 * 1024),
  /**
   * Largest encoded document: an edit that would pass it is refused (close 4422). A 10,000-shot list is
   * about 6 MB.
   */
  SETBOARD_MAX_DOCUMENT_BYTES: int(1024, 4 * 1024 * 1024 * 1024).default(64 * 1024 * 1024),
  /** Time an upgrade or socket.io handshake may take to authenticate. */
  SETBOARD_AUTH_TIMEOUT_MS: int(100, 600_000).default(10_000),
  /**
   * How often each open sync socket and set-channel session checks its token against the directory again, so
   * an expired or revoked token, or a role that lost access, ends it even if no revocation event arrived.
   */
  SETBOARD_REAUTH_INTERVAL_MS: int(100, 3_600_000).default(60_000),
  /** A sync connection that sends nothing (not even a pong) for this long is closed. */
  SETBOARD_IDLE_TIMEOUT_MS: int(1_000, 86_400_000).default(120_000),
  SETBOARD_PING_INTERVAL_MS: int(100, 600_000).default(15_000),
  /** A client whose unsent bytes pass this is closed with a resync code. */
  SETBOARD_SEND_BUFFER_LIMIT_BYTES: int(64 * 1024, 1024 * 1024 * 1024).default(16 * 1024 * 1024),
  /** Quiet time after the last update before a document's log is compacted into a snapshot. */
  SETBOARD_COMPACT_DEBOUNCE_MS: int(0, 3_600_000).default(2_000),
  /** A document nobody changed for this long is held as encoded bytes (about a twentieth of the memory); 0: never. */
  SETBOARD_DORMANT_AFTER_MS: int(0, 86_400_000).default(10_000),
  /** Received updates kept in memory while the store is down; past this, writers are closed with 1013. */
  SETBOARD_STORE_RETRY_BUFFER_BYTES: int(1024, 4 * 1024 * 1024 * 1024).default(64 * 1024 * 1024),
  /** How long a document with no connections stays loaded before it is flushed and unloaded. */
  SETBOARD_UNLOAD_DELAY_MS: int(0, 3_600_000).default(5_000),
  /** SIGTERM/SIGINT: exit within this even if storage hangs. */
  SETBOARD_SHUTDOWN_DEADLINE_MS: int(100, 600_000).default(10_000),
  SETBOARD_UPLOAD_MAX_BYTES: int(1024, 512 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Invite links stop working after this many days. */
  SETBOARD_INVITE_TTL_DAYS: int(1, 3650).default(30),
  /** Member tokens expire after this many days (a production rarely runs longer). */
  SETBOARD_TOKEN_TTL_DAYS: int(1, 3650).default(180),
  /** Key of the short-lived signed links for images and exports; the same on every instance. Random if unset. */
  SETBOARD_LINK_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. the output of "openssl rand -base64 32")')
    .optional(),
  /**
   * Outgoing mail for call sheets: `smtp://user:pass@host:587` or `smtps://…`. Unset: nothing is e-mailed and
   * the AD hands out the personal links (copy, QR code).
   */
  SMTP_URL: z
    .url()
    .refine((v) => /^smtps?:\/\//i.test(v), 'must start with smtp:// or smtps://')
    .optional(),
  /** The From of call sheet e-mails: `Low Tide Production Office <office@example.com>`. */
  SMTP_FROM: z.string().min(3).max(200).optional(),
});

export type Env = z.infer<typeof schema>;

export interface SyncLimits {
  maxFrameBytes: number;
  maxUpdatesPerSecond: number;
  maxAwarenessPerSecond: number;
  maxBytesPerSecond: number;
  maxDocumentBytes: number;
  authTimeoutMs: number;
  idleTimeoutMs: number;
  pingIntervalMs: number;
  sendBufferLimitBytes: number;
  compactDebounceMs: number;
  dormantAfterMs: number;
  unloadDelayMs: number;
  retryBufferBytes: number;
}

export interface Config {
  port: number;
  host: string;
  publicUrl: string | undefined;
  dataDir: string;
  logLevel: Env['LOG_LEVEL'];
  demo: boolean;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  redisPrefix: string;
  limits: SyncLimits;
  reauthIntervalMs: number;
  shutdownDeadlineMs: number;
  uploadMaxBytes: number;
  inviteTtlDays: number;
  tokenTtlDays: number;
  linkSecret: string | undefined;
  /** Call sheet e-mail; undefined: links are handed out by the AD. */
  smtp: { url: string; from: string | undefined } | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.')}=${JSON.stringify(env[String(issue.path[0])])}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    dataDir: path.resolve(e.SETBOARD_DATA_DIR),
    logLevel: e.LOG_LEVEL,
    demo: e.SETBOARD_DEMO,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.SETBOARD_REDIS_PREFIX,
    limits: {
      maxFrameBytes: e.SETBOARD_MAX_FRAME_BYTES,
      maxUpdatesPerSecond: e.SETBOARD_MAX_UPDATES_PER_SECOND,
      maxAwarenessPerSecond: e.SETBOARD_MAX_AWARENESS_PER_SECOND,
      maxBytesPerSecond: e.SETBOARD_MAX_BYTES_PER_SECOND,
      maxDocumentBytes: e.SETBOARD_MAX_DOCUMENT_BYTES,
      authTimeoutMs: e.SETBOARD_AUTH_TIMEOUT_MS,
      idleTimeoutMs: e.SETBOARD_IDLE_TIMEOUT_MS,
      pingIntervalMs: e.SETBOARD_PING_INTERVAL_MS,
      sendBufferLimitBytes: e.SETBOARD_SEND_BUFFER_LIMIT_BYTES,
      compactDebounceMs: e.SETBOARD_COMPACT_DEBOUNCE_MS,
      dormantAfterMs: e.SETBOARD_DORMANT_AFTER_MS,
      unloadDelayMs: e.SETBOARD_UNLOAD_DELAY_MS,
      retryBufferBytes: e.SETBOARD_STORE_RETRY_BUFFER_BYTES,
    },
    reauthIntervalMs: e.SETBOARD_REAUTH_INTERVAL_MS,
    shutdownDeadlineMs: e.SETBOARD_SHUTDOWN_DEADLINE_MS,
    uploadMaxBytes: e.SETBOARD_UPLOAD_MAX_BYTES,
    inviteTtlDays: e.SETBOARD_INVITE_TTL_DAYS,
    tokenTtlDays: e.SETBOARD_TOKEN_TTL_DAYS,
    linkSecret: e.SETBOARD_LINK_SECRET,
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM } : undefined,
  };
}
