import { lazy, Suspense, useEffect, useState } from 'react';
import type { MeResponse } from '../../../shared/api-types';
import {
  BOARD_LABELS,
  DEFAULT_PERMISSIONS,
  ROLE_LABELS,
  ROLES,
  canWrite,
  type Board,
} from '../../../shared/boards';
import { SET_STATUS_ROLES, type NotificationInput } from '../../../shared/set-channel';
import type { SetChannel } from '../sync/set-channel';
import { BOARD_COMPONENTS } from '../boards/registry';
import { BoardContext, useBoardSession, useRejections, useSessionState } from '../sync/use-board-session';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { useOverflowCue } from '../ui/use-overflow-cue';
import { SyncBadge } from '../ui/SyncBadge';
import { ConflictNotices } from '../ui/ConflictNotices';
import { VersionsButton } from '../versions/VersionsPanel';
import { readCostSettings } from '../../../shared/model/costreport';
import type { BoardSession, SessionState } from '../sync/board-session';

// CSV and "Print / PDF" in a chunk of their own; the PDF maker behind them loads only when asked for.
const ExportActions = lazy(() => import('../print/ExportActions'));

interface Props {
  productionId: string;
  board: Board;
  token: string;
  me: MeResponse;
  notify: (input: NotificationInput) => void;
  channel: Pick<SetChannel, 'status' | 'setStatus' | 'subscribeCallSheet'>;
}

export function BoardFrame({ productionId, board, token, me, notify, channel }: Props) {
  const mayCallStatus = (SET_STATUS_ROLES as readonly string[]).includes(me.member.role);
  const session = useBoardSession(productionId, board, token);
  const state = useSessionState(session);
  const rejected = useRejections(session);
  const writable = canWrite(me.permissions[board]);
  const Component = BOARD_COMPONENTS[board];
  // on a phone the actions are one line that scrolls sideways; its cut edge fades
  const actions = useOverflowCue<HTMLDivElement>(null);

  return (
    <main className="board-frame" data-board={board}>
      <div className="board-header">
        <h1>{BOARD_LABELS[board]}</h1>
        <SyncBadge state={state} rejected={rejected} />
        <div className="board-actions" ref={actions}>
          {writable && session && <UndoButtons session={session} />}
          <VersionsButton
            productionId={productionId}
            board={board}
            token={token}
            canWrite={writable}
            // The cost report is signed off by the producer; other boards by those who write them (API.md V5).
            canApprove={me.approves.includes(board)}
            currency={board === 'costreport' && session ? readCostSettings(session.doc).currency : 'USD'}
            doc={session?.doc}
          />
          <Suspense fallback={null}>
            <ExportActions
              productionId={productionId}
              productionName={me.production.name}
              board={board}
              token={token}
              permissions={me.permissions}
              session={session && state.localReady ? session : null}
            />
          </Suspense>
        </div>
      </div>
      {state.status === 'error' && state.message && (
        <div className="banner error" role="alert">
          {state.message}
        </div>
      )}
      {session && <ConflictNotices session={session} canWrite={writable} />}
      {!writable && <ReadOnlyNote board={board} me={me} />}
      {session && state.localReady && !state.hasLocalCopy && !state.serverSynced ? (
        <NotDownloaded board={board} status={state.status} />
      ) : session && state.localReady ? (
        <BoardContext.Provider
          value={{
            session,
            productionId,
            productionName: me.production.name,
            token,
            canWrite: writable,
            permissions: me.permissions,
            memberId: me.member.id,
            memberName: me.member.name,
            role: me.member.role,
            notify,
            setStatus: { current: channel.status, call: mayCallStatus ? channel.setStatus : null },
            subscribeCallSheet: channel.subscribeCallSheet,
          }}
        >
          <ErrorBoundary label={BOARD_LABELS[board].toLowerCase()}>
            <Suspense fallback={<p className="loading">Loading the board…</p>}>
              <Component />
            </Suspense>
          </ErrorBoundary>
        </BoardContext.Provider>
      ) : (
        <p className="loading">Opening the board on this device…</p>
      )}
    </main>
  );
}

/**
 * A board this device never received: before the server answers it is downloading, and offline it says
 * so, instead of an empty board that reads as "nothing here" (no mood boards, a cost report of $0).
 */
function NotDownloaded({ board, status }: { board: Board; status: SessionState['status'] }) {
  if (status === 'connecting' || status === 'syncing' || status === 'saved')
    return <p className="loading">Downloading the board…</p>;
  return (
    <div className="banner info not-downloaded" role="status" data-testid="not-downloaded">
      {BOARD_LABELS[board]} not downloaded yet: connect once to get it. After that it stays on this device and
      works offline.
    </div>
  );
}

function ReadOnlyNote({ board, me }: { board: Board; me: MeResponse }) {
  // Who usually edits, from the defaults: a member sees only their own role's permissions, and the
  // server's live permissions decide what actually happens.
  const editors = ROLES.filter((r) => r !== me.member.role && DEFAULT_PERMISSIONS[r][board] === 'write');
  return (
    <div className="banner info" data-testid="read-only-note">
      Read only: your role ({ROLE_LABELS[me.member.role]}) can view this board but not change it.
      {editors.length > 0 && ` Changes are made by the ${editors.map((r) => ROLE_LABELS[r]).join(', ')}.`}
    </div>
  );
}

function UndoButtons({ session }: { session: BoardSession }) {
  const [, setTick] = useState(0);
  useEffect(() => {
    const bump = () => setTick((t) => t + 1);
    const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;
    for (const e of events) session.undo.on(e, bump);
    const onKey = (event: KeyboardEvent) => {
      if (!(event.metaKey || event.ctrlKey) || event.key.toLowerCase() !== 'z') return;
      const target = event.target as HTMLElement | null;
      // Text fields keep their own undo for the word being typed.
      if (target?.closest('input, textarea, [contenteditable="true"]')) return;
      event.preventDefault();
      if (event.shiftKey) session.undo.redo();
      else session.undo.undo();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      for (const e of events) session.undo.off(e, bump);
      window.removeEventListener('keydown', onKey);
    };
  }, [session]);
  return (
    <>
      <button
        type="button"
        className="btn"
        onClick={() => session.undo.undo()}
        disabled={!session.undo.canUndo()}
        title="Undo your last edit"
      >
        Undo
      </button>
      <button
        type="button"
        className="btn"
        onClick={() => session.undo.redo()}
        disabled={!session.undo.canRedo()}
        title="Redo"
      >
        Redo
      </button>
    </>
  );
}
