/**
 * Naming a new mood board: one for the film, a scene or a character. Scene and character boards pick from
 * the breakdown's lists (so the link is an id, not a typed name); the title is suggested from the pick.
 */
import { useState } from 'react';
import type { CastMember, Scene } from '../../../../shared/model/breakdown';
import type { MoodBoardKind } from '../../../../shared/model/moodboard';
import { Dialog } from '../../ui/Dialog';

export interface NewBoard {
  title: string;
  kind: MoodBoardKind;
  sceneId: string | null;
  castId: string | null;
}

const KINDS: { kind: MoodBoardKind; label: string }[] = [
  { kind: 'film', label: 'Whole film' },
  { kind: 'scene', label: 'A scene' },
  { kind: 'character', label: 'A character' },
];

export function sceneLabel(scene: Scene): string {
  return `Sc. ${scene.number}${scene.set ? ` ${scene.set}` : ''}`;
}

export function NewBoardDialog({
  scenes,
  cast,
  onDone,
}: {
  /** null: this role cannot read the breakdown, so scene and character boards cannot be linked. */
  scenes: readonly Scene[] | null;
  cast: readonly CastMember[] | null;
  onDone(board: NewBoard | null): void;
}) {
  const [kind, setKind] = useState<MoodBoardKind>('film');
  const [sceneId, setSceneId] = useState('');
  const [castId, setCastId] = useState('');
  const [title, setTitle] = useState('');
  const [titleEdited, setTitleEdited] = useState(false);

  const suggest = (next: string) => {
    if (!titleEdited) setTitle(next);
  };
  const missing =
    title.trim() === ''
      ? 'Give the board a name.'
      : kind === 'scene' && sceneId === ''
        ? 'Choose the scene.'
        : kind === 'character' && castId === ''
          ? 'Choose the character.'
          : null;

  return (
    <Dialog
      title="New mood board"
      onCancel={() => onDone(null)}
      onSubmit={() => {
        if (missing) return;
        onDone({
          title: title.trim(),
          kind,
          sceneId: kind === 'scene' ? sceneId : null,
          castId: kind === 'character' ? castId : null,
        });
      }}
      actions={
        <>
          <button type="button" className="btn" onClick={() => onDone(null)}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={missing !== null}>
            Create board
          </button>
        </>
      }
    >
      <div className="segmented" role="radiogroup" aria-label="Board for">
        {KINDS.map((k) => (
          <button
            key={k.kind}
            type="button"
            role="radio"
            className="btn"
            aria-checked={kind === k.kind}
            disabled={k.kind !== 'film' && scenes === null}
            onClick={() => setKind(k.kind)}
          >
            {k.label}
          </button>
        ))}
      </div>
      {scenes === null && (
        <p className="muted">
          Scene and character boards pick from the breakdown, which this role cannot read.
        </p>
      )}
      {kind === 'scene' && scenes !== null && (
        <label className="field">
          <span>Scene</span>
          <select
            className="cell"
            value={sceneId}
            onChange={(event) => {
              setSceneId(event.target.value);
              const scene = scenes.find((s) => s.id === event.target.value);
              if (scene) suggest(sceneLabel(scene));
            }}
          >
            <option value="">Choose a scene…</option>
            {scenes.map((s) => (
              <option key={s.id} value={s.id}>
                {sceneLabel(s)}
              </option>
            ))}
          </select>
        </label>
      )}
      {kind === 'character' && cast !== null && (
        <label className="field">
          <span>Character</span>
          <select
            className="cell"
            value={castId}
            onChange={(event) => {
              setCastId(event.target.value);
              const member = cast.find((c) => c.id === event.target.value);
              if (member) suggest(member.character);
            }}
          >
            <option value="">Choose a character…</option>
            {cast.map((c) => (
              <option key={c.id} value={c.id}>
                {c.billing}. {c.character}
                {c.actor ? ` (${c.actor})` : ''}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>Board name</span>
        <input
          className="cell"
          data-autofocus
          value={title}
          placeholder={kind === 'film' ? 'The film' : ''}
          onChange={(event) => {
            setTitle(event.target.value);
            setTitleEdited(true);
          }}
        />
      </label>
      {missing && title !== '' && <p className="muted">{missing}</p>}
    </Dialog>
  );
}
