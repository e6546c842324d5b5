import type * as Y from 'yjs';
import { memo, type PointerEvent as ReactPointerEvent } from 'react';
import {
  SHOT_ANGLES,
  SHOT_STATUSES,
  SOUND,
  addShot,
  readShotEntity,
  setShotStatus,
  shotEntity,
  findShotText,
  updateShot,
  type Shot,
  type ShotFields,
  type ShotStatus,
} from '../../../../shared/model/shotlist';
import { DEFAULT_VOCABULARIES, type Vocabularies } from '../../../../shared/model/vocabularies';
import { LOCAL_ORIGIN, type BoardSession } from '../../sync/board-session';
import { setFocus } from '../../sync/awareness';
import { useY } from '../../sync/use-y';
import { NumberCell, SelectCell, SharedTextCell, TextCell } from '../../ui/cells';
import type { CastLookup } from './cast';
import { CastCell } from './CastCell';
import { StoryboardCell, type StoryboardAccess } from './Storyboard';

export const STATUS_LABELS: Record<ShotStatus, string> = {
  planned: 'Planned',
  shooting: 'Shooting',
  done: 'Done',
  cut: 'Cut',
  moved: 'Moved',
};

export interface RowProps {
  id: string;
  session: BoardSession;
  canWrite: boolean;
  editors: readonly string[] | undefined;
  cast: CastLookup;
  sceneNumber: string;
  onDragStart: (id: string, event: ReactPointerEvent) => void;
  dragging: boolean;
  /** Token and upload right for storyboard thumbnails; without it the cell shows counts only. */
  storyboard?: StoryboardAccess;
  /** The production's lists the size, movement and camera cells offer (default: the defaults). */
  vocabularies?: Vocabularies;
  /** The id of the datalist of frame rates the fps cell suggests. */
  frameRates?: string;
  /** Deletes the shot (the board offers the undo); without it the row has no Delete. */
  onDelete?: (id: string, code: string) => void;
}

/** The list, plus the shot's own value when it was since removed from the list, so the cell still shows it. */
function withValue(list: readonly string[], value: string): readonly string[] {
  return list.includes(value) ? list : [...list, value];
}

/** One shot, subscribed to its own Y.Map: typing in it re-renders this row and nothing else. */
export const ShotRow = memo(function ShotRow(props: RowProps) {
  const { id, session, canWrite } = props;
  const doc = session.doc;
  const shot = useY(shotEntity(doc, id), (e) => (e ? readShotEntity(id, e) : null), {
    deep: true,
    equal: shotEqual,
  });
  if (!shot) return null;
  const ro = !canWrite;
  const set = (patch: Partial<ShotFields>) => updateShot(doc, id, patch, LOCAL_ORIGIN);
  const focus = (field: string) => () => setFocus(session.provider, { id, field });
  const blur = () => setFocus(session.provider, null);
  const common = { readOnly: ro, onBlur: blur };
  const editors = props.editors;
  const lists = props.vocabularies ?? DEFAULT_VOCABULARIES;
  const onDelete = props.onDelete;
  return (
    <div
      className={`shot-row status-${shot.status} ${props.dragging ? 'dragging' : ''} ${editors ? 'peer-focus' : ''}`}
      data-testid="shot-row"
      data-shot-code={shot.code}
    >
      {canWrite ? (
        <span
          className="drag-handle"
          role="button"
          aria-label={`Drag shot ${shot.code} to reorder`}
          onPointerDown={(e) => props.onDragStart(id, e)}
        >
          ⠿
        </span>
      ) : (
        <span className="drag-handle" aria-hidden="true" />
      )}
      <TextCell
        {...common}
        label="Shot"
        className="c-code"
        value={shot.code}
        onFocus={focus('code')}
        onCommit={(code) => set({ code })}
        maxLength={20}
      />
      {/* frames next to the code (columns.ts): seen without scrolling sideways */}
      <StoryboardCell doc={doc} shot={shot} canWrite={canWrite} access={props.storyboard} />
      <SelectCell
        {...common}
        label="Size"
        className="c-size"
        value={shot.size}
        options={withValue(lists.size, shot.size)}
        onFocus={focus('size')}
        onCommit={(size) => set({ size })}
      />
      <SelectCell
        {...common}
        label="Angle"
        className="c-angle"
        value={shot.angle}
        options={SHOT_ANGLES}
        onFocus={focus('angle')}
        onCommit={(angle) => set({ angle })}
      />
      <SelectCell
        {...common}
        label="Movement"
        className="c-move"
        value={shot.movement}
        options={withValue(lists.movement, shot.movement)}
        onFocus={focus('movement')}
        onCommit={(movement) => set({ movement })}
      />
      <TextCell
        {...common}
        label="Lens"
        className="c-lens"
        value={shot.lens}
        onFocus={focus('lens')}
        // No maxLength: a longer lens is refused by the model and the cell says so, never cut silently.
        onCommit={(lens) => set({ lens })}
      />
      <SelectCell
        {...common}
        label="Camera"
        className="c-cam"
        value={shot.camera}
        options={withValue(lists.camera, shot.camera)}
        onFocus={focus('camera')}
        onCommit={(camera) => set({ camera })}
      />
      <NumberCell
        {...common}
        decimals
        list={props.frameRates}
        label="Frame rate"
        className="c-fps"
        value={shot.frameRate}
        onFocus={focus('frameRate')}
        onCommit={(frameRate) => set({ frameRate })}
      />
      <SelectCell
        {...common}
        label="Sound"
        className="c-sound"
        value={shot.sound}
        options={SOUND}
        onFocus={focus('sound')}
        onCommit={(sound) => set({ sound })}
      />
      <ShotText
        common={common}
        label="Description"
        className="c-desc"
        text={findShotText(doc, id, 'description')}
        value={shot.description}
        transact={(fn) => session.transact(fn)}
        onFocus={focus('description')}
      />
      <CastCell
        {...common}
        label="Cast"
        className="c-cast"
        ids={shot.castIds}
        cast={props.cast}
        onFocus={focus('cast')}
        onCommit={(castIds) => set({ castIds })}
      />
      <TextCell
        {...common}
        label="Setup"
        className="c-setup"
        value={shot.setup}
        onFocus={focus('setup')}
        onCommit={(setup) => set({ setup })}
        maxLength={100}
      />
      <NumberCell
        {...common}
        label="Setup minutes"
        className="c-min"
        value={shot.setupMinutes}
        onFocus={focus('setupMinutes')}
        onCommit={(setupMinutes) => set({ setupMinutes })}
      />
      <NumberCell
        {...common}
        label="Shoot minutes"
        className="c-min"
        value={shot.shootMinutes}
        onFocus={focus('shootMinutes')}
        onCommit={(shootMinutes) => set({ shootMinutes })}
      />
      <SelectCell
        {...common}
        label="Status"
        className="c-status"
        value={shot.status}
        options={SHOT_STATUSES}
        labels={STATUS_LABELS}
        onFocus={focus('status')}
        onCommit={(status) => setShotStatus(doc, id, status, LOCAL_ORIGIN)}
      />
      <ShotText
        common={common}
        label="Notes"
        className="c-notes"
        text={findShotText(doc, id, 'notes')}
        value={shot.notes}
        transact={(fn) => session.transact(fn)}
        onFocus={focus('notes')}
      />
      {canWrite && (
        <span className="row-actions">
          <button
            type="button"
            className="btn small"
            title="Duplicate this shot"
            onClick={() => duplicate(session, shot, props.sceneNumber)}
          >
            Dup
          </button>
          <button
            type="button"
            className="btn small"
            title={shot.status === 'cut' ? 'Bring this shot back' : 'Cut: keep it in the list, greyed'}
            onClick={() => setShotStatus(doc, id, shot.status === 'cut' ? 'planned' : 'cut', LOCAL_ORIGIN)}
          >
            {shot.status === 'cut' ? 'Restore' : 'Cut'}
          </button>
          {onDelete && (
            <button
              type="button"
              className="btn small"
              aria-label={`Delete shot ${shot.code}`}
              title="Delete: remove it from the list (Undo brings it back)"
              onClick={() => onDelete(id, shot.code)}
            >
              Delete
            </button>
          )}
        </span>
      )}
      {editors && <span className="peer-tag">{editors.join(', ')}</span>}
    </div>
  );
});

function duplicate(session: BoardSession, shot: Shot, sceneNumber: string): void {
  const { id, code: _code, scriptOrder: _s, shootOrder: _o, ...fields } = shot;
  addShot(
    session.doc,
    { ...fields, status: 'planned', sceneNumber, scriptAfter: id, shootAfter: id },
    LOCAL_ORIGIN,
  );
}

export function shotEqual(a: Shot | null, b: Shot | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A shot's shared text; while it is damaged (not a shared text) its words are shown read-only. */
function ShotText(props: {
  common: { readOnly: boolean; onBlur: () => void };
  label: string;
  className: string;
  text: Y.Text | null;
  value: string;
  transact: (fn: () => void) => void;
  onFocus: () => void;
}) {
  if (!props.text) {
    return (
      <TextCell
        readOnly
        label={props.label}
        className={props.className}
        value={props.value}
        onCommit={() => undefined}
      />
    );
  }
  return (
    <SharedTextCell
      {...props.common}
      label={props.label}
      className={props.className}
      text={props.text}
      transact={props.transact}
      onFocus={props.onFocus}
    />
  );
}
