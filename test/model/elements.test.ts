import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addElement,
  addScene,
  deleteElement,
  migrate,
  ModelError,
  readBreakdown,
  readScene,
  schemaVersion,
  sceneElementsByCategory,
  tagElement,
  tagElementByName,
  untagElement,
  updateElement,
  updateScene,
} from '../../shared/model/index';

function breakdown() {
  const doc = new Y.Doc();
  addScene(doc, { id: 's1', number: '1', intExt: 'EXT', set: 'ROAD', time: 'DAY', eighths: 4 });
  addScene(doc, { id: 's2', number: '2', intExt: 'EXT', set: 'FARM', time: 'DAY', eighths: 8 });
  return doc;
}

describe('breakdown elements', () => {
  it('one element serves several scenes and a rename shows in all of them', () => {
    const doc = breakdown();
    const truck = addElement(doc, { category: 'vehicles', name: 'Red pickup truck' });
    tagElement(doc, 's1', truck);
    tagElement(doc, 's2', truck);
    updateElement(doc, truck, { name: 'Blue pickup truck' });
    const b = readBreakdown(doc);
    for (const scene of b.scenes) {
      expect(
        sceneElementsByCategory(scene, b.elements)
          .get('vehicles')!
          .map((t) => t.element.name),
      ).toEqual(['Blue pickup truck']);
    }
  });

  it('background carries a count per scene', () => {
    const doc = breakdown();
    const id = tagElementByName(doc, 's1', 'background', 'Dock workers', 12);
    tagElementByName(doc, 's2', 'background', 'dock  workers', 4);
    expect(readBreakdown(doc).elements).toEqual([{ id, category: 'background', name: 'Dock workers' }]);
    expect(readScene(doc, 's1')!.elements).toEqual([{ elementId: id, count: 12 }]);
    expect(readScene(doc, 's2')!.elements).toEqual([{ elementId: id, count: 4 }]);
  });

  it('names are unique within a category, free across categories, and refuse ";"', () => {
    const doc = breakdown();
    addElement(doc, { category: 'props', name: 'Lantern' });
    expect(() => addElement(doc, { category: 'props', name: 'lantern' })).toThrow(
      /already a props element called Lantern/,
    );
    addElement(doc, { category: 'set-dressing', name: 'Lantern' });
    expect(() => addElement(doc, { category: 'props', name: 'Rope; net' })).toThrow(ModelError);
    expect(() => addElement(doc, { category: 'weapons' as never, name: 'Knife' })).toThrow(ModelError);
  });

  it('two people tagging different elements on one scene both keep their tag', () => {
    const a = breakdown();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const lantern = tagElementByName(a, 's1', 'props', 'Lantern');
    const dog = tagElementByName(b, 's1', 'animals', 'Sheepdog');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(
      readScene(a, 's1')!
        .elements.map((e) => e.elementId)
        .sort(),
    ).toEqual([dog, lantern].sort());
    expect(readBreakdown(b)).toEqual(readBreakdown(a));
  });

  it('untagging and deleting remove the element from scenes; scene updates keep the tags', () => {
    const doc = breakdown();
    const lantern = tagElementByName(doc, 's1', 'props', 'Lantern');
    const rope = tagElementByName(doc, 's1', 'props', 'Rope');
    tagElement(doc, 's2', rope);
    updateScene(doc, 's1', { set: 'OLD ROAD' });
    untagElement(doc, 's1', lantern);
    expect(readScene(doc, 's1')!.elements.map((e) => e.elementId)).toEqual([rope]);
    deleteElement(doc, rope);
    expect(readBreakdown(doc).scenes.map((s) => s.elements)).toEqual([[], []]);
    expect(readBreakdown(doc).elements.map((e) => e.name)).toEqual(['Lantern']);
  });

  it('a version-1 breakdown migrates to version 2 with its scenes unchanged and no elements', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      doc.getMap('meta').set('schemaVersion', 1);
      doc.getMap('meta').set('board', 'breakdown');
      const scene = new Y.Map<unknown>();
      scene.set('number', '1');
      scene.set('set', 'ROAD');
      (doc.getMap('scenes') as Y.Map<Y.Map<unknown>>).set('s1', scene);
    });
    expect(() => tagElementByName(doc, 's1', 'props', 'Lantern')).toThrow(/needs migrating/);
    expect(migrate('breakdown', doc)).toEqual({ from: 1, to: 2 });
    expect(schemaVersion(doc)).toBe(2);
    expect(readScene(doc, 's1')).toMatchObject({ number: '1', set: 'ROAD', elements: [] });
    tagElementByName(doc, 's1', 'props', 'Lantern');
    expect(readScene(doc, 's1')!.elements).toHaveLength(1);
  });
});
