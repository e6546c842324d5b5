// @vitest-environment happy-dom
/**
 * The client's image links against the real server: a storyboard frame's `src` is a signed link the server
 * serves without any header, a link near its expiry is replaced, and an outside URL is never requested.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { StoryboardCell, StoryboardDialog } from '../../client/src/boards/shotlist/Storyboard';
import { addShot, addStoryboardImage, readShot } from '../../shared/model/shotlist';
import {
  createProduction,
  startTestServer,
  type TestProduction,
  type TestServer,
} from '../helpers/test-server';
import { mount } from './render';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('a storyboard frame'),
]);
const SIGNED = /^\/api\/productions\/[^/]+\/images\/[0-9a-f]{64}\?expires=\d+&member=[^&]+&signature=[\w-]+$/;

let server: TestServer;
let production: TestProduction;
let productionId = '';
let token = '';
let imageUrl = '';

beforeAll(async () => {
  server = await startTestServer();
  // The page's origin is the server's, as it is for the built client.
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(server.origin);
  production = await createProduction(server.origin);
  productionId = production.productionId;
  token = (await production.member('director', 'Dana Frames')).token;
  const uploaded = await fetch(`${server.origin}/api/productions/${productionId}/boards/moodboard/images`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
    body: new Uint8Array(PNG),
  });
  imageUrl = ((await uploaded.json()) as { url: string }).url;
});

afterAll(async () => {
  // Sign requests still in flight finish before the server goes.
  await (
    window as unknown as { happyDOM: { waitUntilComplete(): Promise<void> } }
  ).happyDOM.waitUntilComplete();
  await server?.close();
});

function shotWith(frames: string[]) {
  const doc = new Y.Doc();
  const id = addShot(doc, { sceneId: 'scene1', code: '4C' });
  for (const frame of frames) addStoryboardImage(doc, id, frame);
  return { doc, shot: readShot(doc, id)! };
}

describe('signed image links in the client', () => {
  it('a frame thumbnail gets a signed link that the server serves with no header and no token in it', async () => {
    const { doc, shot } = shotWith([imageUrl]);
    const access = { productionId, token, canView: true, canUpload: true };
    const { container } = mount(<StoryboardCell doc={doc} shot={shot} canWrite={false} access={access} />);
    const thumb = container.querySelector('img.frame-thumb')!;
    await vi.waitFor(() => expect(thumb.getAttribute('src')).toMatch(SIGNED));
    const src = thumb.getAttribute('src')!;
    expect(src.startsWith(`${imageUrl}?`)).toBe(true);
    expect(src).not.toContain(token);
    const served = await fetch(`${server.origin}${src}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('replaces a stored link that is about to expire, and never gives an outside URL a src', async () => {
    const stale = `${imageUrl}?expires=1&member=x&signature=old`;
    localStorage.setItem(
      `setboard.links.v1.${productionId}`,
      JSON.stringify({ [imageUrl]: { url: stale, expiresAt: Date.now() + 30_000 } }),
    );
    const outside = 'https://images.example.net/reference.png';
    const { doc, shot } = shotWith([imageUrl, outside]);
    // A second member: signers are kept per production and token, and this one starts from storage.
    const second = (await production.member('ad', 'Sam Frames')).token;
    const access = { productionId, token: second, canView: true, canUpload: false };
    const { container } = mount(
      <StoryboardDialog doc={doc} shot={shot} canWrite={false} access={access} onClose={() => {}} />,
    );
    const frames = () => [...document.querySelectorAll<HTMLImageElement>('[role=dialog] img')];
    await vi.waitFor(() => expect(frames()).toHaveLength(2));
    expect(frames()[0]!.getAttribute('src')).toBe(stale);
    await vi.waitFor(() => expect(frames()[0]!.getAttribute('src')).not.toBe(stale));
    const fresh = frames()[0]!.getAttribute('src')!;
    expect(fresh).toMatch(SIGNED);
    expect((await fetch(`${server.origin}${fresh}`)).status).toBe(200);
    expect(frames()[1]!.getAttribute('src')).toBeNull();
    expect(frames()[1]!.getAttribute('alt')).toBe('Frame 2 of shot 4C');
    expect(container.isConnected).toBe(true);
  });
});
