/**
 * Each board's code is its own chunk, loaded when the board opens, so the first load stays small
 * (the cost report's charts never reach a crew member's tablet unless the code is preloaded for offline).
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Board } from '../../../shared/boards';

const loaders: Record<Board, () => Promise<{ default: ComponentType }>> = {
  breakdown: () => import('./breakdown/BreakdownBoard'),
  shotlist: () => import('./shotlist/ShotListBoard'),
  schedule: () => import('./schedule/ScheduleBoard'),
  moodboard: () => import('./moodboard/MoodBoard'),
  costreport: () => import('./costreport/CostReportBoard'),
  callsheet: () => import('./callsheet/CallSheetBoard'),
  dpr: () => import('./dpr/DprBoard'),
};

export const BOARD_COMPONENTS = Object.fromEntries(
  Object.entries(loaders).map(([board, load]) => [board, lazy(load)]),
) as Record<Board, LazyExoticComponent<ComponentType>>;

/** Fetches every board's code so the service worker can keep it for offline use. */
export async function preloadBoards(
  boards: readonly Board[] = Object.keys(loaders) as Board[],
): Promise<void> {
  await Promise.all(boards.map((b) => loaders[b]().catch(() => undefined)));
}
