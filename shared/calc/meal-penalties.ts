/**
 * A cast member's meal penalties on the production report, by the rules of domain.md: the first meal no
 * earlier than 3 hours and no later than 6 hours after their call (the time they reported), the second meal
 * 6 hours after returning from the first, and each half hour (or part of one) a meal is late is one penalty.
 * Working on past a due meal until dismissed counts the same way. A first meal started less than 3 hours
 * after call does not count as the meal (the 6-hour clock keeps running from call), and is flagged.
 *
 * Worked examples (times on the shooting day's clock):
 *   report 06:00, meal 12:00-12:30, dismissed 17:00            -> 0 (due 12:00, next due 18:30)
 *   report 06:00, meal 12:45-13:15, dismissed 19:00            -> 2 (45 minutes late: two started half hours)
 *   report 07:00, meal 13:00-13:30, dismissed 20:15            -> 2 (second meal due 19:30, dismissed 45 late)
 *   report 06:00, meal 08:30-09:00 (early), dismissed 13:00    -> 2 (the early meal does not count: due 12:00)
 */
import { fromMinutes, toMinutes } from './clock';

export interface MealRules {
  /** The first meal counts only from this long after call. */
  earliestMinutes: number;
  /** A meal is due this long after call, and the next this long after the last one ended. */
  dueMinutes: number;
  /** Each started period of this length a meal is late is one penalty. */
  periodMinutes: number;
}

export const DEFAULT_MEAL_RULES: MealRules = { earliestMinutes: 180, dueMinutes: 360, periodMinutes: 30 };

export interface MealTimes {
  report: string | null;
  mealOut: string | null;
  mealIn: string | null;
  meal2Out: string | null;
  meal2In: string | null;
  dismissed: string | null;
}

export interface MealLate {
  /** Which meal: 1 first, 2 second; 'dismissal' when they worked past a due meal until dismissed. */
  meal: 1 | 2 | 'dismissal';
  dueAt: string;
  at: string;
  lateMinutes: number;
  penalties: number;
}

export interface MealPenalties {
  /** Null when no report time is typed: nothing to count from. */
  penalties: number | null;
  late: MealLate[];
  /** The first meal was called before it could count (less than `earliestMinutes` after call). */
  earlyMeal: boolean;
  /** False until the dismissal time is typed: the count may still grow. */
  complete: boolean;
}

export function mealPenalties(times: MealTimes, rules: MealRules = DEFAULT_MEAL_RULES): MealPenalties {
  if (times.report === null) return { penalties: null, late: [], earlyMeal: false, complete: false };
  const min = (t: string | null) => (t === null ? null : toMinutes(t));
  const report = toMinutes(times.report);
  const periods = (late: number) => (late > 0 ? Math.ceil(late / rules.periodMinutes) : 0);
  const late: MealLate[] = [];
  let earlyMeal = false;
  let due: number | null = report + rules.dueMinutes;
  let meal: 1 | 2 = 1;
  for (const [out, back] of [
    [min(times.mealOut), min(times.mealIn)],
    [min(times.meal2Out), min(times.meal2In)],
  ] as const) {
    if (out === null || due === null) break;
    if (meal === 1 && out < report + rules.earliestMinutes) {
      earlyMeal = true;
      continue;
    }
    const n = periods(out - due);
    if (n > 0)
      late.push({
        meal,
        dueAt: fromMinutes(due),
        at: fromMinutes(out),
        lateMinutes: out - due,
        penalties: n,
      });
    due = back === null ? null : back + rules.dueMinutes;
    meal = 2;
  }
  const dismissed = min(times.dismissed);
  if (due !== null && dismissed !== null && periods(dismissed - due) > 0) {
    late.push({
      meal: 'dismissal',
      dueAt: fromMinutes(due),
      at: fromMinutes(dismissed),
      lateMinutes: dismissed - due,
      penalties: periods(dismissed - due),
    });
  }
  return {
    penalties: late.reduce((n, x) => n + x.penalties, 0),
    late,
    earlyMeal,
    complete: dismissed !== null,
  };
}
