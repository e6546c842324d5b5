/**
 * One editable shot row on an offline session, with the board's saved indicator above it: what a director
 * sees of one shot, for tests of a single field's behaviour. Typing helpers that React hears.
 */
import { DEFAULT_PERMISSIONS } from '../../shared/boards';
import type { CastMember } from '../../shared/model/breakdown';
import { addShot, type NewShot } from '../../shared/model/shotlist';
import { ShotRow } from '../../client/src/boards/shotlist/ShotRow';
import { castLookup } from '../../client/src/boards/shotlist/cast';
import { BoardSession, LOCAL_ORIGIN } from '../../client/src/sync/board-session';
import {
  BoardContext,
  useRejections,
  useSessionState,
  type BoardContextValue,
} from '../../client/src/sync/use-board-session';
import { SyncBadge } from '../../client/src/ui/SyncBadge';
import { act, mount } from './render';

function Frame({ value, id, cast }: { value: BoardContextValue; id: string; cast: readonly CastMember[] }) {
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
        cast={castLookup(cast)}
        sceneNumber="12"
        onDragStart={() => undefined}
        dragging={false}
      />
    </BoardContext.Provider>
  );
}

export function mountOneShot(shot: Omit<NewShot, 'sceneId'>, cast: readonly CastMember[] = []) {
  const session = new BoardSession({
    productionId: 'p1',
    board: 'shotlist',
    token: 't',
    serverUrl: 'ws://127.0.0.1:9',
    persist: false,
    connect: false,
  });
  const id = addShot(session.doc, { sceneId: 's12', ...shot } as NewShot, LOCAL_ORIGIN);
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
  const { container } = mount(<Frame value={value} id={id} cast={cast} />);
  const input = (label: string) => container.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`)!;
  const badge = () => container.querySelector<HTMLElement>('[data-testid="sync-status"]')!;
  return { session, container, input, badge };
}

/** Puts `value` in the field as typing would (React's change event), without leaving it. */
export function typeInto(input: HTMLInputElement, value: string) {
  act(() => {
    input.focus();
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export const press = (target: HTMLElement, key: string) =>
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  });
