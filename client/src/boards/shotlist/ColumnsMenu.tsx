import { useState } from 'react';
import { Dialog } from '../../ui/Dialog';
import { OPTIONAL_COLUMNS } from './columns';

/** "Columns": which of the shot list's columns this device shows; the shot code always shows. */
export function ColumnsMenu({
  hidden,
  toggle,
}: {
  hidden: ReadonlySet<string>;
  toggle: (key: string) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Columns
      </button>
      {open && (
        <Dialog
          title="Columns on this device"
          onCancel={() => setOpen(false)}
          actions={
            <button type="button" className="btn primary" onClick={() => setOpen(false)}>
              Done
            </button>
          }
        >
          <p className="muted">The shot code always shows. This tablet or phone remembers the choice.</p>
          <fieldset className="column-choices">
            <legend className="visually-hidden">Columns shown</legend>
            {OPTIONAL_COLUMNS.map((c) => (
              <label key={c.key} className="check-field">
                <input type="checkbox" checked={!hidden.has(c.key)} onChange={() => toggle(c.key)} />
                {c.name}
              </label>
            ))}
          </fieldset>
        </Dialog>
      )}
    </>
  );
}
