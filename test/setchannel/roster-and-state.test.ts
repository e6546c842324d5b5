import { describe, expect, it } from 'vitest';
import type { Notification } from '../../shared/set-channel';
import { buildRoster } from '../../server/setchannel/roster';
import { InMemorySetStateStore } from '../../server/setchannel/set-state';

describe('buildRoster', () => {
  it('[S3] folds devices into one entry per member, showing the most recently chosen board', () => {
    const roster = buildRoster([
      { memberId: 'd', name: 'Dana', role: 'director', board: 'shotlist', boardChangedAt: 5 },
      { memberId: 'c', name: 'Casey', role: 'crew', board: null, boardChangedAt: 0 },
      { memberId: 'd', name: 'Dana', role: 'director', board: 'moodboard', boardChangedAt: 9 },
      { memberId: 'd', name: 'Dana', role: 'director', board: null, boardChangedAt: 0 },
      { memberId: 'o', name: 'Olive', role: 'producer', board: null, boardChangedAt: 0 },
    ]);
    expect(roster).toEqual([
      { memberId: 'o', name: 'Olive', role: 'producer', board: null, devices: 1 },
      { memberId: 'd', name: 'Dana', role: 'director', board: 'moodboard', devices: 3 },
      { memberId: 'c', name: 'Casey', role: 'crew', board: null, devices: 1 },
    ]);
  });
});

describe('InMemorySetStateStore', () => {
  const note = (i: number): Notification => ({
    id: `n${i}`,
    at: new Date(i).toISOString(),
    kind: 'note',
    text: `note ${i}`,
    by: { id: 'a', name: 'Avery', role: 'ad' },
  });

  it('[S5] keeps the last 50 notifications per production, oldest first', async () => {
    const store = new InMemorySetStateStore();
    for (let i = 0; i < 55; i++) await store.addNotification('p1', note(i));
    await store.addNotification('p2', note(99));
    const history = await store.recentNotifications('p1');
    expect(history).toHaveLength(50);
    expect(history[0]?.id).toBe('n5');
    expect(history.at(-1)?.id).toBe('n54');
    expect((await store.recentNotifications('p2')).map((n) => n.id)).toEqual(['n99']);
    expect(await store.recentNotifications('p3')).toEqual([]);
  });

  it('returns a copy, so a caller cannot change the history', async () => {
    const store = new InMemorySetStateStore(2);
    await store.addNotification('p', note(1));
    (await store.recentNotifications('p')).push(note(2));
    expect(await store.recentNotifications('p')).toHaveLength(1);
  });
});
