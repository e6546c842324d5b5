/**
 * The shot list's filters, folded behind one "Filters" button with the per-day totals: on a phone the first
 * shot must show on the first screen, and on a tablet the toolbars must leave the list most of the height.
 * The button says how many filters are on, so a short list is never a mystery.
 */
import { useId, type ReactNode } from 'react';
import type { Scene } from '../../../../shared/model/breakdown';
import { SHOT_STATUSES, type ShotStatus } from '../../../../shared/model/shotlist';
import { STATUS_LABELS } from './ShotRow';

export interface ShotFilterValues {
  status: ShotStatus | 'all';
  sceneId: string;
  todayOnly: boolean;
}

export const NO_FILTERS: ShotFilterValues = { status: 'all', sceneId: 'all', todayOnly: false };

export function activeFilters(f: ShotFilterValues): number {
  return (f.status !== 'all' ? 1 : 0) + (f.sceneId !== 'all' ? 1 : 0) + (f.todayOnly ? 1 : 0);
}

/** The disclosure button; `panelId` ties it to the panel for assistive technology. */
export function FiltersButton(props: {
  open: boolean;
  onToggle: () => void;
  panelId: string;
  values: ShotFilterValues;
}) {
  const on = activeFilters(props.values);
  return (
    <button
      type="button"
      className="btn"
      aria-expanded={props.open}
      aria-controls={props.panelId}
      onClick={props.onToggle}
    >
      {props.open ? '▾' : '▸'} Filters{on > 0 ? ` (${on} on)` : ''}
    </button>
  );
}

export function FiltersPanel(props: {
  id: string;
  values: ShotFilterValues;
  onChange: (values: ShotFilterValues) => void;
  scenes: readonly Scene[];
  today: { label: string } | null;
  /** Shown with the filters: the shots and minutes of each shooting day, beside "Today". */
  children?: ReactNode;
}) {
  const { values, onChange } = props;
  const statusId = useId();
  const sceneId = useId();
  return (
    <div className="shot-filters" id={props.id} role="group" aria-label="Filters">
      <label className="field compact" htmlFor={statusId}>
        <span>Status</span>
        <select
          id={statusId}
          className="btn"
          aria-label="Filter by status"
          value={values.status}
          onChange={(e) => onChange({ ...values, status: e.target.value as ShotStatus | 'all' })}
        >
          <option value="all">All statuses</option>
          {SHOT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="field compact" htmlFor={sceneId}>
        <span>Scene</span>
        <select
          id={sceneId}
          className="btn"
          aria-label="Filter by scene"
          value={values.sceneId}
          onChange={(e) => onChange({ ...values, sceneId: e.target.value })}
        >
          <option value="all">All scenes</option>
          {props.scenes.map((s) => (
            <option key={s.id} value={s.id}>
              Sc. {s.number} {s.set}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="btn"
        aria-pressed={values.todayOnly}
        onClick={() => onChange({ ...values, todayOnly: !values.todayOnly })}
        disabled={!props.today}
      >
        {props.today ? `Today (${props.today.label})` : 'Today'}
      </button>
      {activeFilters(values) > 0 && (
        <button type="button" className="btn" onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </button>
      )}
      {props.children}
    </div>
  );
}
