// @vitest-environment happy-dom
import { Profiler, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addShot, shotText, shotlistRoots, updateShot } from '../../shared/model/shotlist';
import { BoardSession, LOCAL_ORIGIN } from '../../client/src/sync/board-session';
import { useY } from '../../client/src/sync/use-y';
import { indexEqual, readIndex } from '../../client/src/boards/shotlist/rows';
import { ShotRow } from '../../client/src/boards/shotlist/ShotRow';
import { castLookup } from '../../client/src/boards/shotlist/cast';
import { act, mount } from './render';

function offlineSession(): BoardSession {
  const session = new BoardSession({
    productionId: 'p1',
    board: 'shotlist',
    token: 't',
    serverUrl: 'ws://127.0.0.1:9',
    persist: false,
    connect: false,
  });
  return session;
}

function seed(doc: Y.Doc, count: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(addShot(doc, { sceneId: 'scene1', sceneNumber: '12', description: `shot ${i}` }, LOCAL_ORIGIN));
  }
  return ids;
}

describe('Yjs to React binding', () => {
  it('re-renders a selector component only when its selected value changes', () => {
    const doc = new Y.Doc();
    const map = doc.getMap<number>('m');
    let renders = 0;
    function Probe() {
      renders++;
      const a = useY(map, (m) => m?.get('a') ?? 0);
      return <span data-testid="a">{a}</span>;
    }
    const { container } = mount(<Probe />);
    expect(renders).toBe(1);
    act(() => map.set('b', 1));
    expect(renders).toBe(1);
    act(() => map.set('a', 5));
    expect(renders).toBe(2);
    expect(container.textContent).toBe('5');
  });

  it('a keystroke in one shot re-renders that row only, and leaves the board index unchanged', () => {
    const session = offlineSession();
    const ids = seed(session.doc, 3);
    const counts = new Map<string, number>();
    const profiled = (id: string, node: ReactNode) => (
      <Profiler key={id} id={id} onRender={(pid) => counts.set(pid, (counts.get(pid) ?? 0) + 1)}>
        {node}
      </Profiler>
    );
    const cast = castLookup([]);
    mount(
      <div>
        {ids.map((id) =>
          profiled(
            id,
            <ShotRow
              id={id}
              session={session}
              canWrite
              editors={undefined}
              cast={cast}
              sceneNumber="12"
              onDragStart={() => undefined}
              dragging={false}
            />,
          ),
        )}
      </div>,
    );
    const before = new Map(counts);
    const indexBefore = readIndex(shotlistRoots(session.doc).shots);
    act(() => session.transact(() => shotText(session.doc, ids[1]!, 'description').insert(0, 'x')));
    expect(counts.get(ids[1]!)).toBe((before.get(ids[1]!) ?? 0) + 1);
    expect(counts.get(ids[0]!)).toBe(before.get(ids[0]!));
    expect(counts.get(ids[2]!)).toBe(before.get(ids[2]!));
    expect(indexEqual(indexBefore, readIndex(shotlistRoots(session.doc).shots))).toBe(true);

    // A status change is what the board must see (filters, totals).
    updateShot(session.doc, ids[1]!, { status: 'done' }, LOCAL_ORIGIN);
    expect(indexEqual(indexBefore, readIndex(shotlistRoots(session.doc).shots))).toBe(false);
    session.destroy();
  });

  it('read-only rows show values but no inputs, handles or buttons', () => {
    const session = offlineSession();
    const [id] = seed(session.doc, 1);
    const { container } = mount(
      <ShotRow
        id={id!}
        session={session}
        canWrite={false}
        editors={undefined}
        cast={castLookup([])}
        sceneNumber="12"
        onDragStart={() => undefined}
        dragging={false}
      />,
    );
    expect(container.querySelector('[data-testid="shot-row"]')?.textContent).toContain('shot 0');
    expect(
      container.querySelectorAll('input, select, textarea, button, .drag-handle[role="button"]'),
    ).toHaveLength(0);
    session.destroy();
  });

  it('undo reverts only this device’s edits, not a collaborator’s', () => {
    const session = offlineSession();
    const [id] = seed(session.doc, 1);
    session.undo.clear();
    updateShot(session.doc, id!, { lens: '50mm' }, LOCAL_ORIGIN);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(session.doc));
    updateShot(peer, id!, { setup: 'B' }, 'peer');
    Y.applyUpdate(
      session.doc,
      Y.encodeStateAsUpdate(peer, Y.encodeStateVector(session.doc)),
      session.provider,
    );
    session.undo.undo();
    const e = shotlistRoots(session.doc).shots.get(id!)!;
    expect(e.get('lens')).toBe('35mm');
    expect(e.get('setup')).toBe('B');
    session.destroy();
  });
});
