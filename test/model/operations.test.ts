import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCastMember,
  addScene,
  addShot,
  addStrip,
  addDay,
  deleteDay,
  keyBetween,
  ModelError,
  moveItem,
  moveShot,
  nextShotCode,
  readSchedule,
  readShots,
  readScenes,
  replicaKeyBetween,
  setShotStatus,
  shotSuffix,
  shotText,
  splitStrip,
  selectDayItems,
  initialKeys,
  isOrderKey,
  deleteCastMember,
  addMoodBoard,
  addSection,
  addCard,
  deleteSection,
  readMoodboard,
} from '../../shared/model/index';

function caught(fn: () => unknown): ModelError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ModelError) return error;
    throw error;
  }
  throw new Error('expected a ModelError');
}

describe('shot codes', () => {
  it('start at the scene number, skip I and O, and go AA after Z', () => {
    expect(nextShotCode('12', [])).toBe('12');
    expect(nextShotCode('12', ['12'])).toBe('12A');
    expect(nextShotCode('12', ['12', '12H'])).toBe('12J');
    expect(nextShotCode('12', ['12N'])).toBe('12P');
    expect(shotSuffix(24)).toBe('Z');
    expect(shotSuffix(25)).toBe('AA');
    expect(shotSuffix(24 + 24 * 24)).toBe('ZZ');
    expect(shotSuffix(24 + 24 * 24 + 1)).toBe('AAA');
    // codes of another scene that shares a prefix do not count
    expect(nextShotCode('1', ['12', '12A'])).toBe('1');
  });
});

describe('order keys', () => {
  it('always find a key strictly between two keys, including adjacent ones', () => {
    const cases: [string | null, string | null][] = [
      [null, null],
      ['V', 'W'],
      ['V', 'V1'],
      ['Vz', 'W'],
      [null, '01'],
      ['zzz', null],
    ];
    for (const [a, b] of cases) {
      const key = keyBetween(a, b);
      expect(isOrderKey(key)).toBe(true);
      if (a !== null) expect(key > a).toBe(true);
      if (b !== null) expect(key < b).toBe(true);
      const tagged = replicaKeyBetween(a, b, 0xdead_beef);
      if (a !== null) expect(tagged > a).toBe(true);
      if (b !== null) expect(tagged < b).toBe(true);
    }
    expect(() => keyBetween('b', 'a')).toThrow(ModelError);
    const keys = initialKeys(200);
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(200);
  });
});

describe('operations', () => {
  it('validate input and name the field, writing nothing on failure', () => {
    const doc = new Y.Doc();
    expect(
      caught(() =>
        addScene(doc, { number: '12', intExt: 'OUT' as never, set: 'Pier', time: 'DAY', eighths: 3 }),
      ).field,
    ).toBe('intExt');
    expect(
      caught(() => addScene(doc, { number: '12', intExt: 'EXT', set: 'Pier', time: 'DAY', eighths: 0 }))
        .field,
    ).toBe('eighths');
    expect(
      caught(() => addScene(doc, { number: '1-2', intExt: 'EXT', set: 'Pier', time: 'DAY', eighths: 3 }))
        .field,
    ).toBe('number');
    expect(doc.share.size === 0 || readScenes(doc).length === 0).toBe(true);
    addScene(doc, { number: '12', intExt: 'EXT', set: 'Pier', time: 'DAY', eighths: 3 });
    expect(
      caught(() => addScene(doc, { number: '12', intExt: 'EXT', set: 'Pier', time: 'DAY', eighths: 3 }))
        .field,
    ).toBe('number');
    expect(caught(() => addCastMember(doc, { billing: 0, character: 'Mara', actor: '' })).field).toBe(
      'billing',
    );
  });

  it('run in one transaction with the given origin', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr) => origins.push(tr.origin));
    const origin = { source: 'client', sessionId: 's1' };
    addShot(
      doc,
      { sceneId: 'sc12', sceneNumber: '12', description: 'Wide on the pier', castIds: ['c1'] },
      origin,
    );
    expect(origins).toEqual([origin]);
  });

  it('number shots per scene and keep description as shared text', () => {
    const doc = new Y.Doc();
    const a = addShot(doc, { sceneId: 'sc12', sceneNumber: '12' });
    addShot(doc, { sceneId: 'sc12', sceneNumber: '12' });
    addShot(doc, { sceneId: 'sc13', sceneNumber: '13' });
    expect(readShots(doc).map((s) => s.code)).toEqual(['12', '12A', '13']);
    shotText(doc, a, 'description').insert(0, 'Crane down');
    expect(readShots(doc)[0]!.description).toBe('Crane down');
    expect(caught(() => setShotStatus(doc, a, 'wrapped' as never)).field).toBe('status');
    expect(caught(() => moveShot(doc, a, 'script', 'nope')).field).toBe('after');
  });

  it('reorder by writing one key, and a shot placed first sorts first', () => {
    const doc = new Y.Doc();
    const ids = ['a', 'b', 'c', 'd'].map((id) => addShot(doc, { id, sceneId: 'sc1', sceneNumber: '1' }));
    moveShot(doc, ids[3]!, 'script', null);
    moveShot(doc, ids[0]!, 'script', ids[2]!);
    expect(readShots(doc).map((s) => s.id)).toEqual(['d', 'b', 'c', 'a']);
    expect(readShots(doc, 'shoot').map((s) => s.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('move strips between days, split them, and send a deleted day to the boneyard', () => {
    const doc = new Y.Doc();
    const d1 = addDay(doc, {
      date: '2025-05-01',
      crewCall: '07:00',
      shootingCall: '08:00',
      sunset: '19:30',
      notes: '',
    });
    const d2 = addDay(doc, {
      date: '2025-05-02',
      crewCall: '07:00',
      shootingCall: '08:00',
      sunset: '19:30',
      notes: '',
    });
    const s1 = addStrip(doc, { sceneId: 'sc1', dayId: d1 });
    const s2 = addStrip(doc, { sceneId: 'sc2', dayId: d1 });
    moveItem(doc, s2, d2, null);
    expect(selectDayItems(readSchedule(doc), d2).map((i) => i.id)).toEqual([s2]);
    const part2 = splitStrip(doc, s1, { sceneEighths: 11, firstEighths: 5 });
    const day1 = selectDayItems(readSchedule(doc), d1);
    expect(day1.map((i) => [i.id, i.type === 'strip' ? [i.part, i.eighths] : null])).toEqual([
      [s1, [1, 5]],
      [part2, [2, 6]],
    ]);
    expect(caught(() => moveItem(doc, s1, 'nope', null)).field).toBe('day');
    deleteDay(doc, d1);
    expect(selectDayItems(readSchedule(doc), null).map((i) => i.id)).toEqual([s1, part2]);
  });

  it("refuse to write into another board's document", () => {
    const doc = new Y.Doc();
    addShot(doc, { sceneId: 'sc1', sceneNumber: '1' });
    expect(
      caught(() => addScene(doc, { number: '1', intExt: 'INT', set: 'Flat', time: 'DAY', eighths: 1 })).field,
    ).toBe('board');
  });

  it('take a deleted cast member off every scene, and keep the cards of a deleted section', () => {
    const doc = new Y.Doc();
    const mara = addCastMember(doc, { billing: 1, character: 'Mara', actor: 'A' });
    const jonah = addCastMember(doc, { billing: 2, character: 'Jonah', actor: 'B' });
    addScene(doc, {
      number: '1',
      intExt: 'INT',
      set: 'Flat',
      time: 'DAY',
      eighths: 3,
      castIds: [mara, jonah],
    });
    deleteCastMember(doc, jonah);
    expect(readScenes(doc)[0]!.castIds).toEqual([mara]);

    const mood = new Y.Doc();
    const board = addMoodBoard(mood, { title: 'Look', kind: 'film' });
    const section = addSection(mood, { boardId: board, title: 'Palette' });
    const card = addCard(mood, { boardId: board, sectionId: section, kind: 'swatch', colour: '#1F3A4D' });
    expect(caught(() => addCard(mood, { boardId: board, kind: 'swatch' })).field).toBe('colour');
    deleteSection(mood, section);
    expect(readMoodboard(mood).cards).toMatchObject([{ id: card, sectionId: null, colour: '#1f3a4d' }]);
  });
});
