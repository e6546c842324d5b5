import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { SetChannel } from './set-channel';
import type { Access, Board, Role } from '../../../shared/boards';
import type { NotificationInput, SetStatus, SetStatusValue } from '../../../shared/set-channel';
import { BoardSession, syncUrl, type SessionState } from './board-session';
import type { Rejection } from './rejections';

/**
 * Opens the board's session for as long as the component is mounted. A session is created per
 * (production, board, token) so switching boards closes the old socket and its IndexedDB handle.
 */
export function useBoardSession(
  productionId: string,
  board: Board,
  token: string,
  enabled = true,
): BoardSession | null {
  const [session, setSession] = useState<BoardSession | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const created = new BoardSession({ productionId, board, token, serverUrl: syncUrl(productionId) });
    setSession(created);
    return () => {
      created.destroy();
      setSession(null);
    };
  }, [productionId, board, token, enabled]);
  return session;
}

const IDLE: SessionState = {
  status: 'connecting',
  message: null,
  localReady: false,
  hasLocalCopy: false,
  serverSynced: false,
};
const noop = () => () => undefined;

export function useSessionState(session: BoardSession | null): SessionState {
  return useSyncExternalStore(
    session?.subscribe ?? noop,
    session?.getState ?? (() => IDLE),
    session?.getState ?? (() => IDLE),
  );
}

const NO_REJECTIONS: readonly Rejection[] = [];

/** The fields of the board holding refused values (see sync/rejections.ts). */
export function useRejections(session: BoardSession | null): readonly Rejection[] {
  return useSyncExternalStore(
    session?.rejections.subscribe ?? noop,
    session?.rejections.list ?? (() => NO_REJECTIONS),
    session?.rejections.list ?? (() => NO_REJECTIONS),
  );
}

export interface BoardContextValue {
  session: BoardSession;
  productionId: string;
  /** The production's name, for boards that print it (the call sheet's header). */
  productionName?: string;
  token: string;
  canWrite: boolean;
  permissions: Record<Board, Access>;
  /** The member's own id, to tell their awareness entry from others'. */
  memberId: string;
  memberName: string;
  /** The member's role: steps some boards give one role (the production report's sign-off). */
  role?: Role;
  /** Tells the set channel about an edit others should hear of (a shot done, a strip moved). */
  notify: (input: NotificationInput) => void;
  /** The set status and, for roles that may call it (AD, producer), a way to call it; null otherwise. */
  setStatus?: {
    current: SetStatus | null;
    call: ((value: SetStatusValue) => Promise<void>) | null;
  };
  /** Call sheet recipients' statuses as they change (set channel; only AD and producer receive any). */
  subscribeCallSheet?: SetChannel['subscribeCallSheet'];
}

export const BoardContext = createContext<BoardContextValue | null>(null);

export function useBoardContext(): BoardContextValue {
  const value = useContext(BoardContext);
  if (!value) throw new Error('useBoardContext outside a board: wrap the board in <BoardContext.Provider>');
  return value;
}
