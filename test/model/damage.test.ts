import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedDemoBoard } from '../../shared/demo/index';
import {
  addBudgetLine,
  addCard,
  addComment,
  addMoodBoard,
  countDamage,
  findCardBody,
  findDamage,
  findShotText,
  ModelError,
  readCostReport,
  readMoodboard,
  readSchedule,
  readShots,
  removeDamaged,
  updateCard,
  migrate,
  SCHEMA_VERSIONS,
  isImageRef,
  linkHref,
} from '../../shared/model/index';

const TODAY = '2025-06-02';

function demo(board: Parameters<typeof seedDemoBoard>[0]): Y.Doc {
  const doc = new Y.Doc();
  seedDemoBoard(board, doc, { today: TODAY });
  return doc;
}

function caught(fn: () => unknown): ModelError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ModelError) return error;
    throw error;
  }
  throw new Error('expected a ModelError');
}

describe('damaged items', () => {
  it('a mood-board card that is a string is skipped, counted, and removed in one transaction', () => {
    const doc = demo('moodboard');
    const before = readMoodboard(doc);
    expect(countDamage('moodboard', doc)).toBe(0);
    const cards = doc.getMap('cards') as Y.Map<unknown>;
    cards.set('broken', 'not a card');
    (doc.getArray('comments') as Y.Array<unknown>).push([42, { id: 'c', text: 'no author' }]);
    expect(() => readMoodboard(doc)).not.toThrow();
    expect(readMoodboard(doc)).toEqual(before);
    expect(countDamage('moodboard', doc)).toBe(3);

    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    expect(removeDamaged('moodboard', doc)).toBe(3);
    expect(transactions).toBe(1);
    expect(cards.has('broken')).toBe(false);
    expect(countDamage('moodboard', doc)).toBe(0);
    expect(readMoodboard(doc)).toEqual(before);
    // Nothing left to remove: no transaction at all.
    expect(removeDamaged('moodboard', doc)).toBe(0);
    expect(transactions).toBe(1);
  });

  it("a shot's notes that are not a Y.Text read as their words, and repair into a Y.Text keeping them", () => {
    const doc = demo('shotlist');
    const shot = readShots(doc)[0]!;
    const entity = (doc.getMap('shots') as Y.Map<Y.Map<unknown>>).get(shot.id)!;
    entity.set('notes', 'typed as a string');
    entity.set('description', 7);
    entity.set('storyboard', Y.Array.from<string | number | null>(['/api/productions/p/images/a', 5, null]));
    // A size is any word from the production's lists (vocabularies.ts): only a non-word is damage.
    entity.set('size', 12);
    entity.set('setupMinutes', Number.NaN);
    const read = readShots(doc).find((s) => s.id === shot.id)!;
    expect(read.notes).toBe('typed as a string');
    expect(read.description).toBe('');
    expect(read.storyboard).toEqual(['/api/productions/p/images/a']);
    expect(read.size).toBe('MS');
    expect(read.setupMinutes).toBe(0);
    expect(findShotText(doc, shot.id, 'notes')).toBeNull();
    expect(findDamage('shotlist', doc).map((d) => d.type)).toEqual([
      'field',
      'field',
      'field',
      'field',
      'ref',
      'ref',
    ]);

    expect(removeDamaged('shotlist', doc)).toBe(6);
    expect(findShotText(doc, shot.id, 'notes')!.toString()).toBe('typed as a string');
    expect(findShotText(doc, shot.id, 'description')!.toString()).toBe('');
    expect(readShots(doc).find((s) => s.id === shot.id)!.storyboard).toEqual(['/api/productions/p/images/a']);
    expect(countDamage('shotlist', doc)).toBe(0);
  });

  it('a day without a real date is left out, and its strips read as in the boneyard', () => {
    const doc = demo('schedule');
    const schedule = readSchedule(doc);
    const day = schedule.days[0]!;
    (doc.getMap('days') as Y.Map<Y.Map<unknown>>).get(day.id)!.set('date', 'soon');
    (doc.getArray('log') as Y.Array<unknown>).push([
      { id: 'x', dayId: day.id, kind: 'crew-call', at: '99:99' },
    ]);
    const after = readSchedule(doc);
    expect(after.days.map((d) => d.id)).not.toContain(day.id);
    expect(after.strips.filter((s) => s.dayId === day.id)).toEqual([]);
    expect(after.log).toEqual(schedule.log);
    expect(countDamage('schedule', doc)).toBe(2);
    removeDamaged('schedule', doc);
    expect(countDamage('schedule', doc)).toBe(0);
  });

  it('a hostile meta (another board, a string version) is damage, and removal restores it', () => {
    const doc = demo('costreport');
    doc.getMap('meta').set('board', 'shotlist');
    doc.getMap('meta').set('currency', 'dollars');
    expect(readCostReport(doc).settings.currency).toBe('USD');
    expect(countDamage('costreport', doc)).toBe(2);
    removeDamaged('costreport', doc);
    expect(doc.getMap('meta').get('board')).toBe('costreport');
    expect(countDamage('costreport', doc)).toBe(0);
  });

  it('refuses to repair a document of a newer version, and checks the board name', () => {
    const doc = demo('moodboard');
    doc.getMap('meta').set('schemaVersion', 99);
    expect(caught(() => removeDamaged('moodboard', doc)).field).toBe('schemaVersion');
    expect(caught(() => removeDamaged('nope' as 'moodboard', doc)).field).toBe('board');
  });

  it('a budget line whose total no money value holds is refused, and skipped when it arrives anyway', () => {
    const doc = demo('costreport');
    const accountId = readCostReport(doc).accounts[0]!.id;
    const line = {
      accountId,
      description: '',
      amount: 1e6,
      units: 'flat',
      multiplier: 1e6,
      rate: 1e13,
      fringeBp: 0,
    } as const;
    expect(caught(() => addBudgetLine(doc, line)).field).toBe('rate');
    const e = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(line)) e.set(k, v);
    doc.getMap('lines').set('huge', e);
    expect(readCostReport(doc).lines.map((l) => l.id)).not.toContain('huge');
    expect(countDamage('costreport', doc)).toBe(1);
  });

  it('migrating a document with a damaged shot skips it instead of failing the load', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('schemaVersion', 1);
    doc.getMap('meta').set('board', 'shotlist');
    doc.getMap('shots').set('bad', 'x');
    expect(migrate('shotlist', doc)).toEqual({ from: 1, to: SCHEMA_VERSIONS.shotlist });
  });
});

describe('mood-board cards point only at this server', () => {
  it('refuses an image card pointing elsewhere, with a clear error, and writes nothing', () => {
    const doc = demo('moodboard');
    const boardId = readMoodboard(doc).boards[0]!.id;
    const before = Y.encodeStateVector(doc);
    for (const image of [
      'https://evil.example/x.png',
      '//evil.example/x.png',
      'data:image/png;base64,AA',
      '/api/productions/p/images/../../x',
    ]) {
      const error = caught(() => addCard(doc, { boardId, kind: 'image', image }));
      expect(error.field).toBe('image');
      expect(error.message).toMatch(/uploaded to this board/);
    }
    expect(Y.encodeStateVector(doc)).toEqual(before);
    const ref = `/api/productions/prod-1/images/${'ab'.repeat(32)}`;
    expect(isImageRef(ref)).toBe(true);
    const id = addCard(doc, { boardId, kind: 'image', image: ref });
    expect(caught(() => updateCard(doc, id, { image: 'https://evil.example/y.png' })).field).toBe('image');
  });

  it('accepts links typed without a scheme as https, refuses other schemes', () => {
    const doc = demo('moodboard');
    const boardId = addMoodBoard(doc, { title: 'Look', kind: 'film' });
    const id = addCard(doc, { boardId, kind: 'link', url: 'www.example.com/look' });
    expect(readMoodboard(doc).cards.find((c) => c.id === id)!.url).toBe('https://www.example.com/look');
    for (const url of ['javascript:alert(1)', 'mailto:a@b.c', 'data:text/html,x', 'not a link'])
      expect(caught(() => addCard(doc, { boardId, kind: 'link', url })).field).toBe('url');
    expect(linkHref('javascript:alert(1)')).toBeNull();
    expect(linkHref('HTTPS://Example.com')).toBe('https://example.com/');
  });

  it('a note body that is damaged has no shared text to bind, and the comment author shape is checked', () => {
    const doc = demo('moodboard');
    const card = readMoodboard(doc).cards[0]!;
    (doc.getMap('cards') as Y.Map<Y.Map<unknown>>).get(card.id)!.set('body', new Y.Map());
    expect(findCardBody(doc, card.id)).toBeNull();
    expect(
      caught(() => addComment(doc, { cardId: card.id, author: { id: '', name: 'x' }, at: TODAY, text: 'hi' }))
        .field,
    ).toBe('author.id');
  });
});
