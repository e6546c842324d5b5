/**
 * The room's awareness bounds, on RoomAwareness directly (time is a parameter): client ids per connection,
 * bytes per state, tombstones forgotten, removals of nothing ignored, and join updates split.
 */
import { describe, expect, it } from 'vitest';
import { Reader } from '../../server/protocol/reader';
import {
  readAwarenessUpdate,
  encodeAwarenessUpdate,
  type AwarenessEntry,
} from '../../server/protocol/awareness';
import {
  AWARENESS_TOMBSTONE_MS,
  MAX_AWARENESS_CLIENTS_PER_CONNECTION,
  MAX_AWARENESS_STATE_BYTES,
  RoomAwareness,
} from '../../server/sync/room-awareness';

/** Entries as the decoder gives them (with their size in the frame). */
function decoded(entries: AwarenessEntry[]): AwarenessEntry[] {
  return readAwarenessUpdate(new Reader(encodeAwarenessUpdate(entries), 'invalid-awareness'));
}

describe('room awareness bounds', () => {
  it(`[R5] a connection holds at most ${MAX_AWARENESS_CLIENTS_PER_CONNECTION} client ids; more are refused, and freed ids can be reused`, () => {
    const room = new RoomAwareness();
    const tab = {};
    const refused: string[] = [];
    const entries = Array.from({ length: 50 }, (_, i) => ({ clientId: i + 1, clock: 1, state: { i } }));
    const applied = room.apply(decoded(entries), tab, 0, (reason) => refused.push(reason));
    expect(applied.map((e) => e.clientId)).toEqual([1, 2, 3, 4]);
    expect(refused).toHaveLength(46);
    expect(new Set(refused)).toEqual(new Set(['awareness-too-many-clients']));
    // Renewing its own states is fine; giving one up makes room for another.
    expect(room.apply(decoded([{ clientId: 1, clock: 2, state: { i: 'renewed' } }]), tab, 1)).toHaveLength(1);
    expect(room.apply(decoded([{ clientId: 2, clock: 2, state: null }]), tab, 1)).toHaveLength(1);
    expect(room.apply(decoded([{ clientId: 99, clock: 1, state: {} }]), tab, 1)).toHaveLength(1);
    expect(room.states(tab).map((e) => e.clientId)).toEqual([1, 3, 4, 99]);
    // Another connection has its own allowance.
    expect(room.apply(decoded([{ clientId: 200, clock: 1, state: {} }]), {}, 1)).toHaveLength(1);
  });

  it(`[R5] a state over ${MAX_AWARENESS_STATE_BYTES} bytes is refused; the rest of the frame applies`, () => {
    const room = new RoomAwareness();
    const refused: string[] = [];
    const applied = room.apply(
      decoded([
        { clientId: 1, clock: 1, state: { pad: 'x'.repeat(MAX_AWARENESS_STATE_BYTES) } },
        { clientId: 2, clock: 1, state: { cursor: 3 } },
      ]),
      {},
      0,
      (reason) => refused.push(reason),
    );
    expect(applied.map((e) => e.clientId)).toEqual([2]);
    expect(refused).toEqual(['awareness-state-too-large']);
  });

  it('[R5] removing a state nobody holds is neither kept nor relayed', () => {
    const room = new RoomAwareness();
    const nulls = Array.from({ length: 1_000 }, (_, i) => ({ clientId: i + 1, clock: 5, state: null }));
    expect(room.apply(decoded(nulls), {}, 0)).toEqual([]);
    expect(room.size).toBe(0);
  });

  it('[R5] tombstones are forgotten after a while, and a late echo before that cannot bring a state back', () => {
    const room = new RoomAwareness();
    const tab = {};
    room.apply(decoded([{ clientId: 7, clock: 3, state: { name: 'gone soon' } }]), tab, 0);
    expect(room.removeOwnedBy(tab, 1_000)).toEqual([{ clientId: 7, clock: 4, state: null }]);
    // A stock provider elsewhere echoes the old state (clock 3): the tombstone (clock 4) wins.
    expect(room.apply(decoded([{ clientId: 7, clock: 3, state: { name: 'gone soon' } }]), {}, 2_000)).toEqual(
      [],
    );
    expect(room.size).toBe(1);
    room.expire(1_000 + AWARENESS_TOMBSTONE_MS - 1);
    expect(room.size).toBe(1);
    room.expire(1_000 + AWARENESS_TOMBSTONE_MS);
    expect(room.size).toBe(0);
  });

  it('[R6] join updates are split so that each stays under a quarter of the frame limit', () => {
    const room = new RoomAwareness();
    for (let c = 0; c < 40; c++) {
      const entries = [0, 1, 2, 3].map((t) => ({
        clientId: c * 4 + t + 1,
        clock: 1,
        state: { pad: 'p'.repeat(3_500) },
      }));
      room.apply(decoded(entries), {}, 0);
    }
    const updates = room.updates(64 * 1024);
    expect(updates.length).toBeGreaterThan(1);
    let total = 0;
    for (const update of updates) {
      expect(update.byteLength).toBeLessThanOrEqual(16 * 1024);
      total += readAwarenessUpdate(new Reader(update, 'invalid-awareness')).length;
    }
    expect(total).toBe(160);
    // With the default 1 MiB limit, at most 64 KiB each.
    for (const update of room.updates(1024 * 1024)) expect(update.byteLength).toBeLessThanOrEqual(64 * 1024);
  });
});

describe('renewals', () => {
  it('[AW2] a renewal (the same state, a newer clock) is told apart from a change and is not stamped again', () => {
    const room = new RoomAwareness();
    const tab = {};
    let stamped = 0;
    const vouch = (state: Record<string, unknown>) => {
      stamped++;
      return { ...state, user: { id: 'm1', name: 'Casey', role: 'crew' } };
    };
    const first = room.apply(
      decoded([{ clientId: 1, clock: 1, state: { board: 'shotlist' } }]),
      tab,
      0,
      undefined,
      vouch,
    );
    expect(first).toEqual([
      {
        clientId: 1,
        clock: 1,
        state: { board: 'shotlist', user: { id: 'm1', name: 'Casey', role: 'crew' } },
      },
    ]);
    const renewal = room.apply(
      decoded([{ clientId: 1, clock: 2, state: { board: 'shotlist' } }]),
      tab,
      15_000,
      undefined,
      vouch,
    );
    expect(renewal).toMatchObject([{ clientId: 1, clock: 2, renewal: true }]);
    expect(stamped).toBe(1);
    // The echo of the renewal from another tablet changes nothing.
    expect(
      room.apply(decoded([{ clientId: 1, clock: 2, state: { board: 'shotlist' } }]), {}, 15_001),
    ).toEqual([]);
    // A real change is a change, stamped again.
    const change = room.apply(
      decoded([{ clientId: 1, clock: 3, state: { board: 'schedule' } }]),
      tab,
      16_000,
      undefined,
      vouch,
    );
    expect(change[0]).not.toHaveProperty('renewal');
    expect(stamped).toBe(2);
    // What goes out carries the stamped state at its newest clock.
    expect(room.current([1])).toMatchObject([
      { clientId: 1, clock: 3, state: { board: 'schedule', user: { name: 'Casey' } } },
    ]);
  });
});
