/**
 * Storyboard frames on a shot: a thumbnail in the row opens the frames large. Images go through the mood
 * board's upload endpoint (the server keeps one image store per production), so attaching needs mood board
 * write access as well as shot list write access; a role without it is told so before it tries.
 */
import { memo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { addStoryboardImage, removeStoryboardImage, type Shot } from '../../../../shared/model/shotlist';
import { uploadImage } from '../../api/endpoints';
import { useSignedImage } from '../../api/signed-links';
import { LOCAL_ORIGIN } from '../../sync/board-session';
import { Dialog } from '../../ui/Dialog';

/** What the row needs to show and attach frames; absent, the cell shows only the count. */
export interface StoryboardAccess {
  productionId: string;
  token: string;
  /** The role may read the mood board, which serving an image requires. */
  canView: boolean;
  /** The role may write the mood board, which the image upload requires. */
  canUpload: boolean;
}

export const StoryboardCell = memo(function StoryboardCell(props: {
  doc: Y.Doc;
  shot: Pick<Shot, 'id' | 'code' | 'storyboard'>;
  canWrite: boolean;
  access: StoryboardAccess | undefined;
}) {
  const { shot, access } = props;
  const [open, setOpen] = useState(false);
  const frames = shot.storyboard;
  const first = frames[0];
  if (frames.length === 0 && !props.canWrite) return <span className="c-frames muted" />;
  return (
    <span className="c-frames">
      <button
        type="button"
        className="btn small frames-btn"
        aria-label={
          frames.length === 0
            ? `Storyboard for shot ${shot.code}: none yet, add a frame`
            : `Storyboard for shot ${shot.code}: ${frames.length} frame${frames.length === 1 ? '' : 's'}`
        }
        onClick={() => setOpen(true)}
      >
        {first && access?.canView ? (
          <FrameImage access={access} path={first} alt="" className="frame-thumb" lazy />
        ) : (
          <span aria-hidden="true">{frames.length === 0 ? '+ Frame' : `${frames.length} fr.`}</span>
        )}
        {frames.length > 1 && access?.canView && <span className="frame-count">{frames.length}</span>}
      </button>
      {open && <StoryboardDialog {...props} onClose={() => setOpen(false)} />}
    </span>
  );
});

export function StoryboardDialog(props: {
  doc: Y.Doc;
  shot: Pick<Shot, 'id' | 'code' | 'storyboard'>;
  canWrite: boolean;
  access: StoryboardAccess | undefined;
  onClose(): void;
}) {
  const { doc, shot, access, canWrite } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const canAttach = canWrite && access?.canUpload === true;

  async function attach(files: FileList | null) {
    if (!files || !access) return;
    setBusy(true);
    try {
      for (const file of Array.from(files)) {
        const stored = await uploadImage(access.productionId, access.token, file);
        addStoryboardImage(doc, shot.id, stored.url, LOCAL_ORIGIN);
      }
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
      if (fileRef.current) fileRef.current.value = '';
    }
  }

  return (
    <Dialog
      title={`Storyboard · shot ${shot.code}`}
      onCancel={props.onClose}
      actions={
        <>
          {canAttach && (
            <label className={`btn primary ${busy ? 'busy' : ''}`}>
              {busy ? 'Uploading…' : '+ Frame'}
              <input
                ref={fileRef}
                type="file"
                accept="image/png,image/jpeg,image/webp,image/gif"
                multiple
                hidden
                aria-label={`Attach storyboard frames to shot ${shot.code}`}
                onChange={(e) => void attach(e.target.files)}
              />
            </label>
          )}
          <button type="button" className="btn" onClick={props.onClose}>
            Close
          </button>
        </>
      }
    >
      {shot.storyboard.length === 0 && <p className="muted">No frames on this shot yet.</p>}
      <ul className="frames" aria-label={`Frames of shot ${shot.code}`}>
        {shot.storyboard.map((ref, i) => (
          <li key={`${ref}-${i}`} className="frame">
            {access?.canView ? (
              <FrameImage access={access} path={ref} alt={`Frame ${i + 1} of shot ${shot.code}`} />
            ) : (
              <span className="muted">Frame {i + 1}</span>
            )}
            {canWrite && (
              <button
                type="button"
                className="btn"
                aria-label={`Remove frame ${i + 1}`}
                onClick={() => removeStoryboardImage(doc, shot.id, ref, LOCAL_ORIGIN)}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {shot.storyboard.length > 0 && access?.canView === false && (
        <p className="notice" role="note">
          The frames are stored with the mood board images, which your role cannot open.
        </p>
      )}
      {canWrite && !canAttach && (
        <p className="notice" role="note">
          Your role cannot attach frames: they upload to the production&apos;s image store, which needs mood
          board edit access. You can remove frames here; ask someone who edits the mood board to add new ones.
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}

export function FrameImage(props: {
  access: StoryboardAccess;
  path: string;
  alt: string;
  className?: string;
  lazy?: boolean;
}) {
  const { src, onError } = useSignedImage(props.access.productionId, props.access.token, props.path);
  return (
    <img
      className={props.className}
      src={src}
      onError={onError}
      alt={props.alt}
      loading={props.lazy ? 'lazy' : undefined}
    />
  );
}
