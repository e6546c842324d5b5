// @vitest-environment happy-dom
/**
 * Every board renders a damaged document (random values of random types in every root and entry, seeded as
 * in test/model/fuzz.test.ts) without throwing; an editor sees "N damaged items" with a button that removes
 * them, a reader sees the count without the button.
 */
import { Suspense, act, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import * as Y from 'yjs';
import { BOARDS, type Access, type Board } from '../../shared/boards';
import { countDamage } from '../../shared/model/damage';
import { schemaVersion, SCHEMA_VERSIONS } from '../../shared/model/schema-version';
import BreakdownBoard from '../../client/src/boards/breakdown/BreakdownBoard';
import CallSheetBoard from '../../client/src/boards/callsheet/CallSheetBoard';
import CostReportBoard from '../../client/src/boards/costreport/CostReportBoard';
import DprBoard from '../../client/src/boards/dpr/DprBoard';
import MoodBoard from '../../client/src/boards/moodboard/MoodBoard';
import ScheduleBoard from '../../client/src/boards/schedule/ScheduleBoard';
import ShotListBoard from '../../client/src/boards/shotlist/ShotListBoard';
import { BoardSession } from '../../client/src/sync/board-session';
import { BoardContext, type BoardContextValue } from '../../client/src/sync/use-board-session';
import { damage, demoDocument, random } from '../helpers/fuzz-documents';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const COMPONENTS: Record<Board, ComponentType> = {
  breakdown: BreakdownBoard,
  shotlist: ShotListBoard,
  schedule: ScheduleBoard,
  moodboard: MoodBoard,
  costreport: CostReportBoard,
  callsheet: CallSheetBoard,
  dpr: DprBoard,
};

function context(board: Board, state: Uint8Array, canWrite: boolean): BoardContextValue {
  const session = new BoardSession({
    productionId: 'p1',
    board,
    token: 't',
    serverUrl: 'ws://127.0.0.1:9',
    persist: false,
    connect: false,
  });
  Y.applyUpdate(session.doc, state);
  onTestFinished(() => session.destroy());
  // Only this board: no companion board may open a socket in a component test.
  const permissions = Object.fromEntries(
    BOARDS.map((b) => [b, b === board ? (canWrite ? 'write' : 'read') : 'none']),
  );
  return {
    session,
    productionId: 'p1',
    token: 't',
    canWrite,
    permissions: permissions as Record<Board, Access>,
    memberId: 'm1',
    memberName: 'Ana',
    notify: () => undefined,
  };
}

/** Mounts and collects every error React reports (a render error would otherwise only be logged). */
function render(board: Board, value: BoardContextValue): { container: HTMLElement; errors: unknown[] } {
  const errors: unknown[] = [];
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container, {
    onUncaughtError: (error) => errors.push(error),
    onCaughtError: (error) => errors.push(error),
  });
  const Component = COMPONENTS[board];
  act(() =>
    root.render(
      <BoardContext.Provider value={value}>
        <Suspense fallback={null}>
          <Component />
        </Suspense>
      </BoardContext.Provider>,
    ),
  );
  onTestFinished(() => {
    act(() => root.unmount());
    container.remove();
  });
  return { container, errors };
}

const notice = (container: HTMLElement) =>
  container.querySelector<HTMLElement>('[data-testid="damaged-items"]');

describe('boards with damaged documents', () => {
  // One case per seed and board, each with its own stream, so a board added later neither shifts the others'
  // values nor stretches one case past the timeout on a busy machine.
  it.each([3, 20_251_205].flatMap((seed) => BOARDS.map((board, i) => [seed, board, seed + i] as const)))(
    '[seed %i] %s renders, shows the count, and an editor removes them',
    (_seed, board, stream) => {
      const r = random(stream);
      for (let run = 0; run < 2; run++) {
        const doc = demoDocument(board);
        damage(board, doc, r, 30);
        const state = Y.encodeStateAsUpdate(doc);
        const count = countDamage(board, doc);

        const reader = render(board, context(board, state, false));
        expect(reader.errors, `${board} run ${run} (reader)`).toEqual([]);
        if (count > 0) {
          expect(notice(reader.container)?.textContent).toContain(`${count} damaged item`);
          expect(notice(reader.container)?.querySelector('button')).toBeNull();
        }

        const value = context(board, state, true);
        const editor = render(board, value);
        expect(editor.errors, `${board} run ${run} (editor)`).toEqual([]);
        if (count === 0) {
          expect(notice(editor.container)).toBeNull();
          continue;
        }
        const button = [...notice(editor.container)!.querySelectorAll('button')].find(
          (b) => b.textContent === 'Remove damaged items',
        )!;
        act(() => button.click());
        expect(editor.errors, `${board} run ${run} (after removing)`).toEqual([]);
        const version = schemaVersion(doc);
        if (Number.isInteger(version) && version > SCHEMA_VERSIONS[board]) {
          // A newer app's document, as far as this one can tell: refused, and said so where the button is.
          expect(notice(editor.container)?.querySelector('[role=alert]')?.textContent).toContain('Reload');
          continue;
        }
        expect(countDamage(board, value.session.doc)).toBe(0);
        expect(notice(editor.container)).toBeNull();
      }
    },
  );

  it('a mood-board card that is a string leaves the board working, with "1 damaged item"', () => {
    const doc = demoDocument('moodboard');
    doc.getMap('cards').set('broken', 'not a card');
    const { container, errors } = render('moodboard', context('moodboard', Y.encodeStateAsUpdate(doc), true));
    expect(errors).toEqual([]);
    expect(container.querySelectorAll('[data-testid="mood-card"]').length).toBeGreaterThan(0);
    expect(notice(container)?.textContent).toContain('1 damaged item');
  });

  it('the count follows damage that arrives while the board is open, recounted once the edits settle', () => {
    vi.useFakeTimers();
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const value = context('moodboard', Y.encodeStateAsUpdate(demoDocument('moodboard')), false);
    const { container, errors } = render('moodboard', value);
    expect(notice(container)).toBeNull();
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(value.session.doc));
    remote.getMap('cards').set('broken', 42);
    remote.getMap('boards').set('also-broken', 'x');
    act(() => Y.applyUpdate(value.session.doc, Y.encodeStateAsUpdate(remote), 'remote'));
    act(() => vi.advanceTimersByTime(300));
    expect(errors).toEqual([]);
    expect(notice(container)?.textContent).toContain('2 damaged items');
  });

  it('an image card pointing elsewhere renders as a link, never an <img>; a javascript: link as plain text', () => {
    const doc = demoDocument('moodboard');
    const boardId = [...doc.getMap('boards').keys()].sort()[0]!;
    const card = (id: string, fields: Record<string, unknown>) => {
      const e = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ boardId, sectionId: null, order: '0', caption: id, ...fields }))
        e.set(k, v);
      doc.getMap('cards').set(id, e);
    };
    card('outside', { kind: 'image', image: 'https://evil.example/pixel.png' });
    card('script', { kind: 'link', url: 'javascript:alert(1)' });
    card('web', { kind: 'link', url: 'https://example.com/look' });
    const { container, errors } = render('moodboard', context('moodboard', Y.encodeStateAsUpdate(doc), true));
    expect(errors).toEqual([]);
    const srcs = [...container.querySelectorAll('img')].map((img) => img.getAttribute('src') ?? '');
    expect(srcs.some((src) => src.includes('evil.example'))).toBe(false);
    const hrefs = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toContain('https://evil.example/pixel.png');
    expect(hrefs).toContain('https://example.com/look');
    expect(hrefs.some((href) => href?.startsWith('javascript:'))).toBe(false);
    expect(container.textContent).toContain('javascript:alert(1)');
  });
});
