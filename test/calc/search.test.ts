import { describe, expect, it } from 'vitest';
import { matchesSearch, sceneSubject, searchTerms, shotSubject } from '../../shared/calc/search';

const cast = new Map([
  ['c1', { character: 'Mara', actor: 'Inès Lund' }],
  ['c2', { character: 'Jonah', actor: 'Theo Park' }],
]);
const scene12 = { number: '12', set: 'HARBOUR CAFÉ', synopsis: 'Mara waits', castIds: ['c1'] };
const scene120 = { number: '120', set: 'BOAT', synopsis: '', castIds: [] };
const scene12A = { number: '12A', set: 'HARBOUR CAFÉ', synopsis: '', castIds: ['c2'] };
const shot = (code: string, description: string, castIds: string[] = []) => ({ code, description, castIds });
const matches = (subject: Parameters<typeof matchesSearch>[0], query: string) =>
  matchesSearch(subject, searchTerms(query));

describe('search on the shot list and the breakdown', () => {
  it('finds scene 12 and its inserted 12A by "12", but not scene 120', () => {
    const subjects = [scene12, scene120, scene12A].map((s) => sceneSubject(s, cast));
    expect(subjects.map((s) => matches(s, '12'))).toEqual([true, false, true]);
    expect(subjects.map((s) => matches(s, '12a'))).toEqual([false, false, true]);
    expect(subjects.map((s) => matches(s, '120'))).toEqual([false, true, false]);
  });

  it('matches the set, description and synopsis anywhere, in any case and without accents', () => {
    expect(matches(sceneSubject(scene12, cast), 'cafe')).toBe(true);
    expect(matches(sceneSubject(scene12, cast), 'waits')).toBe(true);
    const s = shotSubject(shot('12B', 'Slow push-in on the kettle'), scene12, cast);
    expect(matches(s, 'KETTLE')).toBe(true);
    expect(matches(s, 'harbour')).toBe(true);
    expect(matches(s, 'boat')).toBe(false);
  });

  it('finds a shot by the character or actor name of its cast', () => {
    const withJonah = shotSubject(shot('12A', 'Two-shot', ['c2']), scene12, cast);
    const alone = shotSubject(shot('12B', 'Insert of a cup'), scene12, cast);
    expect([matches(withJonah, 'jonah'), matches(alone, 'jonah')]).toEqual([true, false]);
    expect(matches(withJonah, 'theo')).toBe(true);
    expect(matches(sceneSubject(scene12, cast), 'ines')).toBe(true);
  });

  it('needs every word to match something: "12 jonah" is scene 12 with Jonah', () => {
    const a = shotSubject(shot('12A', '', ['c2']), scene12, cast);
    const b = shotSubject(shot('12B', '', ['c1']), scene12, cast);
    const c = shotSubject(shot('120A', '', ['c2']), scene120, cast);
    expect([a, b, c].map((s) => matches(s, '12 jonah'))).toEqual([true, false, false]);
  });

  it('an empty or blank query matches everything', () => {
    expect(searchTerms('   ')).toEqual([]);
    expect(matches(sceneSubject(scene120, cast), '')).toBe(true);
  });

  it('matches a shot by its own code', () => {
    expect(matches(shotSubject(shot('12C', ''), scene12, cast), '12c')).toBe(true);
    expect(matches(shotSubject(shot('12C', ''), undefined, cast), '12c')).toBe(true);
  });
});

describe('search over a 1,000-shot list', () => {
  it('narrows 1,000 shots by scene and cast member, and says what a keystroke costs', () => {
    const many = Array.from({ length: 1_000 }, (_, i) => {
      const scene = { number: String(1 + (i % 100)), set: i % 2 ? 'HARBOUR CAFÉ' : 'BOAT', synopsis: '' };
      return shotSubject(
        shot(`${scene.number}${'ABCDEFGHJK'[i % 10]}`, 'Coverage', [`c${1 + (i % 2)}`]),
        scene,
        cast,
      );
    });
    many.filter((s) => matches(s, 'warm up'));
    const started = performance.now();
    const found = many.filter((s) => matches(s, '12 jonah'));
    const elapsed = performance.now() - started;
    // scene 12 is every 100th shot from the 12th (i = 11, 111, ...: 10 of them), all odd, so all with Jonah
    // (c2); scene 13's are all even, so none has him
    expect(found).toHaveLength(10);
    expect(many.filter((s) => matches(s, '13 jonah'))).toHaveLength(0);
    expect(many.filter((s) => matches(s, 'cafe'))).toHaveLength(500);
    console.info(`[measure] search of 1,000 shots for "12 jonah": ${elapsed.toFixed(2)} ms`);
  });
});
