/**
 * What the set channel remembers per production: the current set status and the recent notifications.
 * Async behind an interface: SQLite keeps it across restarts of one process (sqlite-set-state.ts), Redis shares
 * it between instances (server/cluster/redis-set-state.ts); the in-memory one is for tests.
 */
import type { Notification, SetStatus } from '../../shared/set-channel';

export interface SetStateStore {
  getStatus(productionId: string): Promise<SetStatus | null>;
  setStatus(productionId: string, status: SetStatus): Promise<void>;
  /** Appends, dropping the oldest beyond the store's history limit. */
  addNotification(productionId: string, notification: Notification): Promise<void>;
  /** Oldest first. */
  recentNotifications(productionId: string): Promise<Notification[]>;
  /** The time (ISO 8601) up to which the member has read the notifications, on any device; null: never. */
  readUpTo(productionId: string, memberId: string): Promise<string | null>;
  /** Records that the member read everything up to `at` (the caller keeps it from going backwards). */
  markRead(productionId: string, memberId: string, at: string): Promise<void>;
  /** Releases what the store holds open (a database file); the owner calls it after the set channel closed. */
  close?(): Promise<void>;
}

export const SET_STATE_DEFAULTS = {
  /** Enough for a shooting day's worth of "shot done" and "strip moved" at a glance; older ones are noise. */
  historyLimit: 50,
} as const;

export class InMemorySetStateStore implements SetStateStore {
  private readonly statuses = new Map<string, SetStatus>();
  private readonly notifications = new Map<string, Notification[]>();
  private readonly reads = new Map<string, string>();

  constructor(private readonly historyLimit: number = SET_STATE_DEFAULTS.historyLimit) {}

  async getStatus(productionId: string): Promise<SetStatus | null> {
    return this.statuses.get(productionId) ?? null;
  }

  async setStatus(productionId: string, status: SetStatus): Promise<void> {
    this.statuses.set(productionId, status);
  }

  async addNotification(productionId: string, notification: Notification): Promise<void> {
    const list = this.notifications.get(productionId) ?? [];
    list.push(notification);
    if (list.length > this.historyLimit) list.splice(0, list.length - this.historyLimit);
    this.notifications.set(productionId, list);
  }

  async recentNotifications(productionId: string): Promise<Notification[]> {
    return [...(this.notifications.get(productionId) ?? [])];
  }

  async readUpTo(productionId: string, memberId: string): Promise<string | null> {
    return this.reads.get(`${productionId}/${memberId}`) ?? null;
  }

  async markRead(productionId: string, memberId: string, at: string): Promise<void> {
    this.reads.set(`${productionId}/${memberId}`, at);
  }
}
