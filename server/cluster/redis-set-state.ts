/**
 * Set status and notification history on Redis, so a tablet that joins on any instance sees what the AD
 * called on another. Both are small and short-lived; losing them in a Redis restart costs a status that the
 * AD calls again, so they are plain keys, not a durable log.
 */
import type { Notification, SetStatus } from '../../shared/set-channel';
import { SET_STATE_DEFAULTS, type SetStateStore } from '../setchannel/set-state';
import type { RedisConnection } from '../redis/redis-connection';

export interface RedisSetStateOptions {
  client: RedisConnection;
  prefix: string;
  /** @default SET_STATE_DEFAULTS.historyLimit */
  historyLimit?: number;
  /** A production nobody touched for this long is forgotten. @default 7 days */
  ttlSeconds?: number;
}

export function createRedisSetState(options: RedisSetStateOptions): SetStateStore {
  const { client, prefix } = options;
  const limit = options.historyLimit ?? SET_STATE_DEFAULTS.historyLimit;
  const ttl = options.ttlSeconds ?? 7 * 24 * 3600;
  const statusKey = (productionId: string) => `${prefix}set:${productionId}:status`;
  const notificationsKey = (productionId: string) => `${prefix}set:${productionId}:notifications`;
  // One hash per production: member id -> the time up to which they read the notifications.
  const readsKey = (productionId: string) => `${prefix}set:${productionId}:read`;

  return {
    async getStatus(productionId) {
      const raw = await client.get(statusKey(productionId));
      return raw ? (JSON.parse(raw) as SetStatus) : null;
    },
    async setStatus(productionId, status) {
      await client.set(statusKey(productionId), JSON.stringify(status), { EX: ttl });
    },
    async addNotification(productionId, notification) {
      const key = notificationsKey(productionId);
      await client
        .multi()
        .rPush(key, JSON.stringify(notification))
        .lTrim(key, -limit, -1)
        .expire(key, ttl)
        .exec();
    },
    async recentNotifications(productionId) {
      const raw = await client.lRange(notificationsKey(productionId), 0, -1);
      return raw.map((entry) => JSON.parse(entry) as Notification);
    },
    async readUpTo(productionId, memberId) {
      return (await client.hGet(readsKey(productionId), memberId)) ?? null;
    },
    async markRead(productionId, memberId, at) {
      const key = readsKey(productionId);
      await client.multi().hSet(key, memberId, at).expire(key, ttl).exec();
    },
  };
}
