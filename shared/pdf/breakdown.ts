/**
 * Breakdown sheets: one page per scene, in script order, with the heading, pages, synopsis, cast, location
 * and what the other boards hold for it (the shooting day, the planned shots) when they are given.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatEighths } from '../calc/eighths';
import { pageTotals, stripColour } from '../calc/schedule-totals';
import type { Breakdown } from '../model/breakdown';
import type { Schedule } from '../model/schedule';
import type { Shot } from '../model/shotlist';
import { COLOURS, documentFrame, emptyNote, GRID_LAYOUT, headerRow, longDate, type Paper } from './frame';
import { STRIP_FILL } from './schedule';
import { words } from './shotlist';

export interface BreakdownInput {
  production: string;
  date: string;
  paper: Paper;
  breakdown: Breakdown;
  /** When readable: the day each scene is scheduled on. */
  schedule: Schedule | null;
  /** When readable: the scene's planned shots. */
  shots: readonly Shot[] | null;
}

export function buildBreakdown(input: BreakdownInput): TDocumentDefinitions {
  const { breakdown } = input;
  const cast = new Map(breakdown.cast.map((c) => [c.id, c]));
  const locations = new Map(breakdown.locations.map((l) => [l.id, l]));
  const dayNumbers = input.schedule
    ? pageTotals(input.schedule, breakdown.scenes).days.map((d) => d.dayNumber)
    : [];
  const sheets: Content[] = breakdown.scenes.map((scene, i) => {
    const location = scene.locationId ? locations.get(scene.locationId) : undefined;
    const days = (input.schedule?.days ?? [])
      .map((d, i) => ({ d, n: (dayNumbers[i] ?? 0) - 1 }))
      .filter(({ d }) => input.schedule!.strips.some((s) => s.dayId === d.id && s.sceneId === scene.id))
      .map(({ d, n }) => `Day ${n + 1}, ${longDate(d.date)}`);
    const shots = (input.shots ?? []).filter((s) => s.sceneId === scene.id && s.status !== 'cut');
    const members = scene.castIds
      .map((id) => cast.get(id))
      .filter((c) => c !== undefined)
      .sort((a, b) => a.billing - b.billing);
    const field = (label: string, value: Content): Content => ({
      columns: [
        { text: label, width: 90, bold: true, color: COLOURS.muted },
        { stack: [value], width: '*' },
      ],
      margin: [0, 3, 0, 3],
    });
    return {
      ...(i > 0 ? { pageBreak: 'before' as const } : {}),
      stack: [
        {
          table: {
            widths: ['auto', '*', 'auto'],
            body: [
              [
                { text: `Scene ${scene.number}`, fontSize: 16, bold: true },
                {
                  text: `${scene.intExt}  ${scene.set}  ${scene.time}`,
                  fontSize: 14,
                  bold: true,
                  margin: [0, 2, 0, 0],
                },
                {
                  text: `${formatEighths(scene.eighths)} pages`,
                  fontSize: 12,
                  bold: true,
                  margin: [0, 3, 0, 0],
                },
              ],
            ],
          },
          layout: { ...GRID_LAYOUT, fillColor: () => STRIP_FILL[stripColour(scene)] },
          margin: [0, 0, 0, 8],
        },
        ...(scene.omitted
          ? [{ text: 'OMITTED', fontSize: 14, bold: true, color: '#a00000', margin: [0, 0, 0, 6] } as Content]
          : []),
        field('Synopsis', scene.synopsis || '—'),
        field(
          'Cast',
          members.length === 0
            ? 'No cast'
            : { ul: members.map((c) => `${c.billing}. ${c.character}${c.actor ? ` (${c.actor})` : ''}`) },
        ),
        field(
          'Location',
          location
            ? {
                stack: [
                  { text: location.name, bold: true },
                  location.address,
                  { text: `Nearest hospital: ${location.hospital || '—'}`, style: 'muted' },
                ],
              }
            : 'No location yet',
        ),
        field(
          'Scheduled',
          input.schedule === null
            ? 'Schedule not available'
            : days.length > 0
              ? days.join('\n')
              : 'Not scheduled (boneyard)',
        ),
        ...(input.shots === null
          ? []
          : [
              field(
                'Shots',
                shots.length === 0
                  ? 'No shots planned'
                  : {
                      table: {
                        headerRows: 1,
                        widths: [28, 34, 50, '*'],
                        body: [
                          headerRow(['Shot', 'Size', 'Movement', 'Description']),
                          ...shots.map((s) => [
                            { text: s.code, bold: true },
                            s.size,
                            words(s.movement),
                            s.description,
                          ]),
                        ],
                      },
                      layout: GRID_LAYOUT,
                    },
              ),
            ]),
      ],
    };
  });
  return documentFrame({
    paper: input.paper,
    title: {
      production: input.production,
      document: 'Breakdown',
      detail: `${breakdown.scenes.length} scenes`,
      date: input.date,
    },
    content: sheets.length === 0 ? [emptyNote('The breakdown has no scenes yet.')] : sheets,
  });
}
