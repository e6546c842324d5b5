// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SharedTextCell } from '../../client/src/ui/cells';
import { act, mount } from './render';

describe('a shared text field', () => {
  it('keeps the caret on the same character when someone else types before it', async () => {
    const doc = new Y.Doc();
    const text = doc.getText('description');
    text.insert(0, 'dolly in');
    const { container } = mount(
      <SharedTextCell label="Description" text={text} transact={(fn) => doc.transact(fn, 'local')} />,
    );
    const input = container.querySelector('input')!;
    act(() => {
      input.focus();
      input.setSelectionRange(5, 5);
      input.dispatchEvent(new KeyboardEvent('keyup', { bubbles: true, key: 'ArrowLeft' }));
    });
    await act(async () => text.insert(0, 'slow '));
    expect(input.value).toBe('slow dolly in');
    expect(input.selectionStart).toBe(10);
    await act(async () => text.insert(text.length, ' on Mara'));
    expect(input.selectionStart).toBe(10);
  });
});
