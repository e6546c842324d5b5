/**
 * What a board is showing that its exports should follow (the cost report's period), published by the board
 * and read by the frame's CSV and PDF buttons, which live outside the board's component.
 */
import { useSyncExternalStore } from 'react';
import type { Board } from '../../../shared/boards';

export type BoardView = Readonly<Record<string, string>>;

const EMPTY: BoardView = {};
const views = new Map<Board, BoardView>();
const listeners = new Set<() => void>();

export function setBoardView(board: Board, view: BoardView | null): void {
  if (view === null) views.delete(board);
  else views.set(board, view);
  for (const listener of listeners) listener();
}

export function useBoardView(board: Board): BoardView {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => views.get(board) ?? EMPTY,
  );
}
