// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { NewBoardDialog, type NewBoard } from '../../client/src/boards/moodboard/NewBoardDialog';
import { useDialogs, type Dialogs } from '../../client/src/ui/dialogs';
import type { CastMember, Scene } from '../../shared/model/breakdown';
import { act, mount } from './render';

function Host({ expose }: { expose: (d: Dialogs) => void }) {
  const dialogs = useDialogs();
  expose(dialogs);
  return <div>{dialogs.element}</div>;
}

function host(): () => Dialogs {
  let current: Dialogs | null = null;
  mount(<Host expose={(d) => (current = d)} />);
  return () => current!;
}

function dialog(): HTMLElement {
  const found = document.querySelector<HTMLElement>('[role=dialog]');
  if (!found) throw new Error('no dialog is open');
  return found;
}

function type(input: HTMLInputElement, value: string) {
  act(() => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function choose(select: HTMLSelectElement, value: string) {
  act(() => {
    const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!;
    setter.call(select, value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

function key(target: Element, name: string, shiftKey = false) {
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: name, shiftKey, bubbles: true }));
  });
}

function button(label: string): HTMLButtonElement {
  const found = [...dialog().querySelectorAll('button')].find((b) => b.textContent === label);
  if (!found) throw new Error(`no button ${label}`);
  return found;
}

describe('in-app dialogs', () => {
  it('ask: labelled, focused field; Enter submits the trimmed value and the dialog closes', async () => {
    const dialogs = host();
    let answer!: Promise<string | null>;
    act(() => {
      answer = dialogs().ask({ title: 'New section', label: 'Section title' });
    });
    const box = dialog();
    expect(box.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(box.getAttribute('aria-labelledby')!)?.textContent).toBe('New section');
    const input = box.querySelector('input')!;
    expect(document.activeElement).toBe(input);
    expect(input.closest('label')?.textContent).toContain('Section title');
    expect(button('Add').disabled).toBe(true);
    type(input, '  Wardrobe ');
    act(() => box.querySelector('form')!.requestSubmit());
    await expect(answer).resolves.toBe('Wardrobe');
    expect(document.querySelector('[role=dialog]')).toBeNull();
  });

  it('ask: validation keeps the dialog open with the reason; Escape cancels with null', async () => {
    const dialogs = host();
    let answer!: Promise<string | null>;
    act(() => {
      answer = dialogs().ask({
        title: 'Swatch',
        label: 'Colour',
        validate: (v) => (/^#[0-9a-f]{6}$/i.test(v) ? null : 'Six hex digits after #'),
      });
    });
    type(dialog().querySelector('input')!, 'red');
    act(() => dialog().querySelector('form')!.requestSubmit());
    expect(dialog().querySelector('[role=alert]')?.textContent).toBe('Six hex digits after #');
    key(dialog().querySelector('input')!, 'Escape');
    await expect(answer).resolves.toBeNull();
    expect(document.querySelector('[role=dialog]')).toBeNull();
  });

  it('confirm: focus starts on Cancel, Tab wraps inside the dialog, a backdrop tap cancels', async () => {
    const dialogs = host();
    let answer!: Promise<boolean>;
    act(() => {
      answer = dialogs().confirm({
        title: 'Remove?',
        message: 'Gone for all',
        confirmLabel: 'Remove',
        danger: true,
      });
    });
    expect(document.activeElement).toBe(button('Cancel'));
    button('Remove').focus();
    key(button('Remove'), 'Tab');
    expect(document.activeElement).toBe(button('Cancel'));
    key(button('Cancel'), 'Tab', true);
    expect(document.activeElement).toBe(button('Remove'));
    const backdrop = document.querySelector('[data-testid=dialog-backdrop]')!;
    act(() => {
      backdrop.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    });
    await expect(answer).resolves.toBe(false);
  });

  it('confirm: the confirming button resolves true', async () => {
    const dialogs = host();
    let answer!: Promise<boolean>;
    act(() => {
      answer = dialogs().confirm({ title: 'Remove?', message: 'Gone', confirmLabel: 'Remove' });
    });
    act(() => button('Remove').click());
    await expect(answer).resolves.toBe(true);
  });
});

const scenes = [
  { id: 's12', number: '12', set: 'KITCHEN' },
  { id: 's13', number: '13', set: 'ROOF' },
] as Scene[];
const cast = [{ id: 'c1', billing: 1, character: 'Mara', actor: 'A. Actor' }] as CastMember[];

describe('new mood board dialog', () => {
  it('a scene board picks its scene from the breakdown and suggests the title', () => {
    const done: (NewBoard | null)[] = [];
    mount(<NewBoardDialog scenes={scenes} cast={cast} onDone={(b) => done.push(b)} />);
    act(() => button('A scene').click());
    expect(button('A scene').getAttribute('aria-checked')).toBe('true');
    expect(button('Create board').disabled).toBe(true);
    choose(dialog().querySelector('select')!, 's13');
    const title = [...dialog().querySelectorAll('input')].at(-1)!;
    expect(title.value).toBe('Sc. 13 ROOF');
    act(() => dialog().querySelector('form')!.requestSubmit());
    expect(done).toEqual([{ title: 'Sc. 13 ROOF', kind: 'scene', sceneId: 's13', castId: null }]);
  });

  it('a character board picks a cast member; film is the default', () => {
    const done: (NewBoard | null)[] = [];
    mount(<NewBoardDialog scenes={scenes} cast={cast} onDone={(b) => done.push(b)} />);
    expect(button('Whole film').getAttribute('aria-checked')).toBe('true');
    act(() => button('A character').click());
    choose(dialog().querySelector('select')!, 'c1');
    act(() => button('Create board').click());
    expect(done).toEqual([{ title: 'Mara', kind: 'character', sceneId: null, castId: 'c1' }]);
  });

  it('without the breakdown only film boards are offered, and the reason is shown', () => {
    mount(<NewBoardDialog scenes={null} cast={null} onDone={() => undefined} />);
    expect(button('A scene').disabled).toBe(true);
    expect(button('A character').disabled).toBe(true);
    expect(dialog().textContent).toContain('which this role cannot read');
  });
});
