/**
 * Re-checks every open sync socket's token against the directory on an interval, so a token that expired,
 * was revoked or was changed in the directory, or a role that lost access, takes effect on open sockets
 * within one interval even when no control-bus message came (the bus is fire and forget across instances).
 * As at the upgrade: an invalid token closes with 4401, no access with 4403, a change between read and
 * write switches the socket's access in place. A directory that fails is asked again at the next interval;
 * nobody is closed for it. Tokens stay in this process's memory, never in logs.
 */
import type { Access } from '../../shared/boards';
import { CloseCode } from '../../shared/close-codes';
import type { AccessResolver } from '../auth/access';
import type { Logger } from '../logger';
import type { Connection } from './connection';
import { authorizeSync, type UpgradeDecision } from './upgrade';

export interface ReauthorizerOptions {
  access: AccessResolver;
  /** @default 60_000 (SETBOARD_REAUTH_INTERVAL_MS) */
  intervalMs: number;
  logger: Logger;
}

export class Reauthorizer {
  private readonly tokens = new Map<Connection, string>();
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(private readonly options: ReauthorizerOptions) {}

  track(connection: Connection, token: string): void {
    this.tokens.set(connection, token);
  }

  untrack(connection: Connection): void {
    this.tokens.delete(connection);
  }

  start(): void {
    this.timer ??= setInterval(() => void this.check(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.tokens.clear();
  }

  /** One pass over every open socket; a pass still running when the next tick comes is not doubled. */
  async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      // One directory answer per token and board, however many sockets share them (a tablet's tabs), and
      // one read of each production and its permissions per pass.
      const access = memoized(this.options.access);
      const answers = new Map<string, Promise<UpgradeDecision>>();
      for (const [connection, token] of [...this.tokens]) {
        const { productionId, board } = connection.info;
        const key = `${productionId}/${board}\n${token}`;
        let answer = answers.get(key);
        if (!answer) answers.set(key, (answer = authorizeSync(access, productionId, board, token)));
        let decision: UpgradeDecision;
        try {
          decision = await answer;
        } catch (error) {
          this.options.logger.warn(
            { err: error, connection: connection.id, doc: connection.info.docName },
            'Re-checking a sync socket failed; retrying at the next interval',
          );
          continue;
        }
        if (this.tokens.has(connection)) this.apply(connection, decision);
      }
    } finally {
      this.checking = false;
    }
  }

  private apply(connection: Connection, decision: UpgradeDecision): void {
    const log = { connection: connection.id, member: connection.info.principal.memberId };
    if (decision.ok) {
      if (decision.access === connection.access) return;
      this.options.logger.info({ ...log, from: connection.access, to: decision.access }, 'Access changed');
      connection.access = decision.access;
      return;
    }
    this.tokens.delete(connection);
    const code = decision.status === 401 ? CloseCode.Unauthorized : CloseCode.Forbidden;
    this.options.logger.info(
      { ...log, reason: decision.code, code },
      'Closing a socket the directory no longer allows',
    );
    connection.close(code);
  }
}

/** The resolver, remembering each production's existence and each role's access for one pass. */
function memoized(access: AccessResolver): AccessResolver {
  const productions = new Map<string, Promise<boolean>>();
  const levels = new Map<string, Promise<Access>>();
  return {
    authenticate: (token) => access.authenticate(token),
    productionExists: (productionId) =>
      once(productions, productionId, () => access.productionExists(productionId)),
    access: (principal, board) =>
      once(levels, `${principal.productionId}/${principal.role}/${board}`, () =>
        access.access(principal, board),
      ),
  };
}

function once<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) cache.set(key, (value = load()));
  return value;
}
