/**
 * One open board on this device: its Y.Doc, the IndexedDB copy that makes it work offline, the WebSocket to
 * the server, the undo manager, and a status that tells the truth (connecting, offline, syncing, saved,
 * error). The UI subscribes to the status; boards subscribe to the document through selectors.
 */
import * as encoding from 'lib0/encoding';
import { writeSyncStep1 } from 'y-protocols/sync';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CLOSE_REASONS, stockClientRetries } from '../../../shared/close-codes';
import { documentName, type Board } from '../../../shared/boards';
import {
  covers,
  DeleteAcknowledgements,
  isDeleteOnly,
  MESSAGE_SYNC,
  peekStepOneVector,
  peekSyncType,
  SYNC_STEP_2,
} from './saved';
import { ClientNames } from './awareness';
import { ConflictWatch } from './conflicts';
import { Rejections } from './rejections';
import { undoScope } from './undo-scope';

export type SyncStatus = 'connecting' | 'offline' | 'syncing' | 'saved' | 'error';

export interface SessionState {
  status: SyncStatus;
  /** A sentence for the person, set when status is error (and for some offline causes). */
  message: string | null;
  /** The on-device copy has loaded: the board can be shown even with no network. */
  localReady: boolean;
  /**
   * The on-device copy holds the board (it was opened here before). False for a board never downloaded to
   * this device: offline, it must say so rather than show an empty board.
   */
  hasLocalCopy: boolean;
  /** The server's copy has been merged at least once in this session. */
  serverSynced: boolean;
}

export interface BoardSessionOptions {
  productionId: string;
  board: Board;
  token: string;
  /** ws(s)://host/sync/<productionId>; the board is the room. */
  serverUrl: string;
  /** Off in component tests that have no IndexedDB. */
  persist?: boolean;
  connect?: boolean;
  WebSocketPolyfill?: typeof WebSocket;
}

/**
 * Close codes after which reconnecting is pointless until the person acts (new link, role change, a board
 * with room): the same 4400-4499 a stock provider gives up on (shared/close-codes.ts).
 */
const isTerminal = (code: number): boolean => !stockClientRetries(code);

/** The origin every local edit is made under, so undo tracks exactly this person's edits. */
export const LOCAL_ORIGIN = { source: 'client' } as const;

export class BoardSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly undo: Y.UndoManager;
  /** Fields of this board holding a refused value: the board is not saved while there is one. */
  readonly rejections = new Rejections();
  /** Edits of this device that crossed with someone else's (see conflicts.ts), and the names to tell them. */
  readonly conflicts = new ConflictWatch(this.doc, { localOrigin: LOCAL_ORIGIN });
  readonly names: ClientNames;
  private readonly persistence: IndexeddbPersistence | null;
  private readonly listeners = new Set<() => void>();
  private state: SessionState;
  private serverVector: Map<number, number> | null = null;
  private everConnected = false;
  private terminal: string | null = null;
  /**
   * A local edit happened after the last server step 1. Until the next one arrives the edit cannot be known
   * to be saved, even when the clocks say so (a delete moves none).
   */
  private localEditsSinceVector = false;
  /** Delete-only edits are acknowledged by a round trip; see DeleteAcknowledgements. */
  private readonly deletes = new DeleteAcknowledgements();
  private deleteQueryScheduled = false;
  private readonly cleanups: Array<() => void> = [];

  constructor(readonly options: BoardSessionOptions) {
    this.state = {
      status: 'connecting',
      message: null,
      localReady: false,
      hasLocalCopy: false,
      serverSynced: false,
    };
    this.persistence =
      options.persist === false
        ? null
        : new IndexeddbPersistence(`setboard:${documentName(options.productionId, options.board)}`, this.doc);
    if (this.persistence) {
      // Every board the server ever sent holds at least its meta (written by the server's migration), so a
      // document with no structs after the local load was never downloaded here.
      void this.persistence.whenSynced.then(() =>
        this.patch({ localReady: true, hasLocalCopy: this.doc.store.clients.size > 0 }),
      );
    } else {
      this.state.localReady = true;
    }
    this.provider = new WebsocketProvider(options.serverUrl, options.board, this.doc, {
      params: { token: options.token },
      connect: options.connect ?? true,
      // Every tab must talk to the server itself: the "saved" signal is per connection.
      disableBc: true,
      maxBackoffTime: 5_000,
      shouldReconnect: (event) => !isTerminal(event.code),
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    });
    this.names = new ClientNames(this.provider.awareness);
    this.undo = new Y.UndoManager(undoScope(options.board, this.doc), {
      doc: this.doc,
      trackedOrigins: new Set([LOCAL_ORIGIN]),
      captureTimeout: 400,
    });
    this.wireProvider();
    this.wireDocument();
  }

  /** Runs an edit as this person: tagged so undo and the saved indicator see it as local. */
  transact(fn: () => void): void {
    this.doc.transact(fn, LOCAL_ORIGIN);
  }

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.conflicts.destroy();
    this.names.destroy();
    this.undo.destroy();
    this.provider.destroy();
    void this.persistence?.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }

  private wireProvider(): void {
    const provider = this.provider;
    const original = provider.messageHandlers[MESSAGE_SYNC];
    if (!original) throw new Error('y-websocket provider has no sync message handler');
    provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, type) => {
      const vector = peekStepOneVector(decoder);
      const answer = peekSyncType(decoder) === SYNC_STEP_2;
      original(encoder, decoder, p, emitSynced, type);
      if (answer) this.deletes.answered();
      if (vector) {
        this.serverVector = vector;
        this.localEditsSinceVector = false;
        // The provider answers a step 1 by returning its step 2 from this handler, and the caller sends it
        // after we return: a query for pending deletes goes out after that answer, in the next task.
        if (this.deletes.serverStepOne()) this.scheduleDeleteQuery();
      }
      if (vector || answer) this.recompute();
    };
    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connected') {
        this.everConnected = true;
        this.deletes.connected();
      }
      if (status !== 'connected') this.serverVector = null;
      this.recompute();
    };
    const onSync = (synced: boolean) => {
      if (synced) this.patch({ serverSynced: true });
      this.recompute();
    };
    const onClosed = (event: { code: number }) => {
      if (isTerminal(event.code)) {
        this.terminal = CLOSE_REASONS[event.code] ?? 'The server closed this board.';
      }
      this.recompute();
    };
    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('closed', onClosed);
    provider.on('connection-close', () => this.recompute());
    // The device knows before the socket does: a dead socket can take a ping interval to notice, and a
    // reconnect after the network returns should not wait out the provider's back-off.
    const onNetwork = () => {
      if (navigator.onLine === false) provider.disconnect();
      else if (!this.terminal && !provider.shouldConnect) provider.connect();
      this.recompute();
    };
    window.addEventListener('online', onNetwork);
    window.addEventListener('offline', onNetwork);
    this.cleanups.push(() => {
      window.removeEventListener('online', onNetwork);
      window.removeEventListener('offline', onNetwork);
    });
  }

  private wireDocument(): void {
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin === this.provider || origin === this.persistence) return;
      this.localEditsSinceVector = true;
      if (isDeleteOnly(update)) this.deletes.localDelete();
      this.recompute();
    };
    this.doc.on('update', onUpdate);
  }

  /** Asks the server to prove the deletes so far durable (see DeleteAcknowledgements), once per task. */
  private scheduleDeleteQuery(): void {
    if (this.deleteQueryScheduled) return;
    this.deleteQueryScheduled = true;
    setTimeout(() => {
      this.deleteQueryScheduled = false;
      const ws = this.provider.ws;
      // A socket that closed meanwhile: the next one's first server step 1 asks again.
      if (!ws || !this.provider.wsconnected || !this.deletes.wantsQuery) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      writeSyncStep1(encoder, this.doc);
      ws.send(encoding.toUint8Array(encoder));
      this.deletes.querySent();
    }, 0);
  }

  /** Marks the session as ended by the server (revoked, expired) with the reason to show. */
  fail(message: string): void {
    this.terminal = message;
    this.provider.disconnect();
    this.recompute();
  }

  private recompute(): void {
    const p = this.provider;
    let status: SyncStatus;
    let message: string | null = null;
    if (this.terminal) {
      status = 'error';
      message = this.terminal;
    } else if (!p.wsconnected) {
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
      // A first attempt that failed is as offline as a dropped connection: say so instead of "connecting".
      const failed = p.wsUnsuccessfulReconnects > 0;
      status = this.everConnected || offline || failed ? 'offline' : 'connecting';
      if (offline) message = 'This device has no network. Edits are kept here and merge when it reconnects.';
      else if (failed)
        message = 'The Setboard server cannot be reached. Edits are kept here and merge later.';
    } else if (!p.synced || !this.serverVector || this.localEditsSinceVector || this.deletes.pending) {
      status = 'syncing';
    } else {
      status = covers(this.serverVector, Y.decodeStateVector(Y.encodeStateVector(this.doc)))
        ? 'saved'
        : 'syncing';
    }
    this.patch({ status, message });
  }

  private patch(next: Partial<SessionState>): void {
    const merged = { ...this.state, ...next };
    const changed = (Object.keys(merged) as Array<keyof SessionState>).some(
      (k) => merged[k] !== this.state[k],
    );
    if (!changed) return;
    this.state = merged;
    for (const listener of this.listeners) listener();
  }
}

export function syncUrl(productionId: string, location: Location = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/sync/${encodeURIComponent(productionId)}`;
}
