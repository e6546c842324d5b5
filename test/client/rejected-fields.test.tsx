// @vitest-environment happy-dom
/**
 * A refused value is shown where it was typed and the board does not look saved while one is held: the
 * shared registry (client/src/sync/rejections.ts) fed by every cell, read by the saved indicator.
 */
import { describe, expect, it } from 'vitest';
import { readShots } from '../../shared/model/shotlist';
import { Rejections, unsavedFieldsLabel } from '../../client/src/sync/rejections';
import { mountOneShot, press, typeInto } from './one-shot';
import { act } from './render';

const setup = () => mountOneShot({ code: '12A', frameRate: 24 });

function type(input: HTMLInputElement, value: string) {
  typeInto(input, value);
  act(() => input.blur());
}

describe('refused values on a board', () => {
  it('fps "abc": message in words beside the field, aria-invalid, text kept, the badge counts it and leads to it', () => {
    const { session, input, badge } = setup();
    const fps = input('Frame rate');
    expect(badge().textContent).not.toMatch(/field/);
    type(fps, 'abc');

    expect(fps.value).toBe('abc');
    expect(fps.getAttribute('aria-invalid')).toBe('true');
    const describedBy = fps.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    const message = document.getElementById(describedBy!);
    expect(message?.textContent).toMatch(/Frame rate: type a number/);
    // The message is next to the field, in the same cell, and not only a tooltip.
    expect(message?.parentElement).toBe(fps.parentElement);
    expect(readShots(session.doc)[0]!.frameRate).toBe(24);

    expect(badge().dataset.status).toBe('rejected');
    expect(badge().textContent).toBe('1 field not saved');
    act(() => badge().querySelector('button')!.click());
    expect(document.activeElement).toBe(fps);
  });

  it('a second refused field is counted; Escape puts the saved value back and clears the count', () => {
    const { session, input, badge } = setup();
    type(input('Frame rate'), 'abc');
    type(input('Shot'), '2-alt');
    expect(input('Shot').getAttribute('aria-invalid')).toBe('true');
    expect(
      document.getElementById(input('Shot').getAttribute('aria-describedby')!)?.textContent,
    ).toBeTruthy();
    expect(badge().textContent).toBe('2 fields not saved');
    expect(readShots(session.doc)[0]!.code).toBe('12A');

    const fps = input('Frame rate');
    act(() => fps.focus());
    press(fps, 'Escape');
    expect(fps.value).toBe('24');
    expect(fps.hasAttribute('aria-invalid')).toBe(false);
    expect(badge().textContent).toBe('1 field not saved');

    // Correcting the text saves it and the board no longer counts the field.
    type(input('Shot'), '12B');
    expect(readShots(session.doc)[0]!.code).toBe('12B');
    expect(input('Shot').hasAttribute('aria-invalid')).toBe(false);
    expect(badge().dataset.status).not.toBe('rejected');
  });

  it('the registry drops a field that goes away, and keeps one entry per field', () => {
    const registry = new Rejections();
    let calls = 0;
    registry.subscribe(() => calls++);
    const focus = () => undefined;
    registry.reject({ id: 'a', label: 'Lens', message: 'too long', focus });
    registry.reject({ id: 'a', label: 'Lens', message: 'too long', focus });
    expect(registry.list()).toHaveLength(1);
    expect(calls).toBe(1);
    const before = registry.list();
    registry.reject({ id: 'b', label: 'Fps', message: 'type a number', focus });
    expect(registry.list()).not.toBe(before);
    registry.clear('a');
    registry.clear('a');
    expect(registry.list().map((r) => r.id)).toEqual(['b']);
    expect(calls).toBe(3);
    expect(unsavedFieldsLabel(1)).toBe('1 field not saved');
    expect(unsavedFieldsLabel(3)).toBe('3 fields not saved');
  });
});
