/**
 * The call sheet board: what is typed per day, its operations (validated, one transaction, clearing deletes),
 * and readers that never trust a value (a damaged value reads as not typed and is counted by damage.ts).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addBackground,
  addRequirement,
  deleteBackground,
  readCallSheet,
  readCallSheetTyped,
  setCallOverride,
  setCastTime,
  setDayText,
  setDepartmentNote,
  updateBackground,
} from '../../shared/model/callsheet';
import { countDamage, findDamage, removeDamaged } from '../../shared/model/damage';
import { ModelError } from '../../shared/model/errors';
import { seedDemoBoard } from '../../shared/demo';

const fresh = () => new Y.Doc();

describe('call sheet operations', () => {
  it('writes each typed part of a day and reads it back for that day only', () => {
    const doc = fresh();
    setDayText(doc, 'day-1', 'weather', '  Sunny, 14°C  ');
    setDayText(doc, 'day-1', 'parking', 'Quay Road');
    setDayText(doc, 'day-2', 'weather', 'Rain');
    setDepartmentNote(doc, 'day-1', 'Camera', 'Drone at 06:30');
    setCallOverride(doc, 'day-1', 'person-7', '05:15');
    setCastTime(doc, 'day-1', 'cast-1', 'pickup', '05:00');
    setCastTime(doc, 'day-1', 'cast-1', 'onSet', '06:45');
    const bg = addBackground(doc, { dayId: 'day-1', group: 'Fishermen', count: 4, call: '06:00' });
    addBackground(doc, { dayId: 'day-1', group: 'Shoppers', count: 2, call: '05:30' });
    addRequirement(doc, { dayId: 'day-1', sceneId: 'scene-1', kind: 'vehicles', text: 'Picture boat' });
    const typed = readCallSheetTyped(doc, 'day-1');
    expect(typed).toMatchObject({
      weather: 'Sunny, 14°C',
      parking: 'Quay Road',
      departmentNotes: { Camera: 'Drone at 06:30' },
      callOverrides: { 'person-7': '05:15' },
      castTimes: { 'cast-1': { pickup: '05:00', onSet: '06:45' } },
      requirements: [{ sceneId: 'scene-1', kind: 'vehicles', text: 'Picture boat' }],
    });
    // background in call order
    expect(typed.background?.map((b) => [b.group, b.count, b.call, b.onSet])).toEqual([
      ['Shoppers', 2, '05:30', null],
      ['Fishermen', 4, '06:00', null],
    ]);
    expect(readCallSheetTyped(doc, 'day-2')).toEqual({ weather: 'Rain' });
    expect(readCallSheetTyped(doc, 'day-9')).toEqual({});
    updateBackground(doc, bg, { count: 6, onSet: '07:00' });
    deleteBackground(doc, readCallSheetTyped(doc, 'day-1').background![0]!.id);
    expect(readCallSheetTyped(doc, 'day-1').background).toEqual([
      { id: bg, group: 'Fishermen', count: 6, call: '06:00', onSet: '07:00', notes: '' },
    ]);
  });

  it('clearing a value deletes its key: "not typed" has one representation', () => {
    const doc = fresh();
    setDayText(doc, 'day-1', 'weather', 'Fog');
    setCallOverride(doc, 'day-1', 'p1', '05:00');
    setDayText(doc, 'day-1', 'weather', '   ');
    setCallOverride(doc, 'day-1', 'p1', '');
    expect(readCallSheetTyped(doc, 'day-1')).toEqual({});
    expect([...doc.getMap('dayText').keys()]).toEqual([]);
  });

  it('refuses bad input naming the field, and writes nothing', () => {
    const doc = fresh();
    const refused = (fn: () => void, field: string) => {
      let error: unknown;
      try {
        fn();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ModelError);
      expect((error as ModelError).field).toBe(field);
    };
    refused(() => setCastTime(doc, 'day-1', 'cast-1', 'pickup', '5am'), 'pickup');
    refused(() => setCallOverride(doc, 'day-1', 'p1', '48:00'), 'call');
    refused(() => setDayText(doc, 'day/1', 'weather', 'x'), 'dayId');
    refused(() => setDayText(doc, 'day-1', 'weather', 'x'.repeat(301)), 'weather');
    refused(() => addBackground(doc, { dayId: 'day-1', group: ' ' }), 'group');
    refused(() => addBackground(doc, { dayId: 'day-1', group: 'Extras', count: -1 }), 'count');
    refused(
      () => addRequirement(doc, { dayId: 'day-1', sceneId: 's1', kind: 'boats' as 'vehicles', text: 'x' }),
      'kind',
    );
    refused(() => setDepartmentNote(doc, 'day-1', '', 'note'), 'department');
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBeLessThan(3); // nothing was written
  });

  it('a department named with a slash still reads back whole', () => {
    const doc = fresh();
    setDepartmentNote(doc, 'day-1', 'Hair / make-up', 'Wigs at 05:00');
    expect(readCallSheetTyped(doc, 'day-1').departmentNotes).toEqual({ 'Hair / make-up': 'Wigs at 05:00' });
  });
});

describe('call sheet readers on damaged documents', () => {
  it('a value of the wrong type reads as not typed, is counted, and removed in one go', () => {
    const doc = new Y.Doc();
    seedDemoBoard('callsheet', doc, { today: '2026-12-07' });
    expect(countDamage('callsheet', doc)).toBe(0);
    doc.transact(() => {
      doc.getMap('dayText').set('day-1/weather', 42);
      doc.getMap('castTimes').set('day-1/cast-1/pickup', '5 in the morning');
      doc.getMap('callOverrides').set('day-1/p1', { evil: true });
      doc.getMap('background').set('broken', 'not a map');
      const noDay = new Y.Map<unknown>();
      doc.getMap('requirements').set('no-day', noDay);
      noDay.set('text', 'orphan');
      // unknown keys are a newer app's business: left alone
      doc.getMap('dayText').set('future-key', 1);
    });
    const typed = readCallSheetTyped(doc, 'day-1');
    expect(typed.weather).toBeUndefined();
    expect(typed.castTimes?.['cast-1']).toEqual({ hairMakeup: '05:45', onSet: '06:45' });
    expect(typed.callOverrides).toBeUndefined();
    expect(typed.parking).toContain('Quay Road');
    expect(findDamage('callsheet', doc).map((d) => ('id' in d ? `${d.root}:${d.id}` : d.root))).toEqual([
      'dayText:day-1/weather',
      'callOverrides:day-1/p1',
      'castTimes:day-1/cast-1/pickup',
      'background:broken',
      'requirements:no-day',
    ]);
    expect(removeDamaged('callsheet', doc)).toBe(5);
    expect(countDamage('callsheet', doc)).toBe(0);
    expect(doc.getMap('dayText').get('future-key')).toBe(1);
    expect(Object.keys(readCallSheet(doc))).toEqual(['day-1']);
  });
});
