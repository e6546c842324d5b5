/**
 * The set channel: production-wide events over socket.io (one room per production).
 * One typed map used by both `Server<ClientToServerEvents, ServerToClientEvents>` and the client's socket,
 * so no event name is typed twice.
 */
import type { Board, Role } from './boards';
import type { CallSheetStatusEvent } from './callsheet-api';

export const SET_STATUSES = ['prepping', 'rolling', 'cut', 'moving-on', 'lunch', 'wrap'] as const;
export type SetStatusValue = (typeof SET_STATUSES)[number];

/** Roles that may call the set status: the AD runs the floor, the producer may stand in. */
export const SET_STATUS_ROLES = ['ad', 'producer'] as const satisfies readonly Role[];

export interface Actor {
  id: string;
  name: string;
  role: Role;
}

export interface SetStatus {
  value: SetStatusValue;
  /** ISO 8601 time the server accepted it. */
  at: string;
  by: Actor;
}

export interface PresenceEntry {
  memberId: string;
  name: string;
  role: Role;
  /** The board this person has open, or null on the production home. */
  board: Board | null;
  /** Devices this member has connected (a director may have a tablet and a laptop). */
  devices: number;
}

export const NOTIFICATION_KINDS = [
  'shot-done',
  'strip-moved',
  'over-budget',
  'schedule-change',
  'note',
  // Sent by the server only, to a mood-board card's author: a comment on it, a review decision.
  'comment',
  'review',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationInput {
  kind: NotificationKind;
  /** One line a person reads, at most 280 characters. */
  text: string;
  board?: Board;
}

export interface Notification extends NotificationInput {
  id: string;
  at: string;
  by: Actor;
  /** The one member it is for (a card's author); absent: everyone who may read its board. */
  to?: string;
}

export type Ack = (result: { ok: true } | { ok: false; error: string }) => void;

export interface ServerToClientEvents {
  /** The whole roster, sent on join and whenever it changes. */
  roster: (entries: PresenceEntry[]) => void;
  'set-status': (status: SetStatus | null) => void;
  notification: (notification: Notification) => void;
  /** Recent notifications, sent once on connect so a device that joins late sees the day so far. */
  'notification-history': (notifications: Notification[]) => void;
  /**
   * The time up to which this member has read the notifications (on any of their devices), sent on connect
   * and whenever one of their devices marks them read; null before the first time.
   */
  'notifications-read': (readUpTo: string | null) => void;
  /** Sent just before the server disconnects a revoked member. */
  'session-ended': (reason: { code: 'revoked' | 'expired'; message: string }) => void;
  /**
   * A call sheet recipient's status changed (published, opened, confirmed); to AD and producer members
   * only (`CALLSHEET_PUBLISHERS`), since it names who has not confirmed.
   */
  'callsheet:status': (event: CallSheetStatusEvent) => void;
}

export interface ClientToServerEvents {
  /** Which board this device has open (null: the production home). */
  'presence:board': (board: Board | null) => void;
  /** ADs (and producers) only; others get `{ok: false}`. */
  'set-status:update': (value: SetStatusValue, ack: Ack) => void;
  'notification:send': (input: NotificationInput, ack: Ack) => void;
  /** Marks every notification up to `at` (an ISO time from one of them) read for this member. */
  'notifications:read': (at: string, ack: Ack) => void;
}

export interface SocketData {
  memberId: string;
  productionId: string;
}
