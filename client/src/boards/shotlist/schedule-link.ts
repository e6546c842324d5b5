/** What the shot list needs from the schedule: which scenes shoot on which day, and which day is today. */
import type * as Y from 'yjs';
import { readSchedule } from '../../../../shared/model/schedule';

export interface DayScenes {
  dayId: string;
  label: string;
  date: string;
  sceneIds: string[];
}

export function readDayScenes(doc: Y.Doc | null): DayScenes[] {
  if (!doc) return [];
  const schedule = readSchedule(doc);
  return schedule.days.map((day, i) => ({
    dayId: day.id,
    date: day.date,
    label: `Day ${i + 1}`,
    sceneIds: [...new Set(schedule.strips.filter((s) => s.dayId === day.id).map((s) => s.sceneId))],
  }));
}

/** Today's shooting day, or the next one when today is not a shooting day (prep, a day off). */
export function todaysDay(days: readonly DayScenes[], today: string): DayScenes | null {
  return days.find((d) => d.date === today) ?? days.find((d) => d.date > today) ?? null;
}

export function localDate(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
