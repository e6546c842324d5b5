/**
 * The y-websocket sync server: authorises upgrades, owns the connections and their rooms, applies control
 * events (revocations, permission changes) to live sockets, and shuts down without losing an edit.
 * The pieces: upgrade.ts (who may connect), connection.ts (one socket and its limits), room.ts (one document),
 * room-document.ts (the document, live or dormant, and answers cached from it), room-registry.ts
 * (load/unload), group-commit.ts (durability), reauthorizer.ts (open sockets re-checked against the
 * directory), server/protocol (the wire).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type * as Y from 'yjs';
import { CloseCode, CLOSE_REASONS } from '../../shared/close-codes';
import type { AccessResolver } from '../auth/access';
import type { SyncLimits } from '../config';
import type { ControlBus, ControlEvent } from '../control/control-bus';
import type { Fanout } from '../fanout/fanout';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { StorageError, type DocumentStore } from '../storage/document-store';
import type { CompactionLease } from './compaction-lease';
import { Connection } from './connection';
import { GroupCommitter } from './group-commit';
import { Reauthorizer } from './reauthorizer';
import type { VetClientUpdate } from './room';
import type { GuardedRoots } from './dormant-state';
import { RoomRegistry } from './room-registry';
import type { ClientSocket } from './client-socket';
import { authorizeUpgrade, refuseUpgrade, type SyncGrant, type UpgradeDecision } from './upgrade';

export interface SyncServiceOptions {
  store: DocumentStore;
  access: AccessResolver;
  controlBus: ControlBus;
  limits: SyncLimits;
  logger: Logger;
  metrics: Metrics;
  /** Spans instances (Redis) or services in one process; none: this service is alone. */
  fanout?: Fanout;
  /** Runs on each document as it loads, before clients sync, as a persisted server edit (e.g. migrations). */
  prepareDocument?: (docName: string, doc: Y.Doc) => void;
  /** Runs after each client update is applied, with its transaction and the writer (room.ts VetClientUpdate). */
  vetClientUpdate?: VetClientUpdate;
  /** The roots of a document whose direct entries `vetClientUpdate` reads (room.ts RoomOptions.vettedRoots). */
  vettedRoots?: (docName: string) => GuardedRoots;
  /**
   * Several instances share the store: each document is compacted under this lease, its token fencing the
   * store. None: this service is the store's only writer. The caller closes it after `shutdown`, which may
   * still compact the documents it unloads.
   */
  compactionLease?: CompactionLease;
  /**
   * How often each open socket's token is checked against the directory again (expiry, revocation or a
   * permission change that no control-bus message brought). @default 60_000
   */
  reauthIntervalMs?: number;
}

export interface SyncService {
  /** Handles an HTTP upgrade whose path starts with /sync/: 401/403/404 before any WebSocket exists. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /**
   * Serves one socket the directory already let in (handleUpgrade ends here). The sync core's boundary:
   * tests drive it with in-memory sockets, without ws or HTTP.
   */
  accept(socket: ClientSocket, grant: SyncGrant): void;
  /**
   * Runs fn on the loaded document in one transaction with a server origin; its changes are stored and relayed
   * like a client's. Resolves once they are durable.
   */
  withDocument<T>(docName: string, fn: (doc: Y.Doc) => T): Promise<T>;
  /** `live`: loaded documents held as Y.Docs (the rest are dormant, held as bytes). */
  stats(): { documents: number; live: number; connections: number };
  /** Stop accepting, flush every pending append, close sockets with CloseCode.Restarting (1012). */
  shutdown(): Promise<void>;
}

/**
 * Tablets back with offline edits, per second across the service, that mark a reconnect storm, and the
 * group window used during one.
 */
const STORM_RETURNING_WRITERS_PER_SECOND = 100;
const STORM_GROUP_WINDOW_MS = 15;

/** Events counted in the current and the previous whole second: an approximate sliding rate, O(1) memory. */
class RecentCount {
  private second = 0;
  private current = 0;
  private previous = 0;

  add(): void {
    this.roll();
    this.current++;
  }

  perSecond(): number {
    this.roll();
    return this.current + this.previous;
  }

  private roll(): void {
    const second = Math.floor(Date.now() / 1000);
    if (second === this.second) return;
    this.previous = second === this.second + 1 ? this.current : 0;
    this.current = 0;
    this.second = second;
  }
}

/** How long shutdown waits for clients to answer the close frame before cutting their sockets. */
const CLOSE_GRACE_MS = 1_000;

/**
 * ws refuses a frame over maxPayload from inside its receiver, with close code 1009 and before a byte of the
 * payload is buffered. The option to swap ws's WebSocket class is the one seam that lets that close carry
 * our documented code instead.
 */
class SyncSocket extends WebSocket {
  override close(code?: number, data?: string | Buffer): void {
    if (code === 1009) super.close(CloseCode.FrameTooLarge, 'frame too large');
    else super.close(code, data);
  }
}

export function createSyncService(options: SyncServiceOptions): SyncService {
  const { store, access, controlBus, limits, logger, metrics, fanout } = options;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxFrameBytes,
    perMessageDeflate: false,
    clientTracking: false,
    WebSocket: SyncSocket,
  });
  const returningWriters = new RecentCount();
  const committer = new GroupCommitter(store, metrics, logger, {
    maxHeldBytes: limits.retryBufferBytes,
    // In a reconnect storm the returning tablets send their offline edits within the same second; a group a
    // few milliseconds long turns hundreds of one-update relays and appends into a few merged ones. Outside a
    // storm a group ends with the event-loop turn, so live editing (and a crowd that only joins) pays no delay.
    groupWindowMs: () =>
      returningWriters.perSecond() >= STORM_RETURNING_WRITERS_PER_SECOND ? STORM_GROUP_WINDOW_MS : 0,
  });
  const registry = new RoomRegistry({
    store,
    committer,
    fanout,
    metrics,
    logger,
    compactDebounceMs: limits.compactDebounceMs,
    dormantAfterMs: limits.dormantAfterMs,
    maxDocumentBytes: limits.maxDocumentBytes,
    onReturningWriter: () => returningWriters.add(),
    unloadDelayMs: limits.unloadDelayMs,
    prepareDocument: options.prepareDocument,
    vetClientUpdate: options.vetClientUpdate,
    vettedRoots: options.vettedRoots,
    compactionLease: options.compactionLease,
  });
  const connections = new Set<Connection>();
  const reauthorizer = new Reauthorizer({
    access,
    intervalMs: options.reauthIntervalMs ?? 60_000,
    logger,
  });
  reauthorizer.start();
  /**
   * One list per upgrade still asking the directory: control events published meanwhile are kept and applied
   * to its socket once it exists, as the directory may have answered from before the change.
   */
  const pendingUpgrades = new Set<ControlEvent[]>();
  let stopping = false;
  let closedAll: (() => void) | null = null;

  const connectionDeps = {
    limits,
    metrics,
    logger,
    stopping: () => stopping,
    onClosed(connection: Connection) {
      connections.delete(connection);
      reauthorizer.untrack(connection);
      if (connections.size === 0) closedAll?.();
    },
  };

  const unsubscribe = controlBus.subscribe((event) => {
    try {
      applyControlEvent(event);
    } catch (error) {
      logger.error({ err: error, event: event.type }, 'Applying a control event failed');
    }
  });

  function applyControlEvent(event: ControlEvent): void {
    for (const missed of pendingUpgrades) missed.push(event);
    for (const connection of connections) applyControlEventTo(connection, event);
  }

  function applyControlEventTo(connection: Connection, event: ControlEvent): void {
    const { principal, productionId, board } = connection.info;
    if (productionId !== event.productionId) return;
    if (event.type === 'member-revoked') {
      if (principal.memberId === event.memberId) connection.close(CloseCode.Unauthorized);
      return;
    }
    const level = event.permissions[principal.role]?.[board] ?? 'none';
    if (level === 'none') connection.close(CloseCode.Forbidden);
    else connection.access = level;
  }

  const ticker = setInterval(() => {
    const now = Date.now();
    for (const connection of connections) connection.tick(now);
    for (const room of registry.all()) room.expireAwareness(now);
  }, limits.pingIntervalMs);
  ticker.unref();

  /** `missed`: control events published while the directory was being asked. */
  function accept(socket: ClientSocket, grant: SyncGrant, missed: readonly ControlEvent[] = []): void {
    if (stopping) return socket.close(CloseCode.Restarting, CLOSE_REASONS[CloseCode.Restarting] ?? '');
    const { principal, productionId, board, docName, access: level } = grant;
    const connection = new Connection(
      socket,
      { principal, productionId, board, docName, access: level },
      connectionDeps,
    );
    connections.add(connection);
    reauthorizer.track(connection, grant.token);
    for (const event of missed) applyControlEventTo(connection, event);
    if (!connection.isOpen) return;
    logger.debug(
      { connection: connection.id, member: principal.memberId, doc: docName },
      'Sync connection open',
    );
    registry.acquire(docName).then(
      (room) => {
        if (!room.join(connection)) room.release();
      },
      (error: unknown) => {
        const storage = error instanceof StorageError;
        logger.error({ err: error, doc: docName }, 'Loading a document failed; closing its connections');
        connection.close(storage ? CloseCode.StorageUnavailable : 1011);
      },
    );
  }

  async function authorize(req: IncomingMessage): Promise<UpgradeDecision> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<UpgradeDecision>((resolve) => {
      timer = setTimeout(
        () => resolve({ ok: false, status: 503, code: 'auth_timeout', message: 'Authentication timed out.' }),
        limits.authTimeoutMs,
      );
    });
    try {
      return await Promise.race([authorizeUpgrade(req, access), timeout]);
    } catch (error) {
      logger.error({ err: error, path: req.url?.split('?', 1)[0] }, 'Authorising a sync upgrade failed');
      return { ok: false, status: 503, code: 'auth_unavailable', message: 'Cannot check access right now.' };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    handleUpgrade(req, socket, head) {
      // Until ws owns the socket, a reset from the client must not become an uncaught error.
      const ignore = () => {};
      socket.on('error', ignore);
      if (stopping) return refuseUpgrade(socket, 503, 'restarting', 'The server is restarting.');
      const missed: ControlEvent[] = [];
      pendingUpgrades.add(missed);
      // A handshake ws aborts never reaches the callback below.
      socket.once('close', () => pendingUpgrades.delete(missed));
      void authorize(req).then((decision) => {
        if (!decision.ok) {
          pendingUpgrades.delete(missed);
          return refuseUpgrade(socket, decision.status, decision.code, decision.message);
        }
        if (stopping) return refuseUpgrade(socket, 503, 'restarting', 'The server is restarting.');
        const { ok: _ok, ...grant } = decision;
        wss.handleUpgrade(req, socket, head, (ws) => {
          socket.off('error', ignore);
          pendingUpgrades.delete(missed);
          accept(ws, grant, missed);
        });
      });
    },

    accept,

    async withDocument(docName, fn) {
      if (stopping) throw new Error(`Cannot open ${docName}: the sync service is shutting down`);
      const room = await registry.acquire(docName);
      try {
        const result = room.transactAsServer(fn);
        await room.flushed();
        return result;
      } finally {
        room.release();
      }
    },

    stats: () => {
      let live = 0;
      for (const room of registry.all()) if (!room.isDormant) live++;
      return { documents: registry.size, live, connections: connections.size };
    },

    async shutdown() {
      if (stopping) return;
      stopping = true;
      unsubscribe();
      clearInterval(ticker);
      reauthorizer.stop();
      await committer.idle();
      const allClosed = new Promise<void>((resolve) => {
        closedAll = resolve;
        if (connections.size === 0) resolve();
      });
      for (const connection of connections) connection.close(CloseCode.Restarting);
      await registry.closeAll();
      await committer.close();
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([
        allClosed,
        new Promise((resolve) => (grace = setTimeout(resolve, CLOSE_GRACE_MS))),
      ]);
      clearTimeout(grace);
      for (const connection of connections) connection.terminate();
      wss.close();
    },
  };
}
