/**
 * Day out of days for breakdown elements: the same codes as for cast (dood.ts), one row per element of a
 * category, so a department sees which days the red pickup truck or the sheepdog works and waits (a
 * rented vehicle on hold costs like an actor on hold). Drops do not apply: rentals have no drop rule.
 *
 * Example: a truck tagged on scenes 1 and 3, scene 1 shot on day 1 and scene 3 on day 3 -> SW, H, WF.
 */
import type { ElementCategory, Element, Scene } from '../model/breakdown';
import type { Schedule } from '../model/schedule';
import { dayOutOfDays, type DoodRow } from './dood';

/** Rows keyed by element id (in `castId`, as for cast). */
export function elementDayOutOfDays(
  schedule: Schedule,
  scenes: readonly Scene[],
  elements: readonly Element[],
  category: ElementCategory,
): DoodRow[] {
  const ofCategory = elements.filter((e) => e.category === category);
  const ids = new Set(ofCategory.map((e) => e.id));
  // each element plays the part of a cast member: a scene "casts" the elements tagged on it
  const asScenes = scenes.map((s) => ({
    ...s,
    castIds: s.elements.filter((t) => ids.has(t.elementId)).map((t) => t.elementId),
  }));
  const asCast = ofCategory.map((e, i) => ({ id: e.id, billing: i + 1, character: e.name, actor: '' }));
  return dayOutOfDays(schedule, asScenes, asCast, null);
}
