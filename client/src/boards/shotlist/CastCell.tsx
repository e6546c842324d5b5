/**
 * The cast of a shot or a scene: a combobox whose list is the breakdown's cast with billing numbers, so a
 * person picks "3 JONAH" instead of remembering that Jonah is 3. Typing filters the list; typed names,
 * characters or numbers are resolved on Enter or when the field is left, and a name that matches nobody is
 * refused where it was typed (ui/rejected-field.tsx).
 */
import { memo, useId, useState, type KeyboardEvent } from 'react';
import type { CastMember } from '../../../../shared/model/breakdown';
import { FieldMessage, useRejectedField } from '../../ui/rejected-field';
import { castLabel, castMatching, type CastLookup } from './cast';

interface Props {
  label: string;
  className?: string;
  ids: readonly string[];
  cast: CastLookup;
  readOnly?: boolean;
  onCommit: (ids: string[]) => void;
  onFocus?: () => void;
  onBlur?: () => void;
}

export const CastCell = memo(function CastCell(props: Props) {
  const { cast, ids } = props;
  const field = useRejectedField(props.label);
  const listId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  /** The option highlighted with the arrow keys; null while typing. */
  const [active, setActive] = useState<number | null>(null);
  const shown = cast.toBilling(ids);
  if (props.readOnly) return <span className={`cell ro ${props.className ?? ''}`}>{shown}</span>;

  // The list filters on what is being typed after the last comma.
  const typing = draft === null ? '' : (draft.split(',').at(-1) ?? '');
  const options =
    /^[\d\s]*$/.test(typing) && typing.trim() !== '' ? cast.members : castMatching(cast.members, typing);
  const current = active === null ? undefined : options[Math.min(active, options.length - 1)];

  const commitText = () => {
    if (draft === null) return;
    try {
      const next = cast.fromText(draft);
      if (next.join() !== ids.join()) props.onCommit(next);
      field.accept();
      setDraft(null);
    } catch (e) {
      field.reject(e instanceof Error ? e.message : String(e));
    }
  };
  const toggle = (member: CastMember) => {
    const next = ids.includes(member.id) ? ids.filter((id) => id !== member.id) : [...ids, member.id];
    props.onCommit(next);
    field.accept();
    setDraft(null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      const n = options.length;
      setActive((a) => (n === 0 ? null : a === null ? (step > 0 ? 0 : n - 1) : (a + step + n) % n));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (open && current) toggle(current);
      else commitText();
    } else if (e.key === 'Escape') {
      setDraft(null);
      setOpen(false);
      field.accept();
    }
  };

  return (
    <span className={`cell-field cast-field ${props.className ?? ''}`}>
      <input
        ref={field.ref}
        className={`cell ${props.className ?? ''} ${field.message ? 'invalid' : ''}`}
        role="combobox"
        aria-label={props.label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && current ? `${listId}-${current.id}` : undefined}
        {...field.inputProps}
        title={props.label}
        value={draft ?? shown}
        onFocus={() => {
          setOpen(true);
          props.onFocus?.();
        }}
        onClick={() => setOpen(true)}
        onChange={(e) => {
          setDraft(e.target.value);
          setActive(null);
          setOpen(true);
        }}
        onBlur={() => {
          setOpen(false);
          setActive(null);
          commitText();
          props.onBlur?.();
        }}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul
          id={listId}
          role="listbox"
          aria-label={`${props.label}: the breakdown's cast`}
          aria-multiselectable="true"
          className="cast-options"
        >
          {options.length === 0 && (
            <li className="cast-empty" aria-disabled="true">
              {cast.members.length === 0 ? 'The breakdown has no cast yet' : 'No one by that name'}
            </li>
          )}
          {options.map((m) => (
            <li
              key={m.id}
              id={`${listId}-${m.id}`}
              role="option"
              aria-selected={ids.includes(m.id)}
              className={m === current ? 'active' : undefined}
              // Keep the focus in the field, so picking does not first leave it (which would commit the text).
              onPointerDown={(e) => e.preventDefault()}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => toggle(m)}
            >
              <span className="billing">{m.billing}</span>
              <span className="who">{castLabel(m)}</span>
            </li>
          ))}
        </ul>
      )}
      <FieldMessage field={field} />
    </span>
  );
});
