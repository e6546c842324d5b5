/**
 * "Edit lists": the production's shot sizes, movements, cameras and frame rates. The defaults are shown and
 * stay; a writer adds values (camera D, a 120 fps rate) and removes what was added. Every tablet's cells offer
 * the new value as soon as it syncs. A refused value (already there, too long, not a rate) is said beside
 * the field it was typed in, and the text stays for correction.
 */
import { useState } from 'react';
import type * as Y from 'yjs';
import {
  addVocabularyTerm,
  isDefaultTerm,
  readVocabularies,
  removeVocabularyTerm,
  VOCABULARY_KINDS,
  VOCABULARY_LABELS,
  vocabularyRoots,
  type VocabularyKind,
} from '../../../../shared/model/vocabularies';
import { LOCAL_ORIGIN } from '../../sync/board-session';
import { jsonEqual, useY } from '../../sync/use-y';
import { Dialog } from '../../ui/Dialog';

const SINGULAR: Record<VocabularyKind, string> = {
  size: 'shot size',
  movement: 'movement',
  camera: 'camera',
  frameRate: 'frame rate',
};

export function VocabularyDialog(props: { doc: Y.Doc; onClose: () => void }) {
  const lists = useY(vocabularyRoots(props.doc).vocabularies, () => readVocabularies(props.doc), {
    deep: true,
    equal: jsonEqual,
  });
  return (
    <Dialog
      title="Edit lists"
      onCancel={props.onClose}
      actions={
        <button type="button" className="btn primary" onClick={props.onClose}>
          Done
        </button>
      }
    >
      <p className="muted">
        The defaults stay; what you add here is offered in every shot&apos;s cells on every tablet.
      </p>
      {VOCABULARY_KINDS.map((kind) => (
        <VocabularySection key={kind} doc={props.doc} kind={kind} values={lists[kind]} />
      ))}
    </Dialog>
  );
}

function VocabularySection(props: { doc: Y.Doc; kind: VocabularyKind; values: readonly string[] }) {
  const { doc, kind } = props;
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const singular = SINGULAR[kind];
  const messageId = `vocab-${kind}-problem`;
  const add = () => {
    try {
      addVocabularyTerm(doc, kind, draft, LOCAL_ORIGIN);
      setDraft('');
      setProblem(null);
    } catch (e) {
      setProblem((e as Error).message);
    }
  };
  return (
    <section className="vocab-section" aria-label={VOCABULARY_LABELS[kind]}>
      <h3>{VOCABULARY_LABELS[kind]}</h3>
      <ul className="vocab-values">
        {props.values.map((value) => (
          <li key={value} className="vocab-value">
            <span>{value}</span>
            {!isDefaultTerm(kind, value) && (
              <button
                type="button"
                className="btn small"
                aria-label={`Remove ${singular} ${value}`}
                onClick={() => {
                  try {
                    removeVocabularyTerm(doc, kind, value, LOCAL_ORIGIN);
                  } catch (e) {
                    setProblem((e as Error).message);
                  }
                }}
              >
                ✕
              </button>
            )}
          </li>
        ))}
      </ul>
      <div className="vocab-add">
        <input
          className="cell"
          aria-label={`New ${singular}`}
          inputMode={kind === 'frameRate' ? 'decimal' : 'text'}
          value={draft}
          aria-invalid={problem !== null}
          aria-describedby={problem ? messageId : undefined}
          onChange={(e) => {
            setDraft(e.target.value);
            setProblem(null);
          }}
          onKeyDown={(e) => {
            // Enter adds this value; it must not submit or close the dialog.
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="btn" disabled={draft.trim() === ''} onClick={add}>
          Add {singular}
        </button>
      </div>
      {problem && (
        <p id={messageId} className="form-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
