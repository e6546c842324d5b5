import type { SessionState, SyncStatus } from '../sync/board-session';

const LABELS: Record<SyncStatus, string> = {
  connecting: 'Connecting…',
  offline: 'Offline: edits kept on this device',
  syncing: 'Syncing…',
  saved: 'All edits saved',
  error: 'Not syncing',
};

/** The truth about this board's edits, always visible in the board header. */
export function SyncBadge({ state }: { state: SessionState }) {
  return (
    <span
      className={`sync-badge sync-${state.status}`}
      data-testid="sync-status"
      data-status={state.status}
      role="status"
      title={state.message ?? LABELS[state.status]}
    >
      <span className="dot" aria-hidden="true" />
      {LABELS[state.status]}
    </span>
  );
}
