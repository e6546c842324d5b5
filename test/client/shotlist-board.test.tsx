// @vitest-environment happy-dom
import { Suspense } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_PERMISSIONS } from '../../shared/boards';
import { addShots } from '../../shared/model/shotlist';
import { BoardSession, LOCAL_ORIGIN } from '../../client/src/sync/board-session';
import { BoardContext, type BoardContextValue } from '../../client/src/sync/use-board-session';
import ShotListBoard from '../../client/src/boards/shotlist/ShotListBoard';
import { act, mount } from './render';

// happy-dom has no layout: give the list's scroll box a tablet-sized rect so the virtualiser renders rows.
for (const [prop, size] of [
  ['clientWidth', 1024],
  ['clientHeight', 600],
] as const) {
  const real = Object.getOwnPropertyDescriptor(Element.prototype, prop)!;
  Object.defineProperty(HTMLElement.prototype, prop, {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.testid === 'shot-scroll' ? size : real.get!.call(this);
    },
  });
}

function seeded(count: number): Uint8Array {
  const doc = new Y.Doc();
  addShots(
    doc,
    Array.from({ length: count }, (_, i) => ({
      sceneId: `scene${Math.floor(i / 10)}`,
      code: `${Math.floor(i / 10) + 1}`,
    })),
    LOCAL_ORIGIN,
  );
  return Y.encodeStateAsUpdate(doc);
}

let large: Uint8Array;
beforeAll(() => {
  // Built once per file; 400 shots here (the E2E suite times the real 1,000-shot list in Chromium).
  large = seeded(400);
});

function context(canWrite: boolean, shots: Uint8Array): BoardContextValue {
  const session = new BoardSession({
    productionId: 'p1',
    board: 'shotlist',
    token: 't',
    serverUrl: 'ws://127.0.0.1:9',
    persist: false,
    connect: false,
  });
  Y.applyUpdate(session.doc, shots);
  return {
    session,
    productionId: 'p1',
    token: 't',
    canWrite,
    // No companion boards: nothing may open a socket in a component test.
    permissions: { ...DEFAULT_PERMISSIONS.crew, breakdown: 'none', schedule: 'none' },
    memberId: 'm1',
    memberName: 'Ana',
    notify: () => undefined,
  };
}

describe('shot list board', () => {
  it('renders a 400-shot list virtualised, and a reader gets no edit controls', () => {
    const value = context(false, large);
    const started = performance.now();
    const { container } = mount(
      <BoardContext.Provider value={value}>
        <Suspense fallback={null}>
          <ShotListBoard />
        </Suspense>
      </BoardContext.Provider>,
    );
    const elapsed = performance.now() - started;
    const rows = container.querySelectorAll('[data-testid="shot-row"]').length;
    console.log(
      `[measure] 400-shot list first render (happy-dom): ${elapsed.toFixed(0)} ms, ${rows} rows in the DOM`,
    );
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(100);
    expect(container.textContent).not.toContain('+ Shot');
    expect(container.querySelectorAll('.drag-handle[role="button"]')).toHaveLength(0);
    value.session.destroy();
  });

  it('shoot mode leaves one status button per shot for a writer', () => {
    const value = context(true, seeded(5));
    const { container } = mount(
      <BoardContext.Provider value={value}>
        <ShotListBoard />
      </BoardContext.Provider>,
    );
    const toggle = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Shoot mode')!;
    act(() => toggle.click());
    const cards = container.querySelectorAll('[data-testid="shoot-card"]');
    expect(cards.length).toBe(5);
    for (const card of cards) {
      expect(card.querySelectorAll('button')).toHaveLength(1);
      expect(card.querySelectorAll('input, select, textarea')).toHaveLength(0);
    }
    act(() => (cards[0]!.querySelector('button') as HTMLButtonElement).click());
    expect(container.querySelector('[data-testid="shoot-card"] button')?.textContent).toBe('Mark done');
    value.session.destroy();
  });
});
