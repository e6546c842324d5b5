/**
 * Upgrades a board document written by older code to the current layout, one version step at a time,
 * inside one transaction. The server runs it when it loads a document (before any client syncs), so
 * clients only ever see the current layout. Each step is idempotent: if two replicas migrate the same
 * document concurrently, both write the same values and the merge keeps one.
 */
import * as Y from 'yjs';
import type { Board } from '../boards';
import { ModelError } from './errors';
import { onceKey } from './schedule';
import { isOnceADay, LOG_KINDS, type LogKind } from './schedule-types';
import { metaMap, schemaVersion, SCHEMA_VERSIONS } from './schema-version';

const compareText = (a: unknown, b: unknown): number => {
  // Not String(a): an object whose toString is not a function (anyone can write one) would throw.
  const x = typeof a === 'string' ? a : '';
  const y = typeof b === 'string' ? b : '';
  return x < y ? -1 : x > y ? 1 : 0;
};

type Step = (doc: Y.Doc) => void;

/** MIGRATIONS[board][n] upgrades version n to n + 1. */
const MIGRATIONS: Record<Board, Record<number, Step>> = {
  breakdown: {
    // v2 adds breakdown elements: an `elements` root map, and on each scene an `elements` tag map (created
    // here, once, by the server, so two tablets never each create one and lose the other's tags).
    1: (doc) => {
      for (const scene of (doc.getMap('scenes') as Y.Map<Y.Map<unknown>>).values()) {
        if (!(scene.get('elements') instanceof Y.Map)) scene.set('elements', new Y.Map());
      }
    },
  },
  shotlist: {
    // v1 kept description and notes as plain strings; v2 makes them Y.Text so two people can type at once.
    1: (doc) => {
      // Not a Y.Map: damaged, left for damage.ts; a migration must never fail a load over one bad entry.
      for (const shot of doc.getMap('shots').values()) {
        if (!(shot instanceof Y.Map)) continue;
        for (const field of ['description', 'notes']) {
          const value = shot.get(field);
          if (!(value instanceof Y.Text)) shot.set(field, new Y.Text(typeof value === 'string' ? value : ''));
        }
      }
    },
    // v3 adds the production's lists (`vocabularies` root) and lets a shot's size, movement and camera be any
    // value from them. Nothing old changes shape; the bump is so that an older app, whose readers fall back
    // to MS and camera A and whose "remove damaged items" would delete a camera D, refuses to write here.
    2: () => undefined,
  },
  schedule: {
    // v1 kept a strip's day and order in two fields, so concurrent moves could pair one AD's day with the
    // other AD's order; v2 stores them as one `place` value.
    1: (doc) => {
      for (const name of ['strips', 'banners']) {
        for (const item of doc.getMap(name).values()) {
          if (!(item instanceof Y.Map) || item.has('place')) continue;
          const dayId = item.get('dayId');
          const order = item.get('order');
          item.set('place', {
            dayId: typeof dayId === 'string' ? dayId : null,
            order: typeof order === 'string' ? order : '1',
          });
          item.delete('dayId');
          item.delete('order');
        }
      }
    },
    // v2 kept the day log as an append-only array, so an entry could not be corrected and a lunch tapped on
    // two tablets was logged twice; v3 keeps entries in a map, once-a-day kinds under one key per day (the
    // last of several old entries wins, as the old reads counted it). 'company-move' becomes its start.
    2: (doc) => {
      const legacy = doc.getArray('log') as Y.Array<unknown>;
      const dayLog = doc.getMap('dayLog') as Y.Map<Y.Map<unknown>>;
      const old = legacy
        .toArray()
        .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
        .sort((a, b) => compareText(a.at, b.at) || compareText(a.id, b.id));
      for (const e of old) {
        const kind = e.kind === 'company-move' ? 'company-move-start' : e.kind;
        if (typeof kind !== 'string' || !(LOG_KINDS as readonly string[]).includes(kind)) continue;
        if (typeof e.dayId !== 'string' || typeof e.id !== 'string') continue;
        const key = isOnceADay(kind as LogKind) ? onceKey(e.dayId, kind as LogKind) : e.id;
        const entry = new Y.Map<unknown>();
        for (const [field, value] of Object.entries({
          dayId: e.dayId,
          kind,
          at: e.at,
          author: e.author,
          note: e.note ?? '',
        }))
          entry.set(field, value);
        dayLog.set(key, entry);
      }
      if (legacy.length > 0) legacy.delete(0, legacy.length);
    },
  },
  moodboard: {},
  costreport: {
    // v2 adds the `accruals` root (hot costs the server books when a day's production report is approved);
    // nothing to move, but a v1 app must not write a document whose ATD it would read without them.
    1: () => undefined,
  },
  callsheet: {},
  dpr: {},
};

export interface MigrationResult {
  from: number;
  to: number;
}

/** Brings `doc` to the current version of `board`. An empty document (version 0) is left untouched. */
export function migrate(board: Board, doc: Y.Doc, origin?: unknown): MigrationResult {
  const from = schemaVersion(doc);
  const target = SCHEMA_VERSIONS[board];
  if (from === 0 || from === target) return { from, to: from };
  if (from > target) {
    throw new ModelError(
      'schemaVersion',
      `${board} document is version ${from}, newer than this code (${target})`,
    );
  }
  doc.transact(() => {
    for (let version = from; version < target; version++) {
      const step = MIGRATIONS[board][version];
      if (!step) throw new ModelError('schemaVersion', `no migration for ${board} from version ${version}`);
      step(doc);
    }
    metaMap(doc).set('schemaVersion', target);
  }, origin ?? null);
  return { from, to: target };
}
