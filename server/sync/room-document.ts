/**
 * A room's document and what is derived from it: the live Y.Doc or, while nobody changes it, its bytes
 * (dormant-state.ts), and the cached answers built from it (the whole state, the fresh clients' step 2, our
 * step 1). The room decides what to apply and when to relay; this part keeps the document and its caches in
 * step with each other.
 */
import * as Y from 'yjs';
import { encodeSyncStep1 } from '../protocol/messages';
import type { Metrics } from '../metrics';
import { DormantState, type GuardedRoots } from './dormant-state';
import { FreshAnswer } from './fresh-answer';
import { toBuffer } from './frames';
import { PEER_ORIGIN } from './origin';

/** A nap shorter than this many dormancy delays doubles the delay (up to MAX_NAP_FACTOR); a longer one halves it. */
const NAP_TOO_SHORT = 10;
const MAX_NAP_FACTOR = 32;

export interface RoomDocumentOptions {
  /** No change for this long: held as bytes until something new arrives; 0: never. */
  dormantAfterMs: number;
  metrics: Metrics;
  /** Roots whose entries the room's vetting reads from a live transaction: edits to them wake the document. */
  guardedRoots: GuardedRoots;
  /** Whether the room may let the Y.Doc go now (open, nothing waiting for the store). */
  canSleep(): boolean;
}

function stateMoved(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0 || tr.afterState.size !== tr.beforeState.size) return true;
  for (const [client, clock] of tr.afterState) if (tr.beforeState.get(client) !== clock) return true;
  return false;
}

export class RoomDocument {
  /** Set by every transaction that moved the state; `applyClientUpdate` clears it first. */
  changed = false;
  private live: Y.Doc | null = null;
  private dormant: DormantState | null = null;
  /** The whole document as one update, shared by compaction and fresh answers; null once it changes. */
  private full: Uint8Array | null = null;
  private readonly fresh = new FreshAnswer();
  /** Set while a client's update is applied: its change extends the fresh answer instead of voiding it. */
  private applyingClientUpdate = false;
  private step1: Buffer | null = null;
  private lastChange = Date.now();
  private asleepSince = 0;
  /** Multiplies the dormancy delay for a board that keeps being woken soon after it went to sleep. */
  private napFactor = 1;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    doc: Y.Doc,
    private readonly options: RoomDocumentOptions,
  ) {
    this.attach(doc);
  }

  /** The live document, woken from its bytes if it is dormant. */
  get doc(): Y.Doc {
    return this.live ?? this.wake();
  }

  get isDormant(): boolean {
    return this.live === null;
  }

  /**
   * Whether applying `update` could change the document. A dormant document answers from its bytes, so a
   * copy of what it already holds does not wake it; a live one always says yes (applying is then as cheap as
   * checking).
   */
  couldChange(update: Uint8Array): boolean {
    return this.dormant === null || !this.dormant.covers(update);
  }

  /**
   * Applies a client's update; true if it changed the document or its pending set (an update waiting for
   * missing dependencies must be stored all the same). Throws what Yjs throws; `changed` then says whether a
   * part was applied.
   */
  applyClientUpdate(update: Uint8Array, origin: unknown): boolean {
    const store = this.doc.store;
    const { pendingStructs, pendingDs } = store;
    this.changed = false;
    this.applyingClientUpdate = true;
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch (error) {
      this.fresh.reset(); // partly applied, perhaps: the update is no description of the change
      throw error;
    } finally {
      this.applyingClientUpdate = false;
    }
    const moved = this.changed || store.pendingStructs !== pendingStructs || store.pendingDs !== pendingDs;
    if (moved) {
      this.full = null;
      this.fresh.extend(update);
    }
    return moved;
  }

  /**
   * Applies a client's update to a dormant document's bytes, without a Y.Doc, when it integrates fully there
   * (DormantState.absorb); true if it did. The update is then stored and relayed as on a live document. A
   * board edited now and then on a quiet set (a status tap every minute) thus never pays for rebuilding and
   * dropping a Y.Doc per edit; one edited in earnest wakes after a few edits.
   */
  absorb(update: Uint8Array): boolean {
    if (!this.dormant?.absorb(update)) return false;
    this.step1 = null;
    this.fresh.extend(update);
    this.options.metrics.absorbed.inc();
    return true;
  }

  /** The whole document as one update. */
  state(): Uint8Array {
    if (this.dormant) return this.dormant.state;
    return (this.full ??= Y.encodeStateAsUpdate(this.doc));
  }

  /** What a client with `stateVector` lacks. */
  missing(stateVector: Uint8Array): Uint8Array {
    return this.dormant ? this.dormant.diff(stateVector) : Y.encodeStateAsUpdate(this.doc, stateVector);
  }

  /** The frames that bring a client holding nothing up to date, in order (fresh-answer.ts). */
  freshFrames(): Buffer[] {
    return this.fresh.frames(() => this.state());
  }

  /** Our sync step 1: the state vector, for joins and "saved". */
  step1Frame(): Buffer {
    const stateVector = () => (this.dormant ? this.dormant.stateVector : Y.encodeStateVector(this.doc));
    return (this.step1 ??= toBuffer(encodeSyncStep1(stateVector())));
  }

  /** The room became free to sleep (its last batch is durable): start the quiet period if none runs. */
  armDormancy(): void {
    const after = this.options.dormantAfterMs * this.napFactor;
    if (after === 0 || this.timer || this.closed || this.live === null) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.sleepIfQuiet();
      },
      Math.max(0, this.lastChange + after - Date.now()),
    );
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.dormant) this.options.metrics.dormantDocuments.dec();
    this.live?.destroy();
    this.live = null;
    this.dormant = null;
    this.full = null;
    this.fresh.reset();
  }

  private attach(doc: Y.Doc): void {
    this.live = doc;
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (!stateMoved(tr)) return;
      this.changed = true;
      if (!this.applyingClientUpdate) this.fresh.reset();
      this.full = null;
      this.step1 = null;
      this.lastChange = Date.now();
      this.armDormancy();
    });
    this.armDormancy();
  }

  private wake(): Y.Doc {
    const dormant = this.dormant!;
    this.dormant = null;
    // A board edited every few seconds would otherwise sleep and wake in a loop, paying for both each time.
    const nap = Date.now() - this.asleepSince;
    const delay = this.options.dormantAfterMs * this.napFactor;
    this.napFactor =
      nap < NAP_TOO_SHORT * delay
        ? Math.min(this.napFactor * 2, MAX_NAP_FACTOR)
        : Math.max(1, this.napFactor / 2);
    // Applied before the listener is attached: waking is not a change, and the cached bytes stay valid.
    const doc = dormant.wake(PEER_ORIGIN);
    this.lastChange = Date.now();
    this.attach(doc);
    this.full = dormant.stateIfMerged;
    this.options.metrics.dormantDocuments.dec();
    this.options.metrics.wakes.inc();
    return doc;
  }

  /**
   * Trades the Y.Doc for its bytes once nothing changed for the delay and the room allows it. A pending
   * compaction runs later from the bytes (the snapshot is the dormant state).
   */
  private sleepIfQuiet(): void {
    if (this.closed || this.live === null) return;
    const quiet = Date.now() - this.lastChange >= this.options.dormantAfterMs * this.napFactor;
    if (!quiet || !this.options.canSleep()) return this.armDormancy();
    const doc = this.live;
    this.dormant = DormantState.of(doc, this.state(), this.options.guardedRoots);
    this.live = null;
    this.asleepSince = Date.now();
    this.full = null;
    this.fresh.reset();
    doc.destroy();
    this.options.metrics.dormantDocuments.inc();
  }
}
