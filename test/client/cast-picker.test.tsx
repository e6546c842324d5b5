// @vitest-environment happy-dom
/**
 * Cast entered the way people think: picked by character or actor from the breakdown's cast (billing number
 * shown), or typed as names, characters or numbers; a name that matches nobody is refused where it was typed.
 */
import { describe, expect, it } from 'vitest';
import type { CastMember } from '../../shared/model/breakdown';
import { readShots } from '../../shared/model/shotlist';
import { castLookup } from '../../client/src/boards/shotlist/cast';
import { mountOneShot, press, typeInto } from './one-shot';
import { act } from './render';

const CAST: CastMember[] = [
  { id: 'c2', billing: 2, character: 'JONAH', actor: 'Tom Berg' },
  { id: 'c1', billing: 1, character: 'MARA', actor: 'Ana Lind' },
  { id: 'c3', billing: 3, character: 'OLD MAN', actor: 'Jonas Ek' },
];

function setup() {
  const { session, container } = mountOneShot({ code: '12A' }, CAST);
  const box = () => container.querySelector<HTMLInputElement>('[role="combobox"][aria-label="Cast"]')!;
  const options = () => [...container.querySelectorAll<HTMLElement>('[role="listbox"] [role="option"]')];
  // A shot's cast is a set (shared/model/shotlist.ts): compare it sorted.
  const castIds = () => [...readShots(session.doc)[0]!.castIds].sort();
  return { session, box, options, castIds };
}

const type = typeInto;
const key = press;

describe('the cast picker', () => {
  it('lists the breakdown cast in billing order with numbers; a tap adds or removes one person', () => {
    const { box, options, castIds } = setup();
    expect(box().getAttribute('aria-expanded')).toBe('false');
    act(() => box().focus());
    expect(box().getAttribute('aria-expanded')).toBe('true');
    const listbox = document.getElementById(box().getAttribute('aria-controls')!)!;
    expect(listbox.getAttribute('role')).toBe('listbox');
    expect(options().map((o) => o.textContent)).toEqual([
      '1MARA · Ana Lind',
      '2JONAH · Tom Berg',
      '3OLD MAN · Jonas Ek',
    ]);
    act(() => options()[1]!.click());
    act(() => options()[0]!.click());
    expect(castIds()).toEqual(['c1', 'c2']);
    expect(box().value).toBe('1, 2');
    expect(options().map((o) => o.getAttribute('aria-selected'))).toEqual(['true', 'true', 'false']);
    act(() => options()[1]!.click());
    expect(castIds()).toEqual(['c1']);
  });

  it('typing filters by character or actor; arrows and Enter pick', () => {
    const { box, options, castIds } = setup();
    act(() => box().focus());
    type(box(), 'ana');
    expect(options().map((o) => o.textContent)).toEqual(['1MARA · Ana Lind']);
    key(box(), 'ArrowDown');
    expect(box().getAttribute('aria-activedescendant')).toBe(options()[0]!.id);
    key(box(), 'Enter');
    expect(castIds()).toEqual(['c1']);
  });

  it('names typed as "Mara, Jonah" resolve to their billing numbers when the field is left', () => {
    const { box, castIds } = setup();
    act(() => box().focus());
    type(box(), 'Mara, Jonah');
    act(() => box().blur());
    expect(castIds()).toEqual(['c1', 'c2']);
    expect(box().value).toBe('1, 2');
    expect(box().hasAttribute('aria-invalid')).toBe(false);
    act(() => box().focus());
    type(box(), '3 1');
    key(box(), 'Enter');
    expect(castIds()).toEqual(['c1', 'c3']);
  });

  it('an unknown or ambiguous name is refused where it was typed, and nothing changes', () => {
    const { session, box, castIds } = setup();
    act(() => box().focus());
    type(box(), 'Mara, Zed');
    act(() => box().blur());
    expect(castIds()).toEqual([]);
    expect(box().value).toBe('Mara, Zed');
    expect(box().getAttribute('aria-invalid')).toBe('true');
    const message = document.getElementById(box().getAttribute('aria-describedby')!)!;
    expect(message.textContent).toMatch(/No one called “Zed”/);
    expect(session.rejections.list()).toHaveLength(1);

    act(() => box().focus());
    type(box(), 'Jo');
    act(() => box().blur());
    expect(document.getElementById(box().getAttribute('aria-describedby')!)!.textContent).toMatch(
      /could be 2 JONAH · Tom Berg or 3 OLD MAN · Jonas Ek/,
    );
    act(() => box().focus());
    key(box(), 'Escape');
    expect(box().value).toBe('');
    expect(session.rejections.list()).toHaveLength(0);
  });

  it('castLookup: numbers, "3 Jonah" style, full and partial names; unknown numbers refused', () => {
    const lookup = castLookup(CAST);
    expect(lookup.fromText('1, 3')).toEqual(['c1', 'c3']);
    expect(lookup.fromText('2 JONAH, mara')).toEqual(['c2', 'c1']);
    expect(lookup.fromText('Tom Berg, old man')).toEqual(['c2', 'c3']);
    expect(lookup.fromText('ek')).toEqual(['c3']);
    expect(lookup.fromText('')).toEqual([]);
    expect(() => lookup.fromText('7')).toThrow(/billing number 7/);
    expect(lookup.toBilling(['c3', 'c1'])).toBe('1, 3');
  });
});
