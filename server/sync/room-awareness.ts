/**
 * The awareness states of one room, with the connection that owns each client id. Kept as plain entries
 * rather than a y-protocols Awareness, which runs a timer per instance and wants a local state of its own.
 * Clock rules follow y-protocols: a newer clock wins; an equal clock wins only to remove a state.
 */
import type { AwarenessEntry, AwarenessState } from '../protocol/awareness';

interface Meta {
  clock: number;
  state: AwarenessState | null;
  /** The local connection that sent it; null for states that came from another instance. */
  owner: object | null;
  updatedAt: number;
}

/** y-protocols drops a remote state not renewed for this long; clients renew every 15 s. */
export const AWARENESS_OUTDATED_MS = 30_000;

export class RoomAwareness {
  private readonly clients = new Map<number, Meta>();

  /** Applies what is newer and not owned by another connection; returns the entries that were applied. */
  apply(entries: readonly AwarenessEntry[], owner: object | null, now: number): AwarenessEntry[] {
    const applied: AwarenessEntry[] = [];
    for (const entry of entries) {
      const meta = this.clients.get(entry.clientId);
      // One connection cannot speak for a client id another live connection holds.
      if (meta?.state && meta.owner !== null && owner !== null && meta.owner !== owner) continue;
      const clock = meta?.clock ?? 0;
      const removesLiveState = clock === entry.clock && entry.state === null && Boolean(meta?.state);
      if (clock < entry.clock || removesLiveState) {
        this.clients.set(entry.clientId, {
          clock: entry.clock,
          state: entry.state,
          owner: entry.state === null ? null : owner,
          updatedAt: now,
        });
        applied.push(entry);
      }
    }
    return applied;
  }

  /** Removes (as a newer null state) every state `owner` holds: its socket is gone. */
  removeOwnedBy(owner: object, now: number): AwarenessEntry[] {
    const removed: AwarenessEntry[] = [];
    for (const [clientId, meta] of this.clients) {
      if (meta.owner !== owner || meta.state === null) continue;
      const clock = meta.clock + 1;
      this.clients.set(clientId, { clock, state: null, owner: null, updatedAt: now });
      removed.push({ clientId, clock, state: null });
    }
    return removed;
  }

  /** Removes other instances' states that were not renewed in time (their instance may have died). */
  expire(now: number): AwarenessEntry[] {
    const removed: AwarenessEntry[] = [];
    for (const [clientId, meta] of this.clients) {
      if (meta.owner !== null || meta.state === null || now - meta.updatedAt < AWARENESS_OUTDATED_MS)
        continue;
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
      entries.push({ clientId, clock: meta.clock, state: meta.state });
    }
    return entries;
  }

  get size(): number {
    return this.clients.size;
  }
}
