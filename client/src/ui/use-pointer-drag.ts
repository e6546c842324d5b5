/**
 * Drag with pointer events, so a mouse, a pen and a finger all work the same. The element under the pointer
 * decides the target: an item (`data-item-id`, upper or lower half) or an empty container
 * (`data-drop-container`, e.g. a day with no strips). Handles need `touch-action: none` in CSS.
 */
import { useCallback, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';

export interface DropTarget {
  itemId: string | null;
  below: boolean;
  container: string | null;
}

export interface DragState {
  draggingId: string | null;
  target: DropTarget | null;
}

export function findTarget(x: number, y: number): DropTarget | null {
  const hit = document.elementFromPoint(x, y);
  const item = hit?.closest<HTMLElement>('[data-item-id]');
  if (item?.dataset.itemId) {
    const rect = item.getBoundingClientRect();
    const container = item.closest<HTMLElement>('[data-drop-container]')?.dataset.dropContainer ?? null;
    return { itemId: item.dataset.itemId, below: y > rect.top + rect.height / 2, container };
  }
  const container = hit?.closest<HTMLElement>('[data-drop-container]')?.dataset.dropContainer;
  return container !== undefined ? { itemId: null, below: false, container } : null;
}

export function usePointerDrag(onDrop: (id: string, target: DropTarget) => void) {
  const [state, setState] = useState<DragState>({ draggingId: null, target: null });
  const dropRef = useRef(onDrop);
  dropRef.current = onDrop;

  const start = useCallback((id: string, event: ReactPointerEvent) => {
    event.preventDefault();
    let target: DropTarget | null = null;
    setState({ draggingId: id, target: null });
    const move = (e: PointerEvent) => {
      const next = findTarget(e.clientX, e.clientY);
      if (!next) return;
      target = next;
      setState({ draggingId: id, target: next });
    };
    const finish = (drop: boolean) => () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', cancel);
      setState({ draggingId: null, target: null });
      if (drop && target && target.itemId !== id) dropRef.current(id, target);
    };
    const up = finish(true);
    const cancel = finish(false);
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', cancel);
  }, []);

  return { ...state, start };
}
