/**
 * Split a strip: how many pages stay on this part (the rest become the next part) and where the rest goes:
 * right after it, or another day ("split: move the rest to another day") or the boneyard.
 */
import { useState } from 'react';
import { formatEighths, parseEighths } from '../../../../shared/calc/eighths';
import { Dialog } from '../../ui/Dialog';

export interface SplitChoice {
  firstEighths: number;
  /** undefined: right after the strip; null: the boneyard. */
  dayId: string | null | undefined;
}

const SAME = 'same';
const BONEYARD = 'boneyard';

export function SplitDialog(props: {
  title: string;
  sceneLabel: string;
  whole: number;
  days: { id: string; label: string }[];
  /** Preselect another day (the partial strip's "move the rest"). */
  moveRest: boolean;
  save(choice: SplitChoice): void;
  onDone(): void;
}) {
  const [first, setFirst] = useState(formatEighths(Math.max(1, Math.floor(props.whole / 2))));
  const [target, setTarget] = useState<string>(props.moveRest ? (props.days[0]?.id ?? BONEYARD) : SAME);
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const eighths = parseEighths(first);
    if (eighths === null || eighths < 1 || eighths >= props.whole) {
      setError(
        `Between 1/8 and ${formatEighths(props.whole - 1)}: this strip is ${formatEighths(props.whole)} pages.`,
      );
      return;
    }
    try {
      props.save({
        firstEighths: eighths,
        dayId: target === SAME ? undefined : target === BONEYARD ? null : target,
      });
      props.onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const parsed = parseEighths(first);
  return (
    <Dialog
      title={props.title}
      onCancel={props.onDone}
      onSubmit={submit}
      actions={
        <>
          <button type="button" className="btn" onClick={props.onDone}>
            Cancel
          </button>
          <button type="submit" className="btn primary">
            Split
          </button>
        </>
      }
    >
      <p>
        {props.sceneLabel}: {formatEighths(props.whole)} pages.
      </p>
      <label className="field" htmlFor="split-first">
        <span>Pages on this part</span>
        <input
          id="split-first"
          className="cell"
          data-autofocus
          autoComplete="off"
          value={first}
          aria-invalid={error !== null}
          aria-describedby="split-first-note"
          onChange={(e) => {
            setFirst(e.target.value);
            setError(null);
          }}
        />
        {error ? (
          <small id="split-first-note" className="form-error" role="alert">
            {error}
          </small>
        ) : (
          <small id="split-first-note" className="muted">
            In eighths, like 1 3/8. The next part takes{' '}
            {parsed !== null && parsed < props.whole && parsed > 0
              ? formatEighths(props.whole - parsed)
              : 'the rest'}
            .
          </small>
        )}
      </label>
      <label className="field" htmlFor="split-target">
        <span>The rest goes to</span>
        <select id="split-target" value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value={SAME}>Right after this part</option>
          {props.days.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
          <option value={BONEYARD}>The boneyard</option>
        </select>
      </label>
    </Dialog>
  );
}
