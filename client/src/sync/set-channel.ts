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
}

/** A recipient's new status, or `reconnected`: events may have been missed, read the list again. */
export type CallSheetListener = (event: CallSheetStatusEvent | 'reconnected') => void;

export interface SetChannel extends SetChannelState {
  /** Listens to `callsheet:status` (sent to AD and producer only); returns the unsubscribe. */
  subscribeCallSheet(listener: CallSheetListener): () => void;
  setStatus(value: SetStatusValue): Promise<void>;
  /** Best effort: a notification that cannot be sent (offline) is dropped, the edit itself is not. */
  notify(input: NotificationInput): void;
}

const MAX_NOTIFICATIONS = 50;

export function useSetChannel(token: string | null, board: Board | null): SetChannel {
  const [state, setState] = useState<SetChannelState>({
    connected: false,
    roster: [],
    status: null,
    notifications: [],
    ended: null,
  });
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
      setState((s) => ({ ...s, notifications: [n, ...s.notifications].slice(0, MAX_NOTIFICATIONS) })),
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

  return { ...state, setStatus, notify, subscribeCallSheet };
}
