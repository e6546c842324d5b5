/**
 * Breakdown elements of one scene, tagged quickly on a tablet: pick a category, type a name (the list offers
 * the existing elements of that category, so "Red pickup truck" is one element in five scenes), add.
 * Background takes a count. A refused tag says why next to the name, which keeps what was typed.
 */
import { useId, useState } from 'react';
import type * as Y from 'yjs';
import {
  ELEMENT_CATEGORIES,
  type Element,
  type ElementCategory,
  type Scene,
} from '../../../../shared/model/breakdown';
import {
  ELEMENT_LABELS,
  sceneElementsByCategory,
  tagElementByName,
  untagElement,
} from '../../../../shared/model/elements';
import { LOCAL_ORIGIN } from '../../sync/board-session';
import { Dialog } from '../../ui/Dialog';

export function SceneElementsDialog(props: {
  doc: Y.Doc;
  scene: Scene;
  elements: readonly Element[];
  canWrite: boolean;
  onClose(): void;
}) {
  const { doc, scene, elements, canWrite } = props;
  const nameId = useId();
  const listId = useId();
  const errorId = useId();
  const [category, setCategory] = useState<ElementCategory>('props');
  const [name, setName] = useState('');
  const [count, setCount] = useState('1');
  const [error, setError] = useState<string | null>(null);
  const tagged = sceneElementsByCategory(scene, elements);
  const suggestions = elements.filter((e) => e.category === category);

  const add = () => {
    try {
      const n = category === 'background' ? Number(count) : 1;
      if (!Number.isInteger(n) || n < 1) throw new Error('Count: a whole number of people, 1 or more');
      tagElementByName(doc, scene.id, category, name, n, LOCAL_ORIGIN);
      setName('');
      setCount('1');
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <Dialog
      title={`Scene ${scene.number} elements`}
      onCancel={props.onClose}
      onSubmit={canWrite ? add : undefined}
      actions={
        <>
          <button type="button" className="btn" onClick={props.onClose}>
            Done
          </button>
          {canWrite && (
            <button type="submit" className="btn primary" disabled={name.trim() === ''}>
              Add element
            </button>
          )}
        </>
      }
    >
      <p className="muted">
        {scene.intExt}. {scene.set} - {scene.time}
      </p>
      {canWrite && (
        <>
          <label className="field">
            <span>Category</span>
            <select value={category} onChange={(e) => setCategory(e.target.value as ElementCategory)}>
              {ELEMENT_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {ELEMENT_LABELS[c]}
                </option>
              ))}
            </select>
          </label>
          <label className="field" htmlFor={nameId}>
            <span>Element</span>
            <input
              id={nameId}
              className="cell"
              list={listId}
              autoComplete="off"
              value={name}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => setName(e.target.value)}
            />
            <datalist id={listId}>
              {suggestions.map((e) => (
                <option key={e.id} value={e.name} />
              ))}
            </datalist>
          </label>
          {category === 'background' && (
            <label className="field">
              <span>How many people</span>
              <input
                className="cell"
                inputMode="numeric"
                value={count}
                onChange={(e) => setCount(e.target.value)}
              />
            </label>
          )}
          {error && (
            <p className="form-error" role="alert" id={errorId}>
              {error}
            </p>
          )}
        </>
      )}
      <section aria-label="Tagged elements" className="script-preview">
        {tagged.size === 0 && <p className="muted">No elements tagged yet.</p>}
        {ELEMENT_CATEGORIES.filter((c) => tagged.has(c)).map((c) => (
          <div key={c}>
            <h3>{ELEMENT_LABELS[c]}</h3>
            <ul className="element-tags">
              {tagged.get(c)!.map(({ element, count: n }) => (
                <li key={element.id}>
                  <span>
                    {element.name}
                    {c === 'background' ? ` (${n})` : ''}
                  </span>
                  {canWrite && (
                    <button
                      type="button"
                      className="btn small"
                      aria-label={`Remove ${element.name}`}
                      onClick={() => untagElement(doc, scene.id, element.id, LOCAL_ORIGIN)}
                    >
                      Remove
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
    </Dialog>
  );
}
