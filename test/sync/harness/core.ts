/**
 * The sync core without ws or HTTP: a real sync service over the real SQLite store and directory (or what
 * the test passes), whose sockets are SocketPairs. Grants come from the directory as for an upgrade.
 * `settle` flushes every pair of the core until a condition holds, so server work that is really
 * asynchronous (store, fan-out) runs between flushes while the test still decides what moves.
 */
import { onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { directoryAccess } from '../../../server/auth/access';
import type { SyncLimits } from '../../../server/config';
import type { Fanout } from '../../../server/fanout/fanout';
import { createLogger } from '../../../server/logger';
import { createMetrics, type Metrics } from '../../../server/metrics';
import { authorizeSync } from '../../../server/sync/upgrade';
import { createSyncService, type SyncService } from '../../../server/sync/sync-service';
import type { Board, Role } from '../../../shared/boards';
import { TEST_LIMITS, type Backend } from '../helpers';
import { HarnessClient } from './harness-client';
import { SocketPair } from './socket-pair';

export interface Core {
  sync: SyncService;
  metrics: Metrics;
  backend: Backend;
  /** Authorises `role`'s token for `board` and hands the server end of a new pair to the service. */
  open(board: Board, role: Role, doc?: Y.Doc): Promise<HarnessClient>;
  /** Flushes every pair of this core (both ways) until `check` passes; fails after `timeoutMs`. */
  settle(check: () => void, timeoutMs?: number): Promise<void>;
}

export function startCore(
  backend: Backend,
  options: { limits?: Partial<SyncLimits>; fanout?: Fanout } = {},
): Core {
  const metrics = createMetrics();
  const access = directoryAccess(backend.directory);
  const sync = createSyncService({
    store: backend.store,
    access,
    controlBus: backend.controlBus,
    limits: { ...TEST_LIMITS, ...options.limits },
    logger: createLogger('silent'),
    metrics,
    ...(options.fanout ? { fanout: options.fanout } : {}),
  });
  const pairs: SocketPair[] = [];
  onTestFinished(async () => {
    // The clients answer the server's close frames, as live tablets would, so shutdown needs no grace.
    let done = false;
    const stopped = sync.shutdown().finally(() => (done = true));
    while (!done) {
      for (const pair of pairs) pair.flush();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await stopped;
  });
  return {
    sync,
    metrics,
    backend,
    async open(board, role, doc) {
      const { productionId, tokens } = backend.team;
      const decision = await authorizeSync(access, productionId, board, tokens[role]);
      if (!decision.ok) throw new Error(`${role} may not open ${board}: ${decision.code}`);
      const { ok: _ok, ...grant } = decision;
      const pair = new SocketPair();
      pairs.push(pair);
      const client = new HarnessClient(pair, doc);
      sync.accept(pair.server, grant);
      return client;
    },
    settle: (check, timeoutMs) => settle(pairs, check, timeoutMs),
  };
}

/** Flushes `pairs` until `check` stops throwing; between rounds, the event loop runs the server's I/O. */
export async function settle(pairs: SocketPair[], check: () => void, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const pair of pairs) pair.flush();
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
