/**
 * The awareness states of one room, with the connection that owns each client id. Kept as plain entries
 * rather than a y-protocols Awareness, which runs a timer per instance and wants a local state of its own.
 * Clock rules follow y-protocols: a newer clock wins; an equal clock wins only to remove a state.
 *
 * Bounded per member: a connection owns at most MAX_AWARENESS_CLIENTS_PER_CONNECTION client ids, each state
 * at most MAX_AWARENESS_STATE_BYTES, and removed states (tombstones) are forgotten after
 * AWARENESS_TOMBSTONE_MS. A read-only member could otherwise fill every joiner's first frame.
 */
import { encodeAwarenessUpdates, type AwarenessEntry, type AwarenessState } from '../protocol/awareness';
import type { RejectReason } from '../protocol/reject';

interface Meta {
  clock: number;
  state: AwarenessState | null;
  /** The local connection that sent it; null for states that came from another instance (or removed ones). */
  owner: object | null;
  updatedAt: number;
  /** The state's JSON as its owner sent it: a renewal repeats it exactly. */
  text?: string | undefined;
  /** The (stamped) state's JSON as it goes out, computed once per change. */
  json?: string | undefined;
}

/** An applied entry; `renewal` when only the clock moved (the owner re-sent the same state). */
export type AppliedEntry = AwarenessEntry & { renewal?: true };

/** y-protocols drops a remote state not renewed for this long; clients renew every 15 s. */
export const AWARENESS_OUTDATED_MS = 30_000;
/** A browser tab uses one client id per board; a few allow for tabs relaying each other (BroadcastChannel). */
export const MAX_AWARENESS_CLIENTS_PER_CONNECTION = 4;
/** A state (cursor, focus, name) is a few hundred bytes; this is ten times that. */
export const MAX_AWARENESS_STATE_BYTES = 4 * 1024;
/**
 * A removed state is remembered this long so that a late echo of it (stock providers re-send what they
 * receive) cannot bring it back; by then every client has dropped it as outdated anyway.
 */
export const AWARENESS_TOMBSTONE_MS = 2 * AWARENESS_OUTDATED_MS;

export class RoomAwareness {
  private readonly clients = new Map<number, Meta>();
  /** How many present states each local connection owns. */
  private readonly owned = new Map<object, number>();

  /**
   * Applies what is newer and not owned by another connection; returns the entries that were applied.
   * A local connection's (`owner` not null) entries over its caps are dropped and reported to `refuse`.
   * `vouch` stamps each new state (the owner's identity); echoes and renewals are never stamped again, which
   * matters because every stock provider re-sends every change it receives.
   */
  apply(
    entries: readonly AwarenessEntry[],
    owner: object | null,
    now: number,
    refuse?: (reason: RejectReason, detail: string) => void,
    vouch?: (state: AwarenessState) => AwarenessState,
  ): AppliedEntry[] {
    const applied: AppliedEntry[] = [];
    for (const entry of entries) {
      const meta = this.clients.get(entry.clientId);
      // One connection cannot speak for a client id another live connection holds.
      if (meta?.state && meta.owner !== null && owner !== null && meta.owner !== owner) continue;
      const clock = meta?.clock ?? 0;
      if (entry.state === null) {
        if (!meta?.state) {
          // Removing what is not there tells nobody anything: remember the clock, relay nothing.
          if (meta && clock < entry.clock) meta.clock = entry.clock;
          continue;
        }
        if (clock > entry.clock) continue;
        this.disown(meta.owner);
        this.clients.set(entry.clientId, { clock: entry.clock, state: null, owner: null, updatedAt: now });
        applied.push(entry);
        continue;
      }
      if (clock >= entry.clock) continue;
      if (meta?.state && meta.owner === owner && entry.text !== undefined && entry.text === meta.text) {
        // A renewal (every 15 s from each stock provider): the same state, a newer clock.
        meta.clock = entry.clock;
        meta.updatedAt = now;
        applied.push({ clientId: entry.clientId, clock: entry.clock, state: meta.state, renewal: true });
        continue;
      }
      // Tombstones have no owner, so this is a new claim unless the connection holds the state already.
      const claims = meta?.owner !== owner;
      if (owner !== null) {
        if ((entry.bytes ?? 0) > MAX_AWARENESS_STATE_BYTES) {
          refuse?.('awareness-state-too-large', `client ${entry.clientId}: ${entry.bytes} bytes`);
          continue;
        }
        const count = this.owned.get(owner) ?? 0;
        if (claims && count >= MAX_AWARENESS_CLIENTS_PER_CONNECTION) {
          refuse?.('awareness-too-many-clients', `client ${entry.clientId}: ${count} held already`);
          continue;
        }
        if (claims) this.owned.set(owner, count + 1);
      }
      if (claims) this.disown(meta?.owner ?? null);
      const state = vouch ? vouch(entry.state) : entry.state;
      this.clients.set(entry.clientId, {
        clock: entry.clock,
        state,
        owner,
        updatedAt: now,
        text: entry.text,
      });
      applied.push({ clientId: entry.clientId, clock: entry.clock, state });
    }
    return applied;
  }

  /** Removes (as a newer null state) every state `owner` holds: its socket is gone. */
  removeOwnedBy(owner: object, now: number): AwarenessEntry[] {
    const removed: AwarenessEntry[] = [];
    if (!this.owned.delete(owner)) return removed;
    for (const [clientId, meta] of this.clients) {
      if (meta.owner !== owner || meta.state === null) continue;
      const clock = meta.clock + 1;
      this.clients.set(clientId, { clock, state: null, owner: null, updatedAt: now });
      removed.push({ clientId, clock, state: null });
    }
    return removed;
  }

  /**
   * Removes other instances' states that were not renewed in time (their instance may have died), and
   * forgets tombstones past AWARENESS_TOMBSTONE_MS.
   */
  expire(now: number): AwarenessEntry[] {
    const removed: AwarenessEntry[] = [];
    for (const [clientId, meta] of this.clients) {
      if (meta.state === null) {
        if (now - meta.updatedAt >= AWARENESS_TOMBSTONE_MS) this.clients.delete(clientId);
        continue;
      }
      if (meta.owner !== null || now - meta.updatedAt < AWARENESS_OUTDATED_MS) continue;
      const clock = meta.clock + 1;
      this.clients.set(clientId, { clock, state: null, owner: null, updatedAt: now });
      removed.push({ clientId, clock, state: null });
    }
    return removed;
  }

  /** Present states; `ownedBy` narrows to one owner (null: every owner). */
  states(ownedBy: object | null = null): AwarenessEntry[] {
    const entries: AwarenessEntry[] = [];
    for (const [clientId, meta] of this.clients) {
      if (meta.state === null || (ownedBy !== null && meta.owner !== ownedBy)) continue;
      entries.push(entryOf(clientId, meta));
    }
    return entries;
  }

  /** The current entries (present or removed) of `clientIds`, skipping ids forgotten meanwhile. */
  current(clientIds: Iterable<number>): AwarenessEntry[] {
    const entries: AwarenessEntry[] = [];
    for (const clientId of clientIds) {
      const meta = this.clients.get(clientId);
      if (meta) entries.push(entryOf(clientId, meta));
    }
    return entries;
  }

  /**
   * Every present state as awareness updates for a client whose frame limit is `maxFrameBytes`: each a
   * quarter of it at most (64 KiB at most), so the client's echo of one stays far under the limit.
   */
  updates(maxFrameBytes: number): Uint8Array[] {
    const states = this.states();
    if (states.length === 0) return [];
    return encodeAwarenessUpdates(states, Math.min(64 * 1024, Math.floor(maxFrameBytes / 4)));
  }

  /** The clock held for a client id, present or removed; 0 when unknown. */
  clockOf(clientId: number): number {
    return this.clients.get(clientId)?.clock ?? 0;
  }

  /** Client ids known, present or removed. */
  get size(): number {
    return this.clients.size;
  }

  private disown(owner: object | null): void {
    if (owner === null) return;
    const count = (this.owned.get(owner) ?? 0) - 1;
    if (count > 0) this.owned.set(owner, count);
    else this.owned.delete(owner);
  }
}

function entryOf(clientId: number, meta: Meta): AwarenessEntry {
  if (meta.state === null) return { clientId, clock: meta.clock, state: null };
  meta.json ??= JSON.stringify(meta.state);
  return { clientId, clock: meta.clock, state: meta.state, json: meta.json };
}
