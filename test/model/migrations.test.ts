import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addStrip,
  migrate,
  ModelError,
  readSchedule,
  readShots,
  schemaVersion,
  SCHEMA_VERSIONS,
  shotText,
  updateShot,
} from '../../shared/model/index';
import { versionOneShotlist } from '../helpers/old-documents';

describe('migrations', () => {
  it('upgrade a version-1 shot list: description and notes become shared text with the same content', () => {
    const doc = versionOneShotlist();
    expect(() => updateShot(doc, 's1', { lens: '50mm' })).toThrow(ModelError);
    expect(migrate('shotlist', doc)).toEqual({ from: 1, to: SCHEMA_VERSIONS.shotlist });
    expect(schemaVersion(doc)).toBe(SCHEMA_VERSIONS.shotlist);
    expect(readShots(doc)[0]).toMatchObject({
      code: '1',
      description: 'Wide, dawn',
      notes: 'Use the 24',
      status: 'done',
    });
    shotText(doc, 's1', 'notes').insert(0, 'B cam: ');
    updateShot(doc, 's1', { lens: '50mm' });
    expect(readShots(doc)[0]).toMatchObject({ notes: 'B cam: Use the 24', lens: '50mm' });
    // running it again is a no-op
    expect(migrate('shotlist', doc)).toEqual({
      from: SCHEMA_VERSIONS.shotlist,
      to: SCHEMA_VERSIONS.shotlist,
    });
  });

  it('upgrade a version-1 schedule: day and order become one place; two replicas migrating converge', () => {
    const a = new Y.Doc();
    a.transact(() => {
      a.getMap('meta').set('schemaVersion', 1);
      a.getMap('meta').set('board', 'schedule');
      const day = new Y.Map<unknown>();
      day.set('date', '2025-05-01');
      a.getMap('days').set('d1', day);
      const strip = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({
        sceneId: 'sc1',
        dayId: 'd1',
        order: 'V',
        status: 'planned',
        minutes: 30,
      }))
        strip.set(k, v);
      a.getMap('strips').set('st1', strip);
    });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    migrate('schedule', a);
    migrate('schedule', b);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readSchedule(a)).toEqual(readSchedule(b));
    expect(readSchedule(a).strips[0]).toMatchObject({ id: 'st1', dayId: 'd1', order: 'V' });
    addStrip(a, { sceneId: 'sc2', dayId: 'd1' });
    expect(readSchedule(a).strips.map((s) => s.sceneId)).toEqual(['sc1', 'sc2']);
  });

  it('refuse a document newer than the code', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('schemaVersion', 99);
    expect(() => migrate('breakdown', doc)).toThrow(/newer than this code/);
  });
});
