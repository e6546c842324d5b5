// @vitest-environment happy-dom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { StoryboardCell, type StoryboardAccess } from '../../client/src/boards/shotlist/Storyboard';
import { addShot, addStoryboardImage, readShot } from '../../shared/model/shotlist';
import { act, mount } from './render';
import { startTestServer, type TestServer } from '../helpers/test-server';

// Frames ask the real server for signed links (refused here: no such production); signed-images.test.tsx
// follows a link to its bytes.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(server.origin);
});
afterAll(async () => {
  // Sign requests still in flight finish before the server goes.
  await (
    window as unknown as { happyDOM: { waitUntilComplete(): Promise<void> } }
  ).happyDOM.waitUntilComplete();
  await server?.close();
});

const DIRECTOR: StoryboardAccess = { productionId: 'p1', token: 'tok', canView: true, canUpload: true };
const AD: StoryboardAccess = { ...DIRECTOR, canUpload: false };

function shotWithFrames(count: number): { doc: Y.Doc; id: string } {
  const doc = new Y.Doc();
  const id = addShot(doc, { sceneId: 'scene1', code: '12A' });
  for (let i = 0; i < count; i++) addStoryboardImage(doc, id, `/api/productions/p1/images/img${i}`);
  return { doc, id };
}

function cell(doc: Y.Doc, id: string, canWrite: boolean, access: StoryboardAccess) {
  return <StoryboardCell doc={doc} shot={readShot(doc, id)!} canWrite={canWrite} access={access} />;
}

function open(container: HTMLElement): HTMLElement {
  const button = container.querySelector<HTMLButtonElement>('button[aria-label^="Storyboard for shot 12A"]')!;
  act(() => button.click());
  return document.querySelector<HTMLElement>('[role=dialog]')!;
}

describe('storyboard frames on a shot', () => {
  it('the row shows the first frame as a thumbnail with the count; its URL never carries the token', () => {
    const { doc, id } = shotWithFrames(3);
    const { container } = mount(cell(doc, id, false, DIRECTOR));
    const thumb = container.querySelector('img.frame-thumb')!;
    // The src is a signed link once the server answers (test/e2e/tokens.test.ts); the token is never in it.
    expect(thumb.getAttribute('src') ?? '').not.toContain('tok');
    expect(container.textContent).toContain('3');
    expect(container.querySelector('button')!.getAttribute('aria-label')).toBe(
      'Storyboard for shot 12A: 3 frames',
    );
  });

  it('a reader sees every frame large and nothing to change', () => {
    const { doc, id } = shotWithFrames(2);
    const { container } = mount(cell(doc, id, false, DIRECTOR));
    const dialog = open(container);
    expect([...dialog.querySelectorAll('img')].map((img) => img.getAttribute('alt'))).toEqual([
      'Frame 1 of shot 12A',
      'Frame 2 of shot 12A',
    ]);
    expect(dialog.querySelector('input[type=file]')).toBeNull();
    expect([...dialog.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Close']);
  });

  it('a reader with no frames sees an empty cell, not a button', () => {
    const { doc, id } = shotWithFrames(0);
    const { container } = mount(cell(doc, id, false, DIRECTOR));
    expect(container.querySelector('button')).toBeNull();
  });

  it('a writer who may upload gets the attach control; removing a frame writes the model', () => {
    const { doc, id } = shotWithFrames(2);
    const { container } = mount(cell(doc, id, true, DIRECTOR));
    const dialog = open(container);
    expect(dialog.querySelector('input[type=file]')?.getAttribute('aria-label')).toBe(
      'Attach storyboard frames to shot 12A',
    );
    expect(dialog.querySelector('[role=note]')).toBeNull();
    act(() => dialog.querySelector<HTMLButtonElement>('button[aria-label="Remove frame 1"]')!.click());
    expect(readShot(doc, id)!.storyboard).toEqual(['/api/productions/p1/images/img1']);
  });

  it('a shot-list writer without mood board write is told why there is no attach control', () => {
    const { doc, id } = shotWithFrames(0);
    const { container } = mount(cell(doc, id, true, AD));
    const dialog = open(container);
    expect(dialog.querySelector('input[type=file]')).toBeNull();
    expect(dialog.querySelector('[role=note]')?.textContent).toMatch(
      /cannot attach frames.*mood\s+board edit/,
    );
  });

  it('a role that cannot open mood board images sees frame labels and the reason', () => {
    const { doc, id } = shotWithFrames(1);
    const { container } = mount(cell(doc, id, false, { ...DIRECTOR, canView: false }));
    expect(container.querySelector('img')).toBeNull();
    const dialog = open(container);
    expect(dialog.querySelector('img')).toBeNull();
    expect(dialog.textContent).toContain('which your role cannot open');
  });
});
