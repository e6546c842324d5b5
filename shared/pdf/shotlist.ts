/**
 * The shot list on paper: by scene (script order) or in shooting order, all days or one; a band per scene
 * with INT/EXT, set, D/N, pages and the scene's totals; each shot with its fields and cast names. Cut shots
 * are left out unless asked for greyed, and the closing line says how many were left out.
 */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatEighths } from '../calc/eighths';
import { shotTotals } from '../calc/schedule-totals';
import type { Breakdown, CastMember, Scene } from '../model/breakdown';
import type { Schedule } from '../model/schedule';
import { sortShots, type Shot } from '../model/shotlist';
import { PdfOptionError } from './errors';
import {
  documentFrame,
  duration,
  emptyNote,
  GRID_LAYOUT,
  headerRow,
  shortDate,
  spanRow,
  type Paper,
} from './frame';

export interface ShotListOptions {
  order: 'script' | 'shooting';
  /** 1-based shooting day (date order), or null for every day. */
  day: number | null;
  cut: 'omit' | 'grey';
  /** Storyboard thumbnails (the first image of each shot, when `images` holds its data). */
  images: boolean;
}

export const DEFAULT_SHOTLIST_OPTIONS: ShotListOptions = {
  order: 'script',
  day: null,
  cut: 'omit',
  images: false,
};

export interface ShotListInput {
  production: string;
  /** ISO date of this copy. */
  date: string;
  paper: Paper;
  shots: readonly Shot[];
  /** Scene headings and cast names; null when this member may not read the breakdown. */
  breakdown: Breakdown | null;
  /** Needed for one day's list; null when unavailable. */
  schedule: Schedule | null;
  options: ShotListOptions;
  /** Storyboard image reference -> data URL (PNG or JPEG), for thumbnails. */
  images?: ReadonlyMap<string, string>;
}

const STATUS_LABEL: Record<Shot['status'], string> = {
  planned: 'Planned',
  shooting: 'Shooting',
  done: 'Done',
  cut: 'Cut',
  moved: 'Moved',
};

/** `eye-level` -> `eye level`: the model's ids as words. */
export const words = (id: string): string => id.replace(/-/g, ' ');

export function castNames(ids: readonly string[], cast: ReadonlyMap<string, CastMember>): string {
  return ids
    .map((id) => cast.get(id))
    .filter((c): c is CastMember => c !== undefined)
    .sort((a, b) => a.billing - b.billing)
    .map((c) => c.character)
    .join(', ');
}

export function sceneHeading(scene: Scene): string {
  return `${scene.intExt}  ${scene.set}  ${scene.time}`;
}

/** The day's scenes (strips on it) for the `day` option; throws PdfOptionError when there is no such day. */
function scenesOfDay(schedule: Schedule | null, day: number): { sceneIds: Set<string>; label: string } {
  if (schedule === null) throw new PdfOptionError('day', 'the schedule is not available to you.');
  const shooting = schedule.days.filter((d) => d.kind === 'shoot');
  const found = shooting[day - 1];
  if (found === undefined) {
    throw new PdfOptionError('day', `there is no shooting day ${day}; the schedule has ${shooting.length}.`);
  }
  return {
    sceneIds: new Set(schedule.strips.filter((s) => s.dayId === found.id).map((s) => s.sceneId)),
    label: `Day ${day} of ${shooting.length}, ${shortDate(found.date)}`,
  };
}

export function buildShotList(input: ShotListInput): TDocumentDefinitions {
  const { options } = input;
  const scenes = new Map((input.breakdown?.scenes ?? []).map((s) => [s.id, s]));
  const cast = new Map((input.breakdown?.cast ?? []).map((c) => [c.id, c]));
  let shots = sortShots(input.shots, options.order === 'script' ? 'script' : 'shoot');
  let dayLabel = 'all days';
  if (options.day !== null) {
    const day = scenesOfDay(input.schedule, options.day);
    shots = shots.filter((s) => day.sceneIds.has(s.sceneId));
    dayLabel = day.label;
  }
  const cutCount = shots.filter((s) => s.status === 'cut').length;
  const printed = options.cut === 'omit' ? shots.filter((s) => s.status !== 'cut') : shots;

  const thumbnails = options.images;
  const labels = [
    'Shot',
    ...(thumbnails ? ['Board'] : []),
    'Size',
    'Angle',
    'Movement',
    'Lens',
    'Cam',
    'Description',
    'Cast',
    'Setup + shoot min',
    'Status',
  ];
  const columns = labels.length;
  const body: TableCell[][] = [headerRow(labels, [labels.length - 2])];
  // runs of one scene: every scene in script order, and each change of scene in shooting order
  const runs: { sceneId: string; shots: Shot[] }[] = [];
  for (const shot of printed) {
    const last = runs.at(-1);
    if (last && last.sceneId === shot.sceneId) last.shots.push(shot);
    else runs.push({ sceneId: shot.sceneId, shots: [shot] });
  }
  for (const run of runs) {
    const scene = scenes.get(run.sceneId);
    const totals = shotTotals(run.shots);
    const heading = scene
      ? `Scene ${scene.number}   ${sceneHeading(scene)}   ${formatEighths(scene.eighths)} pg${scene.omitted ? '   OMITTED' : ''}`
      : 'Scene not in the breakdown';
    body.push(
      spanRow(
        {
          columns: [
            { text: heading, bold: true },
            {
              text: `${totals.shots} shot${totals.shots === 1 ? '' : 's'}  ·  ${duration(totals.minutes)}`,
              alignment: 'right',
              width: 'auto',
            },
          ],
          fillColor: '#e4e4e4',
        },
        columns,
      ),
    );
    for (const shot of run.shots) body.push(shotRow(shot, cast, thumbnails, input.images));
  }

  const all = shotTotals(printed);
  const closing: Content[] = [
    {
      text: [
        { text: 'Total  ', bold: true },
        `${all.shots} shot${all.shots === 1 ? '' : 's'}, ${all.done} done  ·  ${duration(all.minutes)} planned, ${duration(all.remainingMinutes)} to go`,
        ...(cutCount > 0
          ? [
              options.cut === 'omit'
                ? `  ·  ${cutCount} cut shot${cutCount === 1 ? '' : 's'} left out`
                : `  ·  ${cutCount} cut (greyed)`,
            ]
          : []),
      ],
      margin: [0, 6, 0, 0],
    },
  ];

  const widths = [26, ...(thumbnails ? [52] : []), 30, 40, 46, 30, 22, '*', 62, 38, 40] as (
    number | string
  )[];
  const content: Content[] =
    printed.length === 0
      ? [emptyNote('No shots to print for this selection.')]
      : [
          {
            table: { headerRows: 1, dontBreakRows: true, widths, body },
            layout: GRID_LAYOUT,
          },
          ...closing,
        ];
  return documentFrame({
    paper: input.paper,
    title: {
      production: input.production,
      document: 'Shot list',
      detail: `${options.order === 'script' ? 'Script order' : 'Shooting order'}  ·  ${dayLabel}`,
      date: input.date,
    },
    content,
  });
}

function shotRow(
  shot: Shot,
  cast: ReadonlyMap<string, CastMember>,
  thumbnails: boolean,
  images: ReadonlyMap<string, string> | undefined,
): TableCell[] {
  const style = shot.status === 'cut' ? 'greyed' : undefined;
  const cell = (text: string, extra: Record<string, unknown> = {}): TableCell => ({
    text,
    ...(style ? { style } : {}),
    ...extra,
  });
  const ref = shot.storyboard[0];
  const data = ref === undefined ? undefined : images?.get(ref);
  return [
    cell(shot.code, { bold: true }),
    ...(thumbnails
      ? [
          data
            ? ({ image: data, fit: [48, 32] } as TableCell)
            : cell(ref === undefined ? '' : 'image', { style: 'muted' }),
        ]
      : []),
    cell(shot.size),
    cell(words(shot.angle)),
    cell(words(shot.movement)),
    cell(shot.lens),
    cell(shot.camera),
    cell(shot.description),
    cell(castNames(shot.castIds, cast)),
    cell(`${shot.setupMinutes} + ${shot.shootMinutes}`, { alignment: 'right' }),
    cell(STATUS_LABEL[shot.status] ?? shot.status),
  ];
}
