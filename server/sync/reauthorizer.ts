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
import { TokenWatch } from '../auth/token-watch';
import type { Logger } from '../logger';
import type { Connection } from './connection';
import { authorizeSync, type UpgradeDecision } from './upgrade';

export interface ReauthorizerOptions {
  access: AccessResolver;
  /** @default 60_000 (SETBOARD_REAUTH_INTERVAL_MS) */
  intervalMs: number;
  logger: Logger;
}

export class Reauthorizer extends TokenWatch<Connection> {
  constructor(private readonly options: ReauthorizerOptions) {
    super(options.intervalMs);
  }

  protected async pass(
    entries: ReadonlyArray<readonly [Connection, string]>,
    stillTracked: (connection: Connection) => boolean,
  ): Promise<void> {
    // One directory answer per token and board, however many sockets share them (a tablet's tabs), and
    // one read of each production and its permissions per pass.
    const access = memoized(this.options.access);
    const answers = new Map<string, Promise<UpgradeDecision>>();
    for (const [connection, token] of entries) {
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
      if (stillTracked(connection)) this.apply(connection, decision);
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
    this.untrack(connection);
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
