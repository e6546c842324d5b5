/**
 * The lists a production extends (shot sizes, movements, cameras, frame rates), deleting a shot with undo,
 * and the shot list CSV against a production's lists (API.md C5).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedDemoBoard } from '../../shared/demo/index';
import { CsvImportError } from '../../shared/csv/errors';
import { exportShotList, importShotList } from '../../shared/csv/shotlist';
import {
  addShot,
  addVocabularyTerm,
  countDamage,
  deleteShot,
  LENS_MAX,
  ModelError,
  readBreakdown,
  readShot,
  readShots,
  readVocabularies,
  removeVocabularyTerm,
  updateShot,
} from '../../shared/model/index';

function caught(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected it to throw');
}

function syncBoth(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function shotlistWithOneShot(): { doc: Y.Doc; id: string } {
  const doc = new Y.Doc();
  const id = addShot(doc, { sceneId: 'scene-1', sceneNumber: '1' });
  return { doc, id };
}

describe('vocabularies a production can extend', () => {
  it('offers the defaults as before: ten sizes, ten movements, cameras A-C and the common frame rates', () => {
    const lists = readVocabularies(new Y.Doc());
    expect(lists.size).toEqual(['EWS', 'WS', 'FS', 'MS', 'MCU', 'CU', 'ECU', 'INSERT', 'TWO-SHOT', 'OTS']);
    expect(lists.movement).toHaveLength(10);
    expect(lists.camera).toEqual(['A', 'B', 'C']);
    expect(lists.frameRate).toContain('23.976');
  });

  it('a camera D is refused until the production adds it, then accepted and read back', () => {
    const { doc, id } = shotlistWithOneShot();
    const refused = caught(() => updateShot(doc, id, { camera: 'D' }));
    expect(refused).toBeInstanceOf(ModelError);
    expect(refused.message).toMatch(/camera: must be one of A, B, C .*Edit lists.*got "D"/);
    expect(readShot(doc, id)!.camera).toBe('A');
    expect(addVocabularyTerm(doc, 'camera', ' D ')).toBe('D');
    expect(readVocabularies(doc).camera).toEqual(['A', 'B', 'C', 'D']);
    updateShot(doc, id, { camera: 'D' });
    expect(readShot(doc, id)!.camera).toBe('D');
    expect(countDamage('shotlist', doc)).toBe(0);
  });

  it('extras follow the defaults in order; frame rates by value, written one way', () => {
    const doc = new Y.Doc();
    addVocabularyTerm(doc, 'frameRate', '120.0');
    addVocabularyTerm(doc, 'frameRate', '100');
    addVocabularyTerm(doc, 'size', 'CHOKER');
    addVocabularyTerm(doc, 'size', 'AERIAL');
    expect(readVocabularies(doc).frameRate.slice(-2)).toEqual(['100', '120']);
    expect(readVocabularies(doc).size.slice(-2)).toEqual(['AERIAL', 'CHOKER']);
  });

  it('refuses a duplicate (in any case), a blank, an overlong value and a frame rate out of range', () => {
    const doc = new Y.Doc();
    expect(caught(() => addVocabularyTerm(doc, 'size', 'cu')).message).toMatch(/cu is already in the list/);
    expect(caught(() => addVocabularyTerm(doc, 'frameRate', '24.000')).message).toMatch(/already/);
    expect(caught(() => addVocabularyTerm(doc, 'camera', '  ')).message).toMatch(/required/);
    expect(caught(() => addVocabularyTerm(doc, 'movement', 'x'.repeat(25))).message).toMatch(/24 characters/);
    expect(caught(() => addVocabularyTerm(doc, 'frameRate', 'fast')).message).toMatch(/number/);
    expect(doc.getMap('vocabularies').size).toBe(0);
  });

  it('removing an added value keeps it on the shots that use it; a default cannot be removed', () => {
    const { doc, id } = shotlistWithOneShot();
    addVocabularyTerm(doc, 'movement', 'slider');
    updateShot(doc, id, { movement: 'slider' });
    removeVocabularyTerm(doc, 'movement', 'slider');
    expect(readVocabularies(doc).movement).not.toContain('slider');
    expect(readShot(doc, id)!.movement).toBe('slider');
    expect(countDamage('shotlist', doc)).toBe(0);
    expect(caught(() => removeVocabularyTerm(doc, 'camera', 'A')).message).toMatch(/default/);
    expect(caught(() => updateShot(doc, id, { movement: 'slider' })).message).toMatch(/must be one of/);
  });

  it('two tablets adding D and E at once both keep theirs; both adding D keep one D', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addShot(a, { sceneId: 'scene-1', sceneNumber: '1' });
    syncBoth(a, b);
    addVocabularyTerm(a, 'camera', 'D');
    addVocabularyTerm(b, 'camera', 'E');
    addVocabularyTerm(b, 'camera', 'D');
    syncBoth(a, b);
    expect(readVocabularies(a).camera).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(readVocabularies(b)).toEqual(readVocabularies(a));
  });

  it('a broken entry in the lists is skipped and counted as damage', () => {
    const doc = new Y.Doc();
    addVocabularyTerm(doc, 'camera', 'D');
    const bad = new Y.Map<unknown>();
    bad.set('kind', 'camera');
    bad.set('value', 42);
    doc.getMap('vocabularies').set('camera:42', bad);
    expect(readVocabularies(doc).camera).toEqual(['A', 'B', 'C', 'D']);
    expect(countDamage('shotlist', doc)).toBe(1);
  });

  it(`lens text up to ${LENS_MAX} characters is kept whole; longer is refused, saying the limit`, () => {
    const { doc, id } = shotlistWithOneShot();
    const lens = '24-70mm T2.8 Cooke S4/i anamorphic, diopter +1';
    updateShot(doc, id, { lens });
    expect(readShot(doc, id)!.lens).toBe(lens);
    expect(caught(() => updateShot(doc, id, { lens: 'x'.repeat(LENS_MAX + 1) })).message).toBe(
      `lens: is longer than ${LENS_MAX} characters`,
    );
  });
});

describe('deleting a shot', () => {
  it('removes it for every replica, and an undo manager on the shot list restores it whole', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const id = addShot(a, { sceneId: 'scene-12', sceneNumber: '12', description: 'Wide on the pier' });
    updateShot(a, id, { lens: '85mm' });
    syncBoth(a, b);
    const origin = { who: 'director' };
    const undo = new Y.UndoManager([a.getMap('shots')], { trackedOrigins: new Set([origin]) });
    deleteShot(a, id, origin);
    syncBoth(a, b);
    expect(readShots(b)).toEqual([]);
    undo.undo();
    syncBoth(a, b);
    expect(readShots(b)).toEqual([expect.objectContaining({ id, code: '12', lens: '85mm' })]);
    expect(readShots(b)[0]!.description).toBe('Wide on the pier');
  });

  it('an unknown shot is refused and nothing is written', () => {
    const { doc } = shotlistWithOneShot();
    const before = Y.encodeStateVector(doc);
    expect(caught(() => deleteShot(doc, 'nope')).message).toMatch(/no shot with id nope/);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });
});

describe('shot list CSV and the production lists', () => {
  const breakdown = readBreakdown(
    (() => {
      const d = new Y.Doc();
      seedDemoBoard('breakdown', d, { today: '2025-06-02' });
      return d;
    })(),
  );

  it('[C5] a camera the production has not added is refused naming row and column; once added it imports', () => {
    const doc = new Y.Doc();
    const file = 'scene,code,camera,size\n1,1,A,MS\n1,1A,D,CU\n';
    const error = caught(() => importShotList(doc, file, breakdown));
    expect(error).toBeInstanceOf(CsvImportError);
    expect(error.message).toMatch(/row 3, column "camera": .*must be one of A, B, C/);
    expect(readShots(doc)).toEqual([]);
    addVocabularyTerm(doc, 'camera', 'D');
    expect(importShotList(doc, file, breakdown)).toEqual({ added: 2, updated: 0 });
    expect(readShots(doc).map((s) => s.camera)).toEqual(['A', 'D']);
    expect(exportShotList(doc, breakdown)).toContain(',D,');
  });
});
