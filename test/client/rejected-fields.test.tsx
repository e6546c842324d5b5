// @vitest-environment happy-dom
/**
 * A refused value is shown where it was typed and the board does not look saved while one is held: the
 * shared registry (client/src/sync/rejections.ts) fed by every cell, read by the saved indicator.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PERMISSIONS } from '../../shared/boards';
import { addShot, readShots } from '../../shared/model/shotlist';
import { ShotRow } from '../../client/src/boards/shotlist/ShotRow';
import { castLookup } from '../../client/src/boards/shotlist/cast';
import { BoardSession, LOCAL_ORIGIN } from '../../client/src/sync/board-session';
import {
  BoardContext,
  useRejections,
  useSessionState,
  type BoardContextValue,
} from '../../client/src/sync/use-board-session';
import { Rejections, unsavedFieldsLabel } from '../../client/src/sync/rejections';
import { SyncBadge } from '../../client/src/ui/SyncBadge';
import { act, mount } from './render';

function Frame({ value, id }: { value: BoardContextValue; id: string }) {
  const rejected = useRejections(value.session);
  const state = useSessionState(value.session);
  return (
    <BoardContext.Provider value={value}>
      <SyncBadge state={state} rejected={rejected} />
      <ShotRow
        id={id}
        session={value.session}
        canWrite
        editors={undefined}
        cast={castLookup([])}
        sceneNumber="12"
        onDragStart={() => undefined}
        dragging={false}
      />
    </BoardContext.Provider>
  );
}

function setup() {
  const session = new BoardSession({
    productionId: 'p1',
    board: 'shotlist',
    token: 't',
    serverUrl: 'ws://127.0.0.1:9',
    persist: false,
    connect: false,
  });
  const id = addShot(session.doc, { sceneId: 's12', code: '12A', frameRate: 24 }, LOCAL_ORIGIN);
  const value: BoardContextValue = {
    session,
    productionId: 'p1',
    token: 't',
    canWrite: true,
    permissions: { ...DEFAULT_PERMISSIONS.director, breakdown: 'none', schedule: 'none' },
    memberId: 'm1',
    memberName: 'Ines',
    notify: () => undefined,
  };
  const { container } = mount(<Frame value={value} id={id} />);
  const input = (label: string) => container.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`)!;
  const badge = () => container.querySelector<HTMLElement>('[data-testid="sync-status"]')!;
  return { session, container, input, badge };
}

function type(input: HTMLInputElement, value: string) {
  act(() => {
    input.focus();
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  act(() => input.blur());
}

describe('refused values on a board', () => {
  it('fps "abc": message in words beside the field, aria-invalid, text kept, the badge counts it and leads to it', () => {
    const { session, input, badge } = setup();
    const fps = input('Frame rate');
    expect(badge().textContent).not.toMatch(/field/);
    type(fps, 'abc');

    expect(fps.value).toBe('abc');
    expect(fps.getAttribute('aria-invalid')).toBe('true');
    const describedBy = fps.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    const message = document.getElementById(describedBy!);
    expect(message?.textContent).toMatch(/Frame rate: type a number/);
    // The message is next to the field, in the same cell, and not only a tooltip.
    expect(message?.parentElement).toBe(fps.parentElement);
    expect(readShots(session.doc)[0]!.frameRate).toBe(24);

    expect(badge().dataset.status).toBe('rejected');
    expect(badge().textContent).toBe('1 field not saved');
    act(() => badge().querySelector('button')!.click());
    expect(document.activeElement).toBe(fps);
  });

  it('a second refused field is counted; Escape puts the saved value back and clears the count', () => {
    const { session, input, badge } = setup();
    type(input('Frame rate'), 'abc');
    type(input('Shot'), '2-alt');
    expect(input('Shot').getAttribute('aria-invalid')).toBe('true');
    expect(
      document.getElementById(input('Shot').getAttribute('aria-describedby')!)?.textContent,
    ).toBeTruthy();
    expect(badge().textContent).toBe('2 fields not saved');
    expect(readShots(session.doc)[0]!.code).toBe('12A');

    const fps = input('Frame rate');
    act(() => fps.focus());
    act(() => {
      fps.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(fps.value).toBe('24');
    expect(fps.hasAttribute('aria-invalid')).toBe(false);
    expect(badge().textContent).toBe('1 field not saved');

    // Correcting the text saves it and the board no longer counts the field.
    type(input('Shot'), '12B');
    expect(readShots(session.doc)[0]!.code).toBe('12B');
    expect(input('Shot').hasAttribute('aria-invalid')).toBe(false);
    expect(badge().dataset.status).not.toBe('rejected');
  });

  it('the registry drops a field that goes away, and keeps one entry per field', () => {
    const registry = new Rejections();
    let calls = 0;
    registry.subscribe(() => calls++);
    const focus = () => undefined;
    registry.reject({ id: 'a', label: 'Lens', message: 'too long', focus });
    registry.reject({ id: 'a', label: 'Lens', message: 'too long', focus });
    expect(registry.list()).toHaveLength(1);
    expect(calls).toBe(1);
    const before = registry.list();
    registry.reject({ id: 'b', label: 'Fps', message: 'type a number', focus });
    expect(registry.list()).not.toBe(before);
    registry.clear('a');
    registry.clear('a');
    expect(registry.list().map((r) => r.id)).toEqual(['b']);
    expect(calls).toBe(3);
    expect(unsavedFieldsLabel(1)).toBe('1 field not saved');
    expect(unsavedFieldsLabel(3)).toBe('3 fields not saved');
  });
});
