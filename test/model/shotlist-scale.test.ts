import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addShot,
  addShots,
  compareOrdered,
  keyAfter,
  keyAfterUnsorted,
  lastOrdered,
  migrate,
  ModelError,
  readShots,
  type NewShot,
} from '../../shared/model/index';

function shotlist(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = 7;
  migrate('shotlist', doc);
  return doc;
}

function inputs(count: number): NewShot[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `shot${i}`,
    sceneId: `scene${i % 40}`,
    sceneNumber: String((i % 40) + 1),
  }));
}

function fingerprint(doc: Y.Doc): string[] {
  return readShots(doc, 'script').map((s) => `${s.id} ${s.code} ${s.scriptOrder} ${s.shootOrder}`);
}

describe('adding shots at scale', () => {
  it('keyAfterUnsorted and lastOrdered give exactly what the sorting versions give (seeded)', () => {
    const item = fc.record({
      key: fc.constantFrom('1', '2', '2', '3', 'V', 'V1', 'z'),
      id: fc.nat({ max: 50 }).map((n) => `id${n}`),
    });
    fc.assert(
      fc.property(fc.uniqueArray(item, { selector: (i) => i.id, maxLength: 12 }), fc.nat(), (items, pick) => {
        const sorted = [...items].sort(compareOrdered);
        expect(lastOrdered(items)).toEqual(sorted.at(-1) ?? null);
        const afterId =
          pick % (items.length + 1) === items.length ? null : items[pick % (items.length + 1)]!.id;
        expect(keyAfterUnsorted(items, afterId, 42)).toBe(keyAfter(sorted, afterId, 42));
      }),
      { seed: 20_261_122, numRuns: 500 },
    );
  });

  it('addShots gives the same ids, codes and keys as addShot one by one', () => {
    const one = shotlist();
    for (const input of inputs(300)) addShot(one, input);
    const bulk = shotlist();
    addShots(bulk, inputs(300));
    expect(fingerprint(bulk)).toEqual(fingerprint(one));
    expect(
      fingerprint(bulk)
        .slice(0, 3)
        .map((row) => row.split(' ')[1]),
    ).toEqual(['1', '1A', '1B']);
  });

  it('addShots validates every input before writing any', () => {
    const doc = shotlist();
    const batch = [...inputs(5), { id: 'shot2', sceneId: 'scene9', sceneNumber: '9' }];
    expect(() => addShots(doc, batch)).toThrow(ModelError);
    expect(readShots(doc)).toHaveLength(0);
  });

  it('builds a 1,000-shot list in one call, and one by one, to the same list', () => {
    const bulk = shotlist();
    addShots(bulk, inputs(1_000));
    const single = shotlist();
    for (const input of inputs(1_000)) addShot(single, input);
    expect(readShots(bulk)).toHaveLength(1_000);
    // Speed is measured by the bench, never asserted here: a loaded CI machine would make a bound flaky.
    expect(fingerprint(single)).toEqual(fingerprint(bulk));
  });
});
