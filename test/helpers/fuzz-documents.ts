/**
 * Seeded damage for board documents: random values of random types (numbers, strings, null, booleans, plain
 * lists and objects, Y.Map, Y.Array, Y.Text, nested) written into every root and into existing entries, as a
 * careless or hostile client could. The same seed gives the same document.
 */
import * as Y from 'yjs';
import type { Board } from '../../shared/boards';
import { seedDemoBoard } from '../../shared/demo/index';
import { BOARD_SHAPES } from '../../shared/model/damage';

export type Random = () => number;

/** mulberry32: small, fast and repeatable. */
export function random(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

const NUMBERS = [
  0,
  -1,
  1,
  1.5,
  7,
  1e300,
  -1e300,
  Number.NaN,
  Infinity,
  -Infinity,
  2 ** 53 + 2,
  1e13,
  24 * 60 + 1,
];
const STRINGS = [
  '',
  'x',
  '99:99',
  '07:00',
  '26:30',
  '2025-13-45',
  '2025-06-02',
  'javascript:alert(1)',
  'https://evil.example/x.png',
  '#zzzzzz',
  'url(https://evil.example/)',
  'INT',
  'NIGHT',
  'labour',
  'shoot',
  'off',
  'done',
  'image',
  'link',
  'moodboard',
  'shotlist',
  '<img src=x onerror=alert(1)>',
  'a'.repeat(300),
  'Europe/Nowhere',
];

/** A plain JSON-ish value (no shared types: Yjs refuses those inside plain values). */
function plainValue(r: Random, depth: number): unknown {
  switch (Math.floor(r() * (depth > 1 ? 4 : 7))) {
    case 0:
      return r() < 0.5 ? pick(r, NUMBERS) : Math.floor(r() * 2000) - 100;
    case 1:
      return pick(r, STRINGS);
    case 2:
      return null;
    case 3:
      return r() < 0.5;
    case 4:
      return Array.from({ length: Math.floor(r() * 3) }, () => plainValue(r, depth + 1));
    case 5:
      return {
        id: plainValue(r, depth + 1),
        dayId: pick(r, STRINGS),
        order: plainValue(r, depth + 1),
        author: r() < 0.5 ? { id: 'm', name: 'Someone' } : plainValue(r, depth + 1),
        toString: 1,
        at: pick(r, STRINGS),
      };
    default:
      return { [pick(r, STRINGS)]: plainValue(r, depth + 1) };
  }
}

/** Any value, shared types included (each one fresh: a shared type lives in one place only). */
export function randomValue(r: Random, depth = 0): unknown {
  const kind = Math.floor(r() * (depth > 1 ? 6 : 9));
  if (kind < 6) return plainValue(r, depth);
  if (kind === 6) {
    const map = new Y.Map<unknown>();
    for (let i = Math.floor(r() * 3); i > 0; i--) map.set(pick(r, STRINGS), randomValue(r, depth + 1));
    return map;
  }
  if (kind === 7) {
    const list = new Y.Array<unknown>();
    list.push(Array.from({ length: Math.floor(r() * 3) }, () => randomValue(r, depth + 1)));
    return list;
  }
  const text = new Y.Text(pick(r, STRINGS));
  if (r() < 0.3) text.insertEmbed(0, { image: 'x' });
  return text;
}

/** A board's demo document. */
export function demoDocument(board: Board): Y.Doc {
  const doc = new Y.Doc();
  seedDemoBoard(board, doc, { today: '2025-06-02' });
  return doc;
}

/**
 * Writes `count` random values into `doc`: new and existing keys of every root map (meta included), entries
 * pushed into every root list, fields of existing entities (known and unknown), and entries of their nested
 * maps, lists and texts.
 */
export function damage(board: Board, doc: Y.Doc, r: Random, count: number): void {
  const shape = BOARD_SHAPES[board];
  const roots = ['meta', ...Object.keys(shape).filter((name) => name !== 'meta')];
  for (let i = 0; i < count; i++) {
    const root = pick(r, roots);
    const rootShape = shape[root];
    doc.transact(() => {
      if (rootShape?.type === 'list') {
        const list = doc.getArray<unknown>(root);
        list.insert(Math.floor(r() * (list.length + 1)), [randomValue(r)]);
        return;
      }
      const map = doc.getMap<unknown>(root);
      const keys = [...map.keys()];
      const action = r();
      if (action < 0.25 || keys.length === 0 || rootShape?.type !== 'entities') {
        const fields = rootShape && 'fields' in rootShape ? Object.keys(rootShape.fields) : [];
        const key =
          keys.length > 0 && r() < 0.5 ? pick(r, [...keys, ...fields, 'schemaVersion', 'board']) : `fuzz${i}`;
        map.set(key, randomValue(r));
        return;
      }
      const target = map.get(pick(r, keys));
      if (!(target instanceof Y.Map)) {
        map.set(pick(r, keys), randomValue(r));
        return;
      }
      const field = r() < 0.85 ? pick(r, Object.keys(rootShape.fields)) : pick(r, STRINGS);
      const nested: unknown = target.get(field);
      if (action < 0.5 && nested instanceof Y.Map) nested.set(pick(r, STRINGS), randomValue(r));
      else if (action < 0.5 && nested instanceof Y.Array) nested.push([randomValue(r)]);
      else if (action < 0.5 && nested instanceof Y.Text) nested.insert(0, pick(r, STRINGS), { bold: true });
      else target.set(field, randomValue(r));
    });
  }
}
