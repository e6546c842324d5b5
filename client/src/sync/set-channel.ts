/**
 * The production's set channel (socket.io): who is on set and where, the set status, notifications.
 * One socket per production page; the board a person has open is reported as presence.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { Board } from '../../../shared/boards';
import type { CallSheetStatusEvent } from '../../../shared/callsheet-api';
import type {
  ClientToServerEvents,
  Notification,
  NotificationInput,
  PresenceEntry,
  ServerToClientEvents,
  SetStatus,
  SetStatusValue,
} from '../../../shared/set-channel';

type SetSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface SetChannelState {
  connected: boolean;
  roster: PresenceEntry[];
  status: SetStatus | null;
  notifications: Notification[];
  /** Set when the server ended this member's session (revoked or expired). */
  ended: string | null;
  /** The time up to which this member read the notifications (any device); null: never. */
  readUpTo: string | null;
  /** Notifications that arrived while this page was open and are still shown as toasts, newest last. */
  toasts: Notification[];
}

/** A recipient's new status, or `reconnected`: events may have been missed, read the list again. */
export type CallSheetListener = (event: CallSheetStatusEvent | 'reconnected') => void;

export interface SetChannel extends SetChannelState {
  /** Listens to `callsheet:status` (sent to AD and producer only); returns the unsubscribe. */
  subscribeCallSheet(listener: CallSheetListener): () => void;
  setStatus(value: SetStatusValue): Promise<void>;
  /** Best effort: a notification that cannot be sent (offline) is dropped, the edit itself is not. */
  notify(input: NotificationInput): void;
  /** Notifications after the read marker that someone else caused. */
  unread: number;
  /** Marks everything shown so far read, for this member on every device. */
  markRead(): void;
  dismissToast(id: string): void;
}

const MAX_NOTIFICATIONS = 50;
/** More at once would cover the board; the feed behind the Notifications button keeps them all. */
const MAX_TOASTS = 3;

/** `memberId`: who this device is, so that one's own notifications are neither counted nor toasted. */
export function useSetChannel(
  token: string | null,
  board: Board | null,
  memberId: string | null = null,
): SetChannel {
  const [state, setState] = useState<SetChannelState>({
    connected: false,
    roster: [],
    status: null,
    notifications: [],
    ended: null,
    readUpTo: null,
    toasts: [],
  });
  const memberRef = useRef(memberId);
  memberRef.current = memberId;
  const socketRef = useRef<SetSocket | null>(null);
  const boardRef = useRef(board);
  boardRef.current = board;
  const callSheetListeners = useRef(new Set<CallSheetListener>());

  useEffect(() => {
    if (!token) return;
    const socket: SetSocket = io({ auth: { token }, reconnectionDelayMax: 5_000 });
    socketRef.current = socket;
    const patch = (next: Partial<SetChannelState>) => setState((s) => ({ ...s, ...next }));
    socket.on('connect', () => {
      patch({ connected: true });
      socket.emit('presence:board', boardRef.current);
      for (const listener of callSheetListeners.current) listener('reconnected');
    });
    socket.on('callsheet:status', (event) => {
      for (const listener of callSheetListeners.current) listener(event);
    });
    socket.on('disconnect', () => patch({ connected: false }));
    socket.on('connect_error', (error) => {
      // A refused handshake (bad token) is final; network errors are retried by socket.io itself.
      if (/token|unauthori[sz]ed|revoked|expired/i.test(error.message)) {
        patch({ ended: 'Your access to this production was revoked or has expired.' });
        socket.disconnect();
      }
    });
    socket.on('roster', (roster) => patch({ roster }));
    socket.on('set-status', (status) => patch({ status }));
    socket.on('notification-history', (notifications) =>
      patch({ notifications: [...notifications].reverse().slice(0, MAX_NOTIFICATIONS) }),
    );
    socket.on('notification', (n) =>
      setState((s) => ({
        ...s,
        notifications: [n, ...s.notifications].slice(0, MAX_NOTIFICATIONS),
        toasts: n.by.id === memberRef.current ? s.toasts : [...s.toasts, n].slice(-MAX_TOASTS),
      })),
    );
    socket.on('notifications-read', (readUpTo) =>
      setState((s) => ({ ...s, readUpTo: laterOf(s.readUpTo, readUpTo) })),
    );
    socket.on('session-ended', (reason) => patch({ ended: reason.message }));
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
    };
  }, [token]);

  useEffect(() => {
    socketRef.current?.emit('presence:board', board);
  }, [board]);

  const setStatus = useCallback(
    (value: SetStatusValue) =>
      new Promise<void>((resolve, reject) => {
        const socket = socketRef.current;
        if (!socket?.connected) {
          reject(new Error('The set status needs a connection to the server.'));
          return;
        }
        socket.timeout(5_000).emit('set-status:update', value, (error, result) => {
          if (error) reject(new Error('The server did not confirm the set status in time.'));
          else if (!result.ok) reject(new Error(result.error));
          else resolve();
        });
      }),
    [],
  );

  const notify = useCallback((input: NotificationInput) => {
    const socket = socketRef.current;
    if (socket?.connected) socket.emit('notification:send', input, () => undefined);
  }, []);

  const subscribeCallSheet = useCallback((listener: CallSheetListener) => {
    callSheetListeners.current.add(listener);
    return () => {
      callSheetListeners.current.delete(listener);
    };
  }, []);

  const newest = state.notifications[0]?.at ?? null;
  const markRead = useCallback(() => {
    if (newest === null) return;
    setState((s) => ({ ...s, readUpTo: laterOf(s.readUpTo, newest), toasts: [] }));
    // Offline, the count clears on this device only; the next mark after reconnecting reaches the others.
    const socket = socketRef.current;
    if (socket?.connected) socket.emit('notifications:read', newest, () => undefined);
  }, [newest]);

  const dismissToast = useCallback(
    (id: string) => setState((s) => ({ ...s, toasts: s.toasts.filter((t) => t.id !== id) })),
    [],
  );

  const unread = state.notifications.filter(
    (n) => n.by.id !== memberId && (state.readUpTo === null || n.at > state.readUpTo),
  ).length;

  return { ...state, setStatus, notify, subscribeCallSheet, unread, markRead, dismissToast };
}

/** ISO times compare as strings; the marker never moves back. */
function laterOf(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}
