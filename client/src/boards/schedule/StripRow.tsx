import { memo, type PointerEvent as ReactPointerEvent } from 'react';
import type { Scene } from '../../../../shared/model/breakdown';
import { STRIP_STATUSES, type BoardItem, type StripStatus } from '../../../../shared/model/schedule';
import { formatEighths } from '../../../../shared/calc/eighths';
import type { SunsetWarning } from '../../../../shared/calc/day-status';
import { stripColour, stripEighths } from '../../../../shared/calc/schedule-totals';

export const STRIP_STATUS_LABELS: Record<StripStatus, string> = {
  planned: 'Planned',
  shooting: 'Shooting',
  done: 'Done',
  partial: 'Partial',
};

interface Props {
  item: BoardItem;
  scenes: ReadonlyMap<string, Scene>;
  castBilling: ReadonlyMap<string, number>;
  /** Breakdown elements per scene id: how many, and per category for the tooltip. */
  elements: ReadonlyMap<string, { count: number; detail: string }>;
  canWrite: boolean;
  dragging: boolean;
  drop: 'above' | 'below' | null;
  onDragStart: (id: string, event: ReactPointerEvent) => void;
  onStatus: (id: string, status: StripStatus) => void;
  /** Opens the strip's or banner's menu (split, revert split; edit, delete). */
  onMenu: (item: BoardItem) => void;
  /** Set when this exterior strip is projected (or planned) to end after sunset. */
  afterSunset: SunsetWarning | null;
}

/** One strip (or banner) of the stripboard, coloured the way every AD reads it. */
export const StripRow = memo(function StripRow(props: Props) {
  const { item } = props;
  const dropClass = props.drop ? `drop-${props.drop}` : '';
  const handle = props.canWrite && (
    <span
      className="drag-handle"
      role="button"
      aria-label="Drag to another day"
      onPointerDown={(e) => props.onDragStart(item.id, e)}
    >
      ⠿
    </span>
  );
  if (item.type === 'banner') {
    return (
      <div
        className={`strip banner-strip ${dropClass}`}
        data-item-id={item.id}
        data-day-id={item.dayId ?? ''}
      >
        {handle}
        <strong>{item.text}</strong>
        {item.minutes > 0 && <span className="banner-minutes">{item.minutes} min</span>}
        {props.canWrite && (
          <button
            type="button"
            className="btn menu-btn"
            aria-label={`Edit banner ${item.text}`}
            onClick={() => props.onMenu(item)}
          >
            ⋯
          </button>
        )}
      </div>
    );
  }
  const scene = props.scenes.get(item.sceneId);
  const colour = scene ? stripColour(scene) : 'white';
  const eighths = stripEighths(item, props.scenes);
  const elements = props.elements.get(item.sceneId);
  const cast = (scene?.castIds ?? [])
    .map((id) => props.castBilling.get(id))
    .filter((b): b is number => b !== undefined)
    .sort((a, b) => a - b)
    .join(', ');
  return (
    <div
      className={`strip strip-${colour} status-${item.status} ${props.dragging ? 'dragging' : ''} ${dropClass}${props.afterSunset ? ' after-sunset' : ''}${props.canWrite ? '' : ' read-only'}`}
      data-item-id={item.id}
      data-day-id={item.dayId ?? ''}
      data-testid="strip"
      data-scene={scene?.number ?? ''}
      data-part={item.part ?? ''}
      data-after-sunset={props.afterSunset ? 'true' : undefined}
    >
      {handle}
      <span className="s-num">
        {scene?.number ?? '?'}
        {item.part ? <small> pt {item.part}</small> : null}
      </span>
      <span className="s-ie">{scene?.intExt ?? ''}</span>
      <span className="s-set">
        {scene?.set ?? 'Scene not in the breakdown'}
        {elements && elements.count > 0 && (
          <small className="s-elements" title={elements.detail} aria-label={`Elements: ${elements.detail}`}>
            {elements.count} {elements.count === 1 ? 'element' : 'elements'}
          </small>
        )}
        {props.afterSunset && (
          <span
            className="s-flag"
            title={`Ends ${props.afterSunset.projectedEnd}, ${props.afterSunset.minutesAfterSunset} min after sunset`}
          >
            After sunset {props.afterSunset.projectedEnd}
          </span>
        )}
      </span>
      <span className="s-dn">{scene?.time ?? ''}</span>
      <span className="s-pages">{formatEighths(eighths)}</span>
      <span className="s-cast" title="Cast (billing numbers)">
        {cast}
      </span>
      {props.canWrite ? (
        <select
          className="s-status"
          aria-label={`Status of scene ${scene?.number ?? ''}`}
          value={item.status}
          onChange={(e) => props.onStatus(item.id, e.target.value as StripStatus)}
        >
          {STRIP_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STRIP_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      ) : (
        <span className="s-status">{STRIP_STATUS_LABELS[item.status]}</span>
      )}
      {props.canWrite && (
        <button
          type="button"
          className="btn menu-btn"
          aria-label={`Actions for scene ${scene?.number ?? ''}${item.part ? ` part ${item.part}` : ''}`}
          onClick={() => props.onMenu(item)}
        >
          ⋯
        </button>
      )}
    </div>
  );
});
