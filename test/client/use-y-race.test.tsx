// @vitest-environment happy-dom
/**
 * The initial sync can land after a board rendered but before its subscriptions were attached (React attaches
 * them in an effect). The board must still show the data, not an empty list until the next edit.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useDoc, useY } from '../../client/src/sync/use-y';
import { mount } from './render';

function Count({ map }: { map: Y.Map<number> }) {
  const size = useY(map, (m) => m?.size ?? 0);
  return <p data-testid="size">{size}</p>;
}

function DocCount({ doc }: { doc: Y.Doc }) {
  const size = useDoc(doc, (d) => d?.getMap('shots').size ?? 0);
  return <p data-testid="doc-size">{size}</p>;
}

/** Renders after its siblings and changes the map during that render: before their effects have run. */
function LateSync({ doc }: { doc: Y.Doc }) {
  if (doc.getMap('shots').size === 0) {
    const remote = new Y.Doc();
    remote.getMap('shots').set('s1', 1);
    remote.getMap('shots').set('s2', 2);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote));
  }
  return null;
}

describe('useY and useDoc', () => {
  it('show a change that arrived between the render and the subscription', () => {
    const doc = new Y.Doc();
    const map = doc.getMap<number>('shots');
    const { container } = mount(
      <>
        <Count map={map} />
        <DocCount doc={doc} />
        <LateSync doc={doc} />
      </>,
    );
    expect(container.querySelector('[data-testid="size"]')!.textContent).toBe('2');
    expect(container.querySelector('[data-testid="doc-size"]')!.textContent).toBe('2');
  });
});
