/** A tiny React harness for component tests under happy-dom: mount, act, and unmount on teardown. */
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { onTestFinished } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Mounted {
  container: HTMLElement;
  root: Root;
  rerender(node: ReactNode): void;
}

export function mount(node: ReactNode): Mounted {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  act(() => root.render(node));
  onTestFinished(() => {
    act(() => root.unmount());
    container.remove();
  });
  return { container, root, rerender: (next) => act(() => root.render(next)) };
}

export { act };
