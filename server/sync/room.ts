/**
 * The one in-memory owner of a document: its Y.Doc (room-document.ts), its connections and their awareness.
 * Updates from writers are applied at once (Yjs validates them against the document) but leave the room
 * only after the group commit made them durable: relays, acknowledgements and any answer built from the
 * document wait for the batch that holds everything applied so far. A client thus never receives an update
 * that a crash could lose. While the store is down the committer holds batches instead and the room relays
 * them at once (live sync goes on from memory); writers hear "saved" only once their edits are durable.
 */
import * as Y from 'yjs';
import { CloseCode } from '../../shared/close-codes';
import type { Fanout, FanoutKind, FanoutSubscription } from '../fanout/fanout';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { AwarenessEntry } from '../protocol/awareness';
import { AwarenessRelay } from './awareness-relay';
import { encodeSyncStep2, encodeSyncUpdate, type ClientMessage } from '../protocol/messages';
import type { Principal } from '../directory/directory';
import type { DocumentStore } from '../storage/document-store';
import type { Connection, ConnectionTarget } from './connection';
import type { Commit, CommitParticipant, GroupCommitter } from './group-commit';
import { PEER_ORIGIN, SERVER_ORIGIN, policyFor, type TransactionOrigin } from './origin';
import { RoomAwareness } from './room-awareness';
import { DocumentSize } from './document-size';
import { Batch } from './batch';
import { PreparedFrame } from './ws-frame';
import { Compactor } from './compactor';
import { RoomDocument } from './room-document';
import type { GuardedRoots } from './dormant-state';
import type { CompactionLease } from './compaction-lease';
import { awarenessFrame, awarenessMessage, toBuffer } from './frames';
import { applyPeerFrame, mergeFromStore, resyncFromStore } from './peer';

/** Merged awareness frames stay under this, so a stock provider's echo of one stays far under its limit. */
const AWARENESS_RELAY_FRAME_BYTES = 16 * 1024;

/** Writers are told their edits are saved at most this often (and always after their last edit). */
const ACK_INTERVAL_MS = 250;

export interface RoomOptions {
  docName: string;
  store: DocumentStore;
  committer: GroupCommitter;
  fanout: Fanout | undefined;
  metrics: Metrics;
  logger: Logger;
  compactDebounceMs: number;
  /** A tablet that just reconnected changed the document (its offline edits): a storm signal. */
  onReturningWriter?: (() => void) | undefined;
  /** A document with no change for this long is held as bytes until something new arrives; 0: never. */
  dormantAfterMs: number;
  /** An edit that would take the encoded document past this is refused (close 4422). */
  maxDocumentBytes: number;
  /** Several instances share the store: compaction of a document runs under this lease (none: alone). */
  compactionLease?: CompactionLease | undefined;
  /** The last holder released the room. */
  onUnused(room: Room): void;
  /** Storage failed under the room: it closed its connections and must be dropped without a flush. */
  onBroken(room: Room): void;
  /**
   * Runs once on every freshly loaded document, before any client syncs, as a server edit (persisted and
   * relayed). The composition root uses it to migrate older document layouts.
   */
  prepareDocument?: ((docName: string, doc: Y.Doc) => void) | undefined;
  /** Runs after each client update is applied (see VetClientUpdate). */
  vetClientUpdate?: VetClientUpdate | undefined;
  /**
   * The root types whose direct entries `vetClientUpdate` reads, for this document ('all' when it reads
   * deeper): an edit touching none of them needs no live transaction and may be applied to a dormant
   * document's bytes. Without it, every edit to a vetted document wakes it.
   */
  vettedRoots?: ((docName: string) => GuardedRoots) | undefined;
}

/**
 * Called after the room applied a client's update, with that update's transaction and the writer's principal.
 * `edit` runs a server edit right after it, persisted and relayed like any server edit. The sync core knows
 * nothing of the boards; the composition root uses this to vouch for authors (shared/model/vetting.ts).
 */
export type VetClientUpdate = (context: {
  docName: string;
  transaction: Y.Transaction;
  principal: Principal;
  edit: (fn: (doc: Y.Doc) => void) => void;
}) => void;

export class Room implements ConnectionTarget, CommitParticipant {
  readonly docName: string;
  readonly connections = new Set<Connection>();
  state: 'open' | 'unloading' | 'closed' = 'open';
  readonly options: RoomOptions;
  readonly awareness = new RoomAwareness();
  /** Changes leave at the end of the turn, merged; renewals in a batch every few seconds. */
  private readonly awarenessOut: AwarenessRelay<Connection>;
  private collecting: Batch | null = null;
  /** Batches handed to the committer and not yet durable, oldest first. */
  private readonly pending: Batch[] = [];
  /** The document, live or dormant, and the answers cached from it. */
  private readonly document: RoomDocument;
  private retains = 0;
  private seq: number;
  private readonly compactor: Compactor;
  private readonly ackTimers = new Map<Connection, NodeJS.Timeout>();
  private readonly size: DocumentSize;
  /** This room's own fan-out subscription: ending it leaves a successor room's in place. */
  private subscription: FanoutSubscription | null = null;

  private constructor(
    options: RoomOptions,
    doc: Y.Doc,
    seq: number,
    compacted: boolean,
    storedBytes: number,
  ) {
    this.options = options;
    this.docName = options.docName;
    this.seq = seq;
    this.compactor = new Compactor(
      options.docName,
      options.store,
      {
        busy: () => this.collecting !== null || this.pending.length > 0,
        seq: () => this.seq,
        prepare: async () => {
          const throughSeq = await mergeFromStore(this);
          return { throughSeq, snapshot: this.document.state() };
        },
      },
      options.compactDebounceMs,
      options.logger,
      compacted ? seq : -1,
      options.compactionLease,
    );
    this.document = new RoomDocument(doc, {
      dormantAfterMs: options.dormantAfterMs,
      metrics: options.metrics,
      guardedRoots: options.vetClientUpdate ? (options.vettedRoots?.(options.docName) ?? 'all') : [],
      canSleep: () => this.state === 'open' && this.collecting === null && this.pending.length === 0,
    });
    this.awarenessOut = new AwarenessRelay<Connection>(
      {
        current: (clientIds) => this.awareness.current(clientIds),
        send: (frame, except) => this.relayAwareness(frame, except),
      },
      // As for a joiner's frames (room-awareness.ts `updates`): far under any client's frame limit.
      AWARENESS_RELAY_FRAME_BYTES,
    );
    this.size = new DocumentSize(
      options.maxDocumentBytes,
      storedBytes,
      () => this.document.state().byteLength,
    );
  }

  /** The live document, woken from its bytes if the room is dormant. */
  get doc(): Y.Doc {
    return this.document.doc;
  }

  get isDormant(): boolean {
    return this.document.isDormant;
  }

  /** Whether applying `update` could change the document (room-document.ts). */
  couldChange(update: Uint8Array): boolean {
    return this.document.couldChange(update);
  }

  /**
   * Subscribes to the fan-out first and then reads the store, so nothing published in between is missed;
   * what arrives during the load is applied after it. Throws (and subscribes nothing) if the load fails.
   */
  static async load(options: RoomOptions): Promise<Room> {
    const early: Array<[FanoutKind, Uint8Array]> = [];
    let room: Room | null = null;
    const { fanout, docName } = options;
    let subscription: FanoutSubscription | null = null;
    if (fanout) {
      subscription = await fanout.subscribe(docName, {
        message: (kind, payload) =>
          room ? applyPeerFrame(room, kind, payload) : early.push([kind, payload]),
        resync: () => void (room && resyncFromStore(room)),
      });
    }
    try {
      const stored = await options.store.load(docName);
      const doc = new Y.Doc();
      // Updates this instance received for the document before it last unloaded, still waiting for the store.
      const held = options.committer.heldUpdates(docName);
      doc.transact(() => {
        if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
        for (const update of stored.updates) Y.applyUpdate(doc, update);
        for (const update of held) Y.applyUpdate(doc, update);
      }, PEER_ORIGIN);
      let storedBytes = stored.snapshot?.byteLength ?? 0;
      for (const update of [...stored.updates, ...held]) storedBytes += update.byteLength;
      room = new Room(options, doc, stored.seq, stored.updates.length === 0, storedBytes);
      if (stored.updates.length > 0) room.compactor.schedule();
    } catch (error) {
      await subscription?.unsubscribe().catch(() => {});
      throw error;
    }
    room.subscription = subscription;
    for (const [kind, payload] of early) applyPeerFrame(room, kind, payload);
    const { prepareDocument } = options;
    if (prepareDocument) room.transactAsServer((doc) => prepareDocument(docName, doc));
    return room;
  }

  retain(): void {
    this.retains++;
  }

  release(): void {
    if (--this.retains === 0) this.options.onUnused(this);
  }

  get retained(): number {
    return this.retains;
  }

  /** Adds a connection: it gets our state vector (step 1) and everyone's awareness, then its own messages. */
  join(connection: Connection): boolean {
    this.connections.add(connection);
    const joined = connection.attach(this, () => {
      this.sendStep1(connection);
      // In several frames, each far under the joiner's frame limit: it echoes every one back.
      for (const update of this.awareness.updates(connection.maxFrameBytes))
        connection.send(awarenessMessage(update));
    });
    if (!joined) this.connections.delete(connection);
    return joined;
  }

  detach(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    clearTimeout(this.ackTimers.get(connection));
    this.ackTimers.delete(connection);
    const removed = this.awareness.removeOwnedBy(connection, Date.now());
    this.awarenessOut.add(removed, null);
    this.release();
  }

  awarenessClock(clientId: number): number {
    return this.awareness.clockOf(clientId);
  }

  receive(connection: Connection, message: ClientMessage): void {
    if (this.state === 'closed') return;
    switch (message.type) {
      case 'sync-step1':
        return this.answerStep1(connection, message.stateVector, message.clients === 0);
      case 'sync-step2':
      case 'sync-update':
        if (message.empty) return;
        // The answer to "saved": the stock client sends every edit as an update the moment it is made, so
        // by now the server has read all of them and this step 2 holds only the writer's delete set, which
        // is not worth decoding (the answer to the join's step 1, which carries offline edits, always is).
        if (message.type === 'sync-step2' && connection.answering === 'ack' && message.structs === 0) return;
        if (!connection.canWrite) {
          // A reader's step 2 is the stock provider answering our step 1 (it carries at least the delete
          // set): ignored without a word. An update message is a write attempt: dropped and counted.
          if (message.type === 'sync-update') connection.reject('read-only', 'update from a reader');
          return;
        }
        this.options.metrics.updatesReceived.inc();
        return this.applyClientUpdate(connection, message.update, message.structs);
      case 'awareness':
        return this.applyAwareness(connection, message.entries);
      case 'query-awareness': {
        const updates = this.awareness.updates(connection.maxFrameBytes);
        if (updates.length === 0) return connection.send(awarenessFrame([]));
        for (const update of updates) connection.send(awarenessMessage(update));
        return;
      }
    }
  }

  /** Runs fn in one server transaction; its changes are stored and relayed like a client's. */
  transactAsServer<T>(fn: (doc: Y.Doc) => T): T {
    const updates: Uint8Array[] = [];
    const collect = (update: Uint8Array, origin: unknown) => {
      if (origin === SERVER_ORIGIN) updates.push(update);
    };
    this.doc.on('update', collect);
    try {
      return this.doc.transact(() => fn(this.doc), SERVER_ORIGIN);
    } finally {
      this.doc.off('update', collect);
      for (const update of updates) this.enqueue(update, null, SERVER_ORIGIN);
    }
  }

  /** Resolves once everything applied so far is durable (rejects if storing it failed). */
  flushed(): Promise<void> {
    return (this.collecting ?? this.pending.at(-1))?.done ?? Promise.resolve();
  }

  /**
   * Resolves once everything applied so far is in the committer's hands (durable, or held while the store is
   * down): the room can then be dropped without losing an edit.
   */
  released(): Promise<void> {
    return (this.collecting ?? this.pending.at(-1))?.released ?? Promise.resolve();
  }

  takeCommit(): Commit | null {
    const batch = this.collecting;
    if (!batch || this.state === 'closed') return null;
    this.collecting = null;
    this.pending.push(batch);
    // From here on, updates join the next batch.
    return {
      entries: batch.updates.map((update) => ({ docName: this.docName, update })),
      held: () => this.relay(batch),
      durable: (seq) => this.committed(batch, seq),
      failed: (error) => this.failed(error),
    };
  }

  private committed(batch: Batch, seq: number): void {
    const index = this.pending.indexOf(batch);
    if (index < 0) return;
    // Durability comes in order, so anything older is durable too.
    const durable = this.pending.splice(0, index + 1);
    this.seq = Math.max(this.seq, seq);
    for (const done of durable) {
      this.relay(done);
      for (const writer of done.writers) this.requestAck(writer);
      done.settle();
    }
    // Edits a dormant document took as bytes fold into the snapshot when it wakes or unloads, not after each
    // one: the log holds at most a few of them (DormantState), and each compaction costs a merge and a write.
    if (!this.document.isDormant) this.compactor.schedule();
    this.document.armDormancy();
  }

  /** Sends a batch's updates to the room and to other instances; once per batch. */
  private relay(batch: Batch): void {
    if (batch.wasReleased || this.state === 'closed') return;
    const except = batch.soleWriter();
    const publish = this.options.fanout && policyFor(batch.origin).publish;
    for (const update of batch.relayed(this.connections.size - (except ? 1 : 0))) {
      const frame = toBuffer(encodeSyncUpdate(update));
      this.broadcast(frame, except);
      if (publish) this.options.fanout?.publish(this.docName, 'update', frame);
    }
    batch.release();
  }

  private failed(error: unknown): void {
    if (this.state === 'closed') return;
    const batches = [...this.pending.splice(0), this.collecting];
    this.collecting = null;
    this.state = 'closed';
    for (const batch of batches) batch?.fail(error);
    this.options.logger.error(
      { err: error, doc: this.docName, connections: this.connections.size },
      "Cannot store or hold this document's updates; closing its connections",
    );
    // The document now holds edits the store lacks; it must not serve anyone. Clients keep their edits
    // and send them again when they reconnect.
    for (const connection of this.connections) connection.close(CloseCode.StorageUnavailable);
    this.options.onBroken(this);
  }

  /** Drops awareness states of other instances that stopped renewing them. */
  expireAwareness(now: number): void {
    const removed = this.awareness.expire(now);
    if (removed.length > 0) this.broadcast(awarenessFrame(removed), null);
  }

  /**
   * Flush, compact, let go of the document. While the store is down, held updates stay with the committer
   * (a reload includes them), so unloading does not wait for the store to come back.
   */
  async unload(): Promise<void> {
    this.state = 'unloading';
    await this.released();
    if (this.state === 'unloading' && this.pending.length === 0) await this.compactor.compact();
    await this.destroy();
  }

  async destroy(): Promise<void> {
    // Removals still queued must reach other instances.
    this.awarenessOut.flush();
    this.awarenessOut.close();
    this.state = 'closed';
    for (const timer of this.ackTimers.values()) clearTimeout(timer);
    this.ackTimers.clear();
    await this.compactor.stop();
    this.document.close();
    await this.subscription?.unsubscribe().catch((error: unknown) => {
      this.options.logger.warn({ err: error, doc: this.docName }, 'Fan-out unsubscribe failed');
    });
  }

  private answerStep1(connection: Connection, stateVector: Uint8Array, fresh: boolean): void {
    let frames: Buffer[];
    if (fresh) frames = this.document.freshFrames();
    else frames = [toBuffer(encodeSyncStep2(this.document.missing(stateVector)))];
    // Built now from everything applied, sent once it is released (durable, or held while the store is down).
    this.afterReleased(() => {
      for (const frame of frames) connection.send(frame);
    });
  }

  private sendStep1(connection: Connection): void {
    const frame = this.document.step1Frame();
    this.afterReleased(() => connection.sendStep1(frame, 'join'));
  }

  /**
   * "Saved": a step 1 whose state vector the writer compares with its own (docs/PROTOCOL.md). At most one per
   * ACK_INTERVAL_MS, the trailing one always sent: the stock client answers each with a step 2 carrying the
   * whole delete set, work that a fast typist would otherwise cause on every keystroke.
   */
  private requestAck(writer: Connection): void {
    if (!this.connections.has(writer) || this.ackTimers.has(writer)) return;
    const wait = writer.lastAckAt + ACK_INTERVAL_MS - Date.now();
    if (wait <= 0) return this.ack(writer);
    const timer = setTimeout(() => {
      this.ackTimers.delete(writer);
      this.ack(writer);
    }, wait);
    timer.unref();
    this.ackTimers.set(writer, timer);
  }

  private ack(writer: Connection): void {
    if (!this.connections.has(writer) || this.state === 'closed') return;
    // Still streaming (or held while the store is down): its batch asks again once durable. Mid-stream, the
    // client's step 2 answer would resend everything still in flight.
    if (this.collecting?.writers.has(writer) || this.pending.some((batch) => batch.writers.has(writer)))
      return;
    // Everything this writer sent is durable, so its entry in the vector is; other clients' entries may run
    // ahead of the disk, which a state vector (no content) cannot leak.
    writer.lastAckAt = Date.now();
    writer.sendStep1(this.document.step1Frame(), 'ack');
  }

  private applyClientUpdate(connection: Connection, update: Uint8Array, structs: number): void {
    if (!this.options.committer.admits(update.byteLength)) {
      // Not applied: the writer's device keeps the edit and sends it again once it reconnects.
      this.options.logger.warn(
        { doc: this.docName, connection: connection.id, bytes: update.byteLength },
        'Store unavailable and the held-update buffer is full; refusing a writer',
      );
      connection.close(CloseCode.StorageUnavailable);
      return;
    }
    // Usually a client's answer to our step 1 holding only what we have: no reason to wake the document.
    if (!this.document.couldChange(update)) return;
    // Not applied, stored or relayed. Deletions alone always pass: they are how a full board makes room.
    if (structs > 0 && !this.size.admits(update.byteLength)) {
      connection.reject('document-too-large', `over ${this.options.maxDocumentBytes} bytes`);
      return;
    }
    // A dormant document takes an edit nothing needs a live transaction for as bytes (room-document.ts).
    if (this.document.absorb(update)) {
      if (connection.firstChangeOnReturn()) this.options.onReturningWriter?.();
      return this.enqueue(update, connection, connection.origin);
    }
    let moved: boolean;
    const { vetClientUpdate } = this.options;
    const applied: Y.Transaction[] = [];
    const capture = (transaction: Y.Transaction) => {
      if (transaction.origin === connection.origin) applied.push(transaction);
    };
    if (vetClientUpdate) this.doc.on('afterTransaction', capture);
    try {
      moved = this.document.applyClientUpdate(update, connection.origin);
    } catch (error) {
      connection.reject('invalid-update', `Yjs refused the update: ${(error as Error).message}`);
      // Whatever part did apply must reach the store, or memory and disk would disagree.
      if (this.document.changed) this.enqueue(Y.encodeStateAsUpdate(this.doc), null, SERVER_ORIGIN);
      return;
    } finally {
      if (vetClientUpdate) this.doc.off('afterTransaction', capture);
    }
    if (!moved) return;
    if (connection.firstChangeOnReturn()) this.options.onReturningWriter?.();
    this.enqueue(update, connection, connection.origin);
    if (vetClientUpdate)
      for (const transaction of applied) this.vet(vetClientUpdate, connection, transaction);
  }

  /** A failing hook must not cost the writer its connection: its edit is applied; log and carry on. */
  private vet(vetClientUpdate: VetClientUpdate, connection: Connection, transaction: Y.Transaction): void {
    try {
      vetClientUpdate({
        docName: this.docName,
        transaction,
        principal: connection.info.principal,
        edit: (fn) => this.transactAsServer(fn),
      });
    } catch (error) {
      this.options.logger.error(
        { err: error, doc: this.docName, connection: connection.id },
        'Vetting a client update failed',
      );
    }
  }

  private enqueue(update: Uint8Array, writer: Connection | null, origin: TransactionOrigin): void {
    if (this.state === 'closed') return;
    if (!this.collecting) {
      this.collecting = new Batch(origin);
      this.options.committer.enqueue(this);
    }
    this.collecting.add(update, writer, origin);
    this.size.grew(update.byteLength);
  }

  /** Runs fn once the batch holding everything applied so far is released (durable, or held). */
  private afterReleased(fn: () => void): void {
    const batch = this.collecting ?? this.pending.at(-1);
    if (batch) batch.then(fn);
    else fn();
  }

  private applyAwareness(connection: Connection, entries: AwarenessEntry[]): void {
    const applied = this.awareness.apply(
      entries,
      connection,
      Date.now(),
      (reason, detail) => connection.reject(reason, detail),
      connection.vouch,
    );
    if (applied.length === 0) return; // an echo of states the room already has: free, see Connection
    connection.chargeAwarenessChange();
    this.awarenessOut.add(applied, connection);
  }

  private relayAwareness(frame: Buffer, except: Connection | null): void {
    this.broadcast(frame, except);
    this.options.fanout?.publish(this.docName, 'awareness', frame);
  }

  /** Sends one frame, encoded once, to every connection but `except`. */
  broadcast(frame: Buffer, except: Connection | null): void {
    let sent = 0;
    // Framed once for every receiver: one plain socket write each (ws-frame.ts).
    const prepared = new PreparedFrame(frame);
    for (const connection of this.connections) {
      if (connection === except) continue;
      connection.sendPrepared(prepared);
      sent++;
    }
    this.options.metrics.bytesSent.inc(sent * frame.length);
  }
}
