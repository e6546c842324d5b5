/**
 * Crew & cast: the production's people with department, title, contact details, the cast part they play
 * and their call offset, for the producer and the AD (who keep the list; API.md PE1-PE6). A refused field
 * is marked where it was typed, with the server's words, and the typed text stays.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { MeResponse } from '../../../shared/api-types';
import { DEPARTMENTS, PERSON_LIMITS, type Person, type PersonInput } from '../../../shared/people';
import { addPerson, changePerson, fetchPeople, removePerson } from '../api/people';
import { ApiFailure } from '../api/http';
import { useDialogs } from '../ui/dialogs';
import { ExportButton } from '../ui/ExportButton';
import { ImportButton } from '../ui/ImportButton';

const FIELDS = ['name', 'department', 'title', 'phone', 'email', 'castBilling', 'callOffsetMinutes'] as const;
type Field = (typeof FIELDS)[number];
type Draft = Record<Field, string> & { keyContact: boolean };

const LABELS: Record<Field, string> = {
  name: 'Name',
  department: 'Department',
  title: 'Title',
  phone: 'Phone',
  email: 'E-mail',
  castBilling: 'Cast number',
  callOffsetMinutes: 'Call offset (minutes)',
};

const EMPTY: Draft = {
  name: '',
  department: '',
  title: '',
  phone: '',
  email: '',
  castBilling: '',
  callOffsetMinutes: '',
  keyContact: false,
};

const draftOf = (p: Person): Draft => ({
  name: p.name,
  department: p.department ?? '',
  title: p.title ?? '',
  phone: p.phone ?? '',
  email: p.email ?? '',
  castBilling: p.castBilling === null ? '' : String(p.castBilling),
  callOffsetMinutes: p.callOffsetMinutes === null ? '' : String(p.callOffsetMinutes),
  keyContact: p.keyContact,
});

type Problems = Partial<Record<Field | 'form', string>>;

/** Whole numbers typed in a form, checked here so the words say which field; the server checks again. */
function inputOf(draft: Draft): { input: PersonInput; problems: Problems } {
  const problems: Problems = {};
  const whole = (field: 'castBilling' | 'callOffsetMinutes'): number | null => {
    const text = draft[field].trim();
    if (text === '') return null;
    if (!/^-?\d+$/.test(text)) {
      problems[field] = 'must be a whole number';
      return null;
    }
    return Number(text);
  };
  if (draft.name.trim() === '') problems.name = 'must not be empty';
  const input: PersonInput = {
    name: draft.name,
    department: draft.department,
    title: draft.title,
    phone: draft.phone,
    email: draft.email,
    castBilling: whole('castBilling'),
    callOffsetMinutes: whole('callOffsetMinutes'),
    keyContact: draft.keyContact,
  };
  return { input, problems };
}

/** The server names each bad field: `Invalid request body: email: must be …; phone: …`. */
function problemsOf(error: unknown): Problems {
  if (!(error instanceof ApiFailure)) return { form: 'The list could not be saved; try again.' };
  if (error.status !== 400) return { form: error.message };
  const problems: Problems = {};
  const text = error.message.replace(/^Invalid request body:\s*/, '');
  for (const part of text.split('; ')) {
    const match = /^(\w+): (.*)$/.exec(part);
    const field = match?.[1] as Field | undefined;
    if (match && field && (FIELDS as readonly string[]).includes(field)) problems[field] = match[2]!;
    else problems.form = error.message;
  }
  return problems;
}

function offsetText(minutes: number | null): string | null {
  if (minutes === null || minutes === 0) return null;
  return minutes > 0 ? `call +${minutes} min` : `call ${minutes} min`;
}

function PersonForm({
  initial,
  submitLabel,
  onSave,
  onCancel,
}: {
  initial: Draft;
  submitLabel: string;
  onSave: (input: PersonInput) => Promise<void>;
  onCancel?: () => void;
}) {
  const ids = useId();
  const [draft, setDraft] = useState<Draft>(initial);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = inputOf(draft);
    if (Object.keys(checked.problems).length > 0) {
      setProblems(checked.problems);
      return;
    }
    setBusy(true);
    try {
      await onSave(checked.input);
      setProblems({});
      if (!onCancel) setDraft(EMPTY);
    } catch (error) {
      setProblems(problemsOf(error));
    } finally {
      setBusy(false);
    }
  }

  // The error sits beside the label, not in it, so the field's accessible name stays its label.
  const text = (field: Field, props: Record<string, unknown> = {}) => (
    <div className="field-group" key={field}>
      <label className="field">
        <span>{LABELS[field]}</span>
        <input
          className="cell"
          value={draft[field]}
          aria-invalid={problems[field] !== undefined}
          aria-describedby={problems[field] ? `${ids}-${field}` : undefined}
          onChange={(e) => {
            const value = e.target.value;
            setDraft((d) => ({ ...d, [field]: value }));
            setProblems(({ [field]: _gone, ...rest }) => rest);
          }}
          {...props}
        />
      </label>
      {problems[field] && (
        <span id={`${ids}-${field}`} className="form-error" role="alert">
          {LABELS[field]} {problems[field]}
        </span>
      )}
    </div>
  );

  return (
    <form className="person-form" onSubmit={(e) => void submit(e)} noValidate>
      {text('name', { autoComplete: 'off', maxLength: 80 })}
      {text('department', { list: `${ids}-departments`, maxLength: PERSON_LIMITS.textMax })}
      <datalist id={`${ids}-departments`}>
        {DEPARTMENTS.map((d) => (
          <option key={d} value={d} />
        ))}
      </datalist>
      {text('title', { maxLength: PERSON_LIMITS.textMax })}
      {text('phone', { type: 'tel', inputMode: 'tel', maxLength: PERSON_LIMITS.phoneMax })}
      {text('email', { type: 'email', inputMode: 'email', maxLength: PERSON_LIMITS.emailMax })}
      {text('castBilling', { inputMode: 'numeric' })}
      {text('callOffsetMinutes', { inputMode: 'numeric' })}
      <label className="check-field">
        <input
          type="checkbox"
          checked={draft.keyContact}
          onChange={(e) => {
            const checked = e.target.checked;
            setDraft((d) => ({ ...d, keyContact: checked }));
          }}
        />
        <span>Key contact (phone and e-mail shown to everyone)</span>
      </label>
      <div className="person-form-actions">
        <button type="submit" className="btn primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {problems.form && (
        <p className="form-error" role="alert">
          {problems.form}
        </p>
      )}
    </form>
  );
}

export default function PeoplePage({ me, token }: { me: MeResponse; token: string }) {
  const productionId = me.production.id;
  const dialogs = useDialogs();
  const [people, setPeople] = useState<Person[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const keeper = me.member.role === 'producer' || me.member.role === 'ad';

  useEffect(() => {
    const controller = new AbortController();
    fetchPeople(productionId, token, controller.signal).then(
      (answer) => {
        setPeople(answer.people);
        setLoadError(null);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setLoadError(
          error instanceof ApiFailure ? error.message : 'The crew and cast list could not be loaded.',
        );
      },
    );
    return () => controller.abort();
  }, [productionId, token, reload]);

  async function remove(person: Person) {
    const confirmed = await dialogs.confirm({
      title: `Remove ${person.name}?`,
      message: `${person.name} leaves the crew and cast list of ${me.production.name}, with their contact details.`,
      confirmLabel: `Remove ${person.name}`,
      danger: true,
    });
    if (!confirmed) return;
    setListError(null);
    try {
      await removePerson(productionId, token, person.id);
    } catch (error) {
      setListError(
        error instanceof ApiFailure ? error.message : `${person.name} could not be removed; try again.`,
      );
    }
    setReload((n) => n + 1);
  }

  return (
    <main className="team people">
      {keeper && (
        <section className="panel" aria-labelledby="people-add">
          <h2 id="people-add">Add a person</h2>
          <PersonForm
            initial={EMPTY}
            submitLabel="Add person"
            onSave={async (input) => {
              const { person } = await addPerson(productionId, token, input);
              // The server's answer is what it stored: show that, then the list as others left it.
              setPeople((list) => [...(list ?? []), person]);
              setReload((n) => n + 1);
            }}
          />
        </section>
      )}
      <section className="panel" aria-labelledby="people-list">
        <h2 id="people-list">Crew &amp; cast</h2>
        {!keeper && (
          <p className="muted">
            Only the producer and the AD change this list; you see key contacts’ details.
          </p>
        )}
        <div className="person-actions" aria-label="Spreadsheet">
          <ExportButton
            path={`/api/productions/${encodeURIComponent(productionId)}/people/export.csv`}
            token={token}
            label="Export CSV"
            description="Download the crew and cast list as CSV"
          />
          {keeper && (
            <ImportButton
              path={`/api/productions/${encodeURIComponent(productionId)}/people/import.csv`}
              token={token}
              description="Add or update people from a CSV file (the columns Export CSV writes; name required)"
              onImported={() => setReload((n) => n + 1)}
            />
          )}
        </div>
        {people === null && !loadError && <p className="muted">Loading the crew and cast…</p>}
        {loadError && (
          <p className="form-error" role="alert">
            {loadError}
          </p>
        )}
        {listError && (
          <p className="form-error" role="alert">
            {listError}
          </p>
        )}
        {people?.length === 0 && <p className="muted">Nobody is on the list yet.</p>}
        {people && people.length > 0 && (
          <ul className="people-list">
            {people.map((p) => (
              <li key={p.id} data-testid="person">
                {editing === p.id ? (
                  <PersonForm
                    initial={draftOf(p)}
                    submitLabel={`Save ${p.name}`}
                    onCancel={() => setEditing(null)}
                    onSave={async (input) => {
                      const { person } = await changePerson(productionId, token, p.id, input);
                      setPeople((list) => list?.map((q) => (q.id === person.id ? person : q)) ?? null);
                      setEditing(null);
                      setReload((n) => n + 1);
                    }}
                  />
                ) : (
                  <>
                    <div className="person-summary">
                      <span className="member-name">
                        {p.name}
                        {p.keyContact && <span className="owner-badge">Key contact</span>}
                      </span>
                      <span className="muted">
                        {[
                          p.department ?? 'No department',
                          p.title,
                          p.castBilling === null ? null : `cast ${p.castBilling}`,
                          offsetText(p.callOffsetMinutes),
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                      {(p.phone || p.email) && (
                        <span>
                          {p.phone && <a href={`tel:${p.phone.replace(/[^0-9+]/g, '')}`}>{p.phone}</a>}
                          {p.phone && p.email && ' · '}
                          {p.email && <a href={`mailto:${p.email}`}>{p.email}</a>}
                        </span>
                      )}
                    </div>
                    {keeper && (
                      <div className="person-actions">
                        <button type="button" className="btn" onClick={() => setEditing(p.id)}>
                          Edit<span className="visually-hidden"> {p.name}</span>
                        </button>
                        <button type="button" className="btn danger" onClick={() => void remove(p)}>
                          Remove<span className="visually-hidden"> {p.name}</span>
                        </button>
                      </div>
                    )}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {dialogs.element}
    </main>
  );
}
