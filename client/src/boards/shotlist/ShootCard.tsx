import { memo, useState } from 'react';
import {
  readShotEntity,
  setShotStatus,
  shotEntity,
  type ShotStatus,
} from '../../../../shared/model/shotlist';
import type { NotificationInput } from '../../../../shared/set-channel';
import { LOCAL_ORIGIN, type BoardSession } from '../../sync/board-session';
import { useY } from '../../sync/use-y';
import { shotEqual, STATUS_LABELS } from './ShotRow';
import { FrameImage, StoryboardDialog, type StoryboardAccess } from './Storyboard';

const NEXT: Partial<Record<ShotStatus, ShotStatus>> = {
  planned: 'shooting',
  shooting: 'done',
  moved: 'shooting',
};
const ACTION: Partial<Record<ShotStatus, string>> = {
  planned: 'Start',
  shooting: 'Mark done',
  moved: 'Start',
};

/**
 * Shoot mode: nothing on the card is editable except one large status button, so a gloved tap on a tablet
 * cannot change a lens or a description by accident. Done and cut are final here; Undo takes a tap back.
 * The card grows with its description (the list measures it), and shows the shot's first storyboard frame,
 * which opens the frames large: shoot mode is where the director looks at them.
 */
export const ShootCard = memo(function ShootCard(props: {
  id: string;
  session: BoardSession;
  canWrite: boolean;
  notify: (input: NotificationInput) => void;
  storyboard?: StoryboardAccess;
}) {
  const { id, session, storyboard } = props;
  const [framesOpen, setFramesOpen] = useState(false);
  const shot = useY(shotEntity(session.doc, id), (e) => (e ? readShotEntity(id, e) : null), {
    deep: true,
    equal: shotEqual,
  });
  if (!shot) return null;
  const next = NEXT[shot.status];
  return (
    <div className={`shoot-card status-${shot.status}`} data-testid="shoot-card" data-shot-code={shot.code}>
      <div className="shoot-code">{shot.code}</div>
      {shot.storyboard.length > 0 && storyboard?.canView && (
        <button
          type="button"
          className="shoot-frame"
          aria-label={`Storyboard for shot ${shot.code}: ${shot.storyboard.length} frame${shot.storyboard.length === 1 ? '' : 's'}`}
          onClick={() => setFramesOpen(true)}
        >
          <FrameImage
            access={storyboard}
            path={shot.storyboard[0]!}
            alt=""
            className="shoot-frame-img"
            lazy
          />
        </button>
      )}
      <div className="shoot-body">
        <strong>
          {shot.size} · {shot.angle} · {shot.movement} · {shot.lens} · cam {shot.camera}
        </strong>
        <span>{shot.description || <em className="muted">No description</em>}</span>
      </div>
      {props.canWrite && next ? (
        <button
          type="button"
          className={`shoot-btn to-${next}`}
          onClick={() => {
            setShotStatus(session.doc, id, next, LOCAL_ORIGIN);
            if (next === 'done')
              props.notify({ kind: 'shot-done', text: `Shot ${shot.code} is done`, board: 'shotlist' });
          }}
        >
          {ACTION[shot.status]}
        </button>
      ) : (
        <span className={`shoot-state state-${shot.status}`}>{STATUS_LABELS[shot.status]}</span>
      )}
      {framesOpen && (
        <StoryboardDialog
          doc={session.doc}
          shot={shot}
          canWrite={false}
          access={storyboard}
          onClose={() => setFramesOpen(false)}
        />
      )}
    </div>
  );
});
