import type { SessionState, SyncStatus } from '../sync/board-session';
import { unsavedFieldsLabel, type Rejection } from '../sync/rejections';

const LABELS: Record<SyncStatus, string> = {
  connecting: 'Connecting…',
  offline: 'Offline: edits kept on this device',
  syncing: 'Syncing…',
  saved: 'All edits saved',
  error: 'Not syncing',
};

/**
 * The truth about this board's edits, always visible in the board header. A field holding a refused value
 * outranks every sync status: what it holds is on no server, so the badge says so and a tap leads there.
 */
export function SyncBadge({
  state,
  rejected = [],
}: {
  state: SessionState;
  rejected?: readonly Rejection[];
}) {
  const first = rejected[0];
  if (first) {
    const label = unsavedFieldsLabel(rejected.length);
    return (
      <span
        className="sync-badge sync-rejected"
        data-testid="sync-status"
        data-status="rejected"
        data-sync={state.status}
        role="status"
      >
        <button
          type="button"
          className="sync-refused"
          aria-label={`${label}: ${first.label}: ${first.message}. Go to the field`}
          onClick={() => first.focus()}
        >
          {label}
        </button>
      </span>
    );
  }
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
