import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import { covers, peekStepOneVector } from '../../client/src/sync/saved';
import { textEdit, applyTextEdit } from '../../client/src/sync/text';
import { parseMoney, minorToInput } from '../../client/src/boards/costreport/money-input';
import { buildItems, dropAfter, type ShotIndexEntry } from '../../client/src/boards/shotlist/rows';
import { parseRoute } from '../../client/src/app/router';

const shot = (
  id: string,
  sceneId: string,
  key: string,
  status: ShotIndexEntry['status'] = 'planned',
): ShotIndexEntry => ({
  id,
  sceneId,
  status,
  setup: '',
  scriptOrder: key,
  shootOrder: key,
  minutes: 10,
});

describe('saved indicator', () => {
  it('reads the state vector of a sync step 1 without consuming the provider’s decoder', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'abc');
    const encoder = encoding.createEncoder();
    syncProtocol.writeSyncStep1(encoder, doc);
    const decoder = decoding.createDecoder(encoding.toUint8Array(encoder));
    const vector = peekStepOneVector(decoder);
    expect(vector?.get(doc.clientID)).toBe(3);
    expect(decoder.pos).toBe(0);

    const step2 = encoding.createEncoder();
    syncProtocol.writeSyncStep2(step2, doc);
    expect(peekStepOneVector(decoding.createDecoder(encoding.toUint8Array(step2)))).toBeNull();
  });

  it('is saved only when the server has every clock the device has', () => {
    const local = new Map([
      [1, 5],
      [2, 3],
    ]);
    expect(
      covers(
        new Map([
          [1, 5],
          [2, 3],
          [3, 9],
        ]),
        local,
      ),
    ).toBe(true);
    expect(
      covers(
        new Map([
          [1, 5],
          [2, 2],
        ]),
        local,
      ),
    ).toBe(false);
    expect(covers(new Map([[1, 5]]), local)).toBe(false);
  });
});

describe('text edits', () => {
  it('writes the smallest change so concurrent typing in one field merges', () => {
    expect(textEdit('wide shot', 'wide hero shot')).toEqual({ index: 5, remove: 0, insert: 'hero ' });
    expect(textEdit('abc', 'abc')).toBeNull();
    const a = new Y.Doc();
    a.getText('t').insert(0, 'dolly in');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    applyTextEdit(a.getText('t'), 'slow dolly in');
    applyTextEdit(b.getText('t'), 'dolly in on Mara');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getText('t').toString()).toBe('slow dolly in on Mara');
    expect(b.getText('t').toString()).toBe(a.getText('t').toString());
  });
});

describe('money input', () => {
  it('parses amounts exactly into minor units and refuses anything else', () => {
    expect(parseMoney('1,234.56')).toBe(123_456);
    expect(parseMoney('0.1')).toBe(10);
    expect(parseMoney('-80')).toBe(-8_000);
    expect(parseMoney('$ 19.99')).toBe(1_999);
    expect(() => parseMoney('12.345')).toThrow(/not an amount/);
    expect(() => parseMoney('ten')).toThrow();
    expect(minorToInput(-123_405)).toBe('-1234.05');
  });
});

describe('shot list rows', () => {
  const index = [
    shot('a', 's1', 'a0'),
    shot('b', 's1', 'a1', 'done'),
    shot('c', 's2', 'a2'),
    shot('d', 's2', 'a3', 'cut'),
  ];
  const scenes = new Map([
    ['s1', { id: 's1', number: '1', intExt: 'INT', time: 'DAY', set: 'KITCHEN' }],
    ['s2', { id: 's2', number: '2', intExt: 'EXT', time: 'NIGHT', set: 'PIER' }],
  ]);

  it('groups by scene with totals that leave cut shots out', () => {
    const items = buildItems(index, 'script', scenes, { status: 'all', sceneId: 'all', today: null });
    expect(items.map((i) => (i.kind === 'header' ? `#${i.title}` : i.id))).toEqual([
      '#1. INT KITCHEN — DAY',
      'a',
      'b',
      '#2. EXT PIER — NIGHT',
      'c',
      'd',
    ]);
    const second = items[3];
    expect(second?.kind === 'header' && second.totals).toEqual({ shots: 1, done: 0, minutes: 10 });
    const today = buildItems(index, 'script', scenes, {
      status: 'all',
      sceneId: 'all',
      today: new Set(['s2']),
    });
    expect(today.filter((i) => i.kind === 'shot').map((i) => (i.kind === 'shot' ? i.id : ''))).toEqual([
      'c',
      'd',
    ]);
  });

  it('keeps a dragged shot inside its scene in script order', () => {
    expect(dropAfter(index, 'a', { id: 'b', below: true }, 'script')).toBe('b');
    expect(dropAfter(index, 'b', { id: 'a', below: false }, 'script')).toBeNull();
    expect(dropAfter(index, 'a', { id: 'd', below: true }, 'script')).toBe('b');
    expect(dropAfter(index, 'a', { id: 'd', below: true }, 'shoot')).toBe('d');
  });
});

describe('routes', () => {
  it('parses the app’s paths', () => {
    expect(parseRoute('/join/abc')).toEqual({ name: 'join', code: 'abc' });
    expect(parseRoute('/p/x1/shotlist')).toEqual({ name: 'board', productionId: 'x1', board: 'shotlist' });
    expect(parseRoute('/p/x1')).toEqual({ name: 'home', productionId: 'x1' });
    expect(parseRoute('/p/x1/payroll').name).toBe('not-found');
  });
});
