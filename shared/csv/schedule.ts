/**
 * Schedule CSV: one table with a `type` column. A `day` row carries the day's fields and page total, then
 * its strips and banners in board order, then its log entries; boneyard strips come last with day
 * `boneyard`. Scene columns are filled from the breakdown when it is given.
 */
import type * as Y from 'yjs';
import { formatEighths } from '../calc/eighths';
import { pageTotals, stripColour, stripEighths } from '../calc/schedule-totals';
import type { CastMember, Scene } from '../model/breakdown';
import { readSchedule, selectDayItems, selectDayLog } from '../model/schedule';
import { joinList } from './cells';
import { writeTable } from './table';

export const SCHEDULE_COLUMNS = [
  'type',
  'day',
  'date',
  'position',
  'id',
  'scene',
  'sceneId',
  'intExt',
  'time',
  'set',
  'colour',
  'pages',
  'eighths',
  'part',
  'status',
  'minutes',
  'cast',
  'text',
  'crewCall',
  'shootingCall',
  'sunset',
  'kind',
  'at',
  'author',
] as const;

type Column = (typeof SCHEDULE_COLUMNS)[number];

function row(values: Partial<Record<Column, string>>): string[] {
  return SCHEDULE_COLUMNS.map((c) => values[c] ?? '');
}

export function exportSchedule(
  doc: Y.Doc,
  scenes: readonly Scene[] = [],
  cast: readonly CastMember[] = [],
): string {
  const schedule = readSchedule(doc);
  const byId = new Map(scenes.map((s) => [s.id, s]));
  const billing = new Map(cast.map((c) => [c.id, String(c.billing)]));
  const totals = pageTotals(schedule, scenes);
  const rows: string[][] = [];
  const items = (dayId: string | null, day: string, date: string) =>
    selectDayItems(schedule, dayId).forEach((item, i) => {
      if (item.type === 'banner') {
        rows.push(row({ type: 'banner', day, date, position: String(i + 1), id: item.id, text: item.text }));
        return;
      }
      const scene = byId.get(item.sceneId);
      const eighths = stripEighths(item, byId);
      rows.push(
        row({
          type: 'strip',
          day,
          date,
          position: String(i + 1),
          id: item.id,
          scene: scene?.number ?? '',
          sceneId: item.sceneId,
          intExt: scene?.intExt ?? '',
          time: scene?.time ?? '',
          set: scene?.set ?? '',
          colour: scene ? stripColour(scene) : '',
          pages: scene || item.eighths !== null ? formatEighths(eighths) : '',
          eighths: item.eighths === null ? '' : String(item.eighths),
          part: item.part === null ? '' : String(item.part),
          status: item.status,
          minutes: String(item.minutes),
          cast: joinList((scene?.castIds ?? []).map((id) => billing.get(id) ?? id)),
        }),
      );
    });
  schedule.days.forEach((d, i) => {
    const day = String(i + 1);
    rows.push(
      row({
        type: 'day',
        day,
        date: d.date,
        id: d.id,
        pages: totals.days[i]!.pages,
        text: d.notes,
        crewCall: d.crewCall,
        shootingCall: d.shootingCall,
        sunset: d.sunset,
      }),
    );
    items(d.id, day, d.date);
    for (const entry of selectDayLog(schedule, d.id)) {
      rows.push(
        row({
          type: 'log',
          day,
          date: d.date,
          id: entry.id,
          kind: entry.kind,
          at: entry.at,
          author: entry.author.name,
          text: entry.note,
        }),
      );
    }
  });
  items(null, 'boneyard', '');
  return writeTable(SCHEDULE_COLUMNS, rows, ['position', 'eighths', 'part', 'minutes']);
}
