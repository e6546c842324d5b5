import * as Y from 'yjs';

/** A version-1 shot list as the old code wrote it (raw, without today's operations): plain-string texts. */
export function versionOneShotlist(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    doc.getMap('meta').set('schemaVersion', 1);
    doc.getMap('meta').set('board', 'shotlist');
    const shot = new Y.Map<unknown>();
    doc.getMap('shots').set('s1', shot);
    for (const [key, value] of Object.entries({
      sceneId: 'sc1',
      code: '1',
      size: 'WS',
      status: 'done',
      description: 'Wide, dawn',
      notes: 'Use the 24',
      scriptOrder: 'V',
      shootOrder: 'V',
    }))
      shot.set(key, value);
  });
  return doc;
}
