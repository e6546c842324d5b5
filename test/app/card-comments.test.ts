/**
 * Mood-board comments and review decisions notify the card's author, and everyone who can read the mood
 * board can comment on it (API.md MC1-MC5, server/setchannel/SPEC.md S11-S12). Whole server on port 0, the
 * stock y-websocket provider as a tablet and socket.io-client as the author's set channel.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import * as Y from 'yjs';
import type { AddCommentResponse, JoinResponse } from '../../shared/api-types';
import { documentName } from '../../shared/boards';
import {
  addCard,
  addComment,
  addMoodBoard,
  readMoodboard,
  setCardReview,
  updateCard,
} from '../../shared/model/moodboard';
import type { Notification } from '../../shared/set-channel';
import { setSocket } from '../api/harness';
import {
  api,
  connectBoard,
  createProduction,
  startTestServer,
  whenSynced,
  type TestProduction,
  type TestServer,
} from '../helpers/test-server';

let t: TestServer;
let production: TestProduction;
let director: JoinResponse;
let crew: JoinResponse;
let department: JoinResponse;

beforeAll(async () => {
  t = await startTestServer();
  production = await createProduction(t.origin, 'Salt Marsh');
  director = await production.member('director', 'Dee Director');
  crew = await production.member('crew', 'Cal Crew');
  department = await production.member('department', 'Dora Design');
});
afterAll(() => t.close());

function tablet(token: string) {
  const { doc, provider } = connectBoard(t.wsOrigin, production.productionId, 'moodboard', token);
  onTestFinished(() => provider.destroy());
  return { doc, provider };
}

/** The author's set channel: every notification it receives, and the read marker the server sends. */
async function setChannelOf(token: string) {
  const socket = setSocket(t.origin, { token });
  onTestFinished(() => {
    socket.disconnect();
  });
  const got = {
    live: [] as Notification[],
    history: [] as Notification[][],
    readUpTo: [] as (string | null)[],
  };
  socket.on('notification', (n) => got.live.push(n));
  socket.on('notification-history', (h) => got.history.push(h));
  socket.on('notifications-read', (r) => got.readUpTo.push(r));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  await vi.waitFor(() => expect(got.readUpTo).toHaveLength(1), 5_000);
  return { socket, got };
}

/** A card the director makes on their tablet, stored once the server holds it. */
async function directorsCard(caption: string): Promise<{ cardId: string; doc: Y.Doc }> {
  const { doc, provider } = tablet(director.token);
  await whenSynced(provider);
  const boardId =
    readMoodboard(doc).boards[0]?.id ?? addMoodBoard(doc, { title: 'Look', kind: 'film' }, 'tablet');
  // The tablet claims someone else made it; the server re-stamps the author from the token.
  const cardId = addCard(doc, { boardId, kind: 'note', caption, author: { id: 'x', name: 'Forged' } });
  await vi.waitFor(async () => {
    const author = await t.server.sync.withDocument(
      documentName(production.productionId, 'moodboard'),
      (d) => readMoodboard(d).cards.find((c) => c.id === cardId)?.author ?? null,
    );
    expect(author).toEqual({ id: director.member.id, name: 'Dee Director' });
  });
  return { cardId, doc };
}

const postComment = (token: string, cardId: string, body: unknown, productionId = production.productionId) =>
  api<AddCommentResponse & { error?: { code: string; message: string } }>(
    t.origin,
    'POST',
    `/api/productions/${productionId}/boards/moodboard/cards/${cardId}/comments`,
    token,
    body,
  );

describe('comments from readers', () => {
  it('[MC1] a reader (crew) comments over HTTP; the comment reaches a writer tablet live, by its author', async () => {
    const { cardId, doc } = await directorsCard('Fog over the marsh');
    const reply = await postComment(crew.token, cardId, {
      text: '  Will the fog machine be on the truck?  ',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.comment).toMatchObject({
      cardId,
      author: { id: crew.member.id, name: 'Cal Crew' },
      text: 'Will the fog machine be on the truck?',
    });
    await vi.waitFor(() =>
      expect(readMoodboard(doc).comments.map((c) => [c.author.name, c.text])).toContainEqual([
        'Cal Crew',
        'Will the fog machine be on the truck?',
      ]),
    );
  });

  it('[MC2] a reader’s other edits are still refused: a caption change over the stock provider is dropped', async () => {
    const { cardId } = await directorsCard('Reeds at dawn');
    const reader = tablet(crew.token);
    await whenSynced(reader.provider);
    const rejected = () => t.server.metrics.registry.getSingleMetric('setboard_sync_rejected_frames_total');
    const readOnlyCount = async () =>
      ((await rejected()?.get())?.values ?? [])
        .filter((v) => v.labels.reason === 'read-only')
        .reduce((sum, v) => sum + v.value, 0);
    const before = await readOnlyCount();
    updateCard(reader.doc, cardId, { caption: 'Changed by crew' });
    addComment(reader.doc, {
      cardId,
      author: { id: crew.member.id, name: 'Cal Crew' },
      at: new Date().toISOString(),
      text: 'A comment through the board itself',
    });
    await vi.waitFor(async () => expect(await readOnlyCount()).toBeGreaterThan(before));
    const held = await t.server.sync.withDocument(documentName(production.productionId, 'moodboard'), (d) =>
      readMoodboard(d),
    );
    expect(held.cards.find((c) => c.id === cardId)?.caption).toBe('Reeds at dawn');
    expect(held.comments.map((c) => c.text)).not.toContain('A comment through the board itself');
  });

  it('[MC3] bad text is refused with a message naming the field, and nothing is written', async () => {
    const { cardId } = await directorsCard('Boat shed');
    for (const body of [
      { text: '   ' },
      { text: 'x'.repeat(2_001) },
      { text: 'ok', author: 'someone' },
      {},
    ]) {
      const reply = await postComment(crew.token, cardId, body);
      expect(reply.status).toBe(400);
      expect(reply.body.error?.message).toMatch(/text|author/);
    }
    const held = await t.server.sync.withDocument(documentName(production.productionId, 'moodboard'), (d) =>
      readMoodboard(d).comments.filter((c) => c.cardId === cardId),
    );
    expect(held).toEqual([]);
  });

  it('[MC4] no token → 401, another production → 404, an unknown card → 404, a role without the board → 403', async () => {
    const { cardId } = await directorsCard('Lighthouse');
    expect((await postComment('', cardId, { text: 'hi' })).status).toBe(401);
    const other = await createProduction(t.origin, 'Other Film');
    expect((await postComment(crew.token, cardId, { text: 'hi' }, other.productionId)).status).toBe(404);
    expect((await postComment(crew.token, 'no-such-card', { text: 'hi' })).status).toBe(404);
    const matrix = await api<{ permissions: Record<string, Record<string, string>> }>(
      t.origin,
      'GET',
      `/api/productions/${production.productionId}/permissions`,
      production.ownerToken,
    );
    const permissions = {
      ...matrix.body.permissions,
      crew: { ...matrix.body.permissions.crew, moodboard: 'none' },
    };
    await api(
      t.origin,
      'PUT',
      `/api/productions/${production.productionId}/permissions`,
      production.ownerToken,
      {
        permissions,
      },
    );
    onTestFinished(async () => {
      await api(
        t.origin,
        'PUT',
        `/api/productions/${production.productionId}/permissions`,
        production.ownerToken,
        {
          permissions: matrix.body.permissions,
        },
      );
    });
    const refused = await postComment(crew.token, cardId, { text: 'hi' });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.message).toMatch(/crew/);
  });
});

describe('the card’s author is notified', () => {
  it('[MC5][S11] a reader’s comment and a writer’s review decision reach the author’s set channel, and only theirs', async () => {
    const { cardId } = await directorsCard('Wet sand palette');
    const author = await setChannelOf(director.token);
    const bystander = await setChannelOf(department.token);

    await postComment(crew.token, cardId, { text: 'Love the greys' });
    await vi.waitFor(() => expect(author.got.live).toHaveLength(1));
    expect(author.got.live[0]).toMatchObject({
      kind: 'comment',
      board: 'moodboard',
      to: director.member.id,
      by: { id: crew.member.id, name: 'Cal Crew', role: 'crew' },
      text: 'Cal Crew commented on your card “Wet sand palette”: Love the greys',
    });

    // A department head (a writer) approves on their own tablet, through the board.
    const dept = tablet(department.token);
    await whenSynced(dept.provider);
    setCardReview(dept.doc, cardId, 'approved');
    await vi.waitFor(() => expect(author.got.live).toHaveLength(2));
    expect(author.got.live[1]).toMatchObject({
      kind: 'review',
      text: 'Dora Design marked your card “Wet sand palette” approved',
    });
    // The department head commenting through the board notifies the author too.
    addComment(dept.doc, {
      cardId,
      author: { id: department.member.id, name: 'Dora Design' },
      at: new Date().toISOString(),
      text: 'Matches the costume tests',
    });
    await vi.waitFor(() => expect(author.got.live).toHaveLength(3));
    expect(author.got.live[2]?.text).toBe(
      'Dora Design commented on your card “Wet sand palette”: Matches the costume tests',
    );
    expect(bystander.got.live).toEqual([]);
  });

  it('[S11] the author’s own comment notifies nobody; a device that connects later finds the notification in its history', async () => {
    const { cardId, doc } = await directorsCard('Night harbour');
    const author = await setChannelOf(director.token);
    addComment(doc, {
      cardId,
      author: { id: director.member.id, name: 'Dee Director' },
      at: new Date().toISOString(),
      text: 'Note to self',
    });
    await postComment(crew.token, cardId, { text: 'Is this the night exterior?' });
    await vi.waitFor(() => expect(author.got.live).toHaveLength(1));
    expect(author.got.live[0]?.text).toMatch(/Cal Crew commented/);
    const later = await setChannelOf(director.token);
    expect(later.got.history[0]?.map((n) => n.id)).toContain(author.got.live[0]!.id);
    const crewDevice = await setChannelOf(crew.token);
    expect(crewDevice.got.history[0]?.some((n) => n.to !== undefined)).toBe(false);
  });

  it('[S11] an author whose role lost the mood board is not sent the comment', async () => {
    const { cardId } = await directorsCard('Harbour wall');
    const author = await setChannelOf(director.token);
    const path = `/api/productions/${production.productionId}/permissions`;
    const matrix = await api<{ permissions: Record<string, Record<string, string>> }>(
      t.origin,
      'GET',
      path,
      production.ownerToken,
    );
    const without = {
      ...matrix.body.permissions,
      director: { ...matrix.body.permissions.director, moodboard: 'none' },
    };
    await api(t.origin, 'PUT', path, production.ownerToken, { permissions: without });
    expect((await postComment(crew.token, cardId, { text: 'Hidden from the director' })).status).toBe(201);
    await api(t.origin, 'PUT', path, production.ownerToken, { permissions: matrix.body.permissions });
    expect((await postComment(crew.token, cardId, { text: 'Seen by the director' })).status).toBe(201);
    await vi.waitFor(() => expect(author.got.live).toHaveLength(1));
    expect(author.got.live[0]?.text).toMatch(/Seen by the director$/);
  });

  it('[S12] marking read on one device reaches the member’s other devices and is kept for the next', async () => {
    const phone = await setChannelOf(crew.token);
    const tabletChannel = await setChannelOf(crew.token);
    const at = new Date().toISOString();
    const ack = await phone.socket.timeout(5_000).emitWithAck('notifications:read', at);
    expect(ack).toEqual({ ok: true });
    await vi.waitFor(() => expect(tabletChannel.got.readUpTo.at(-1)).toBe(at));
    // Never backwards: an older time from an offline device changes nothing.
    expect(
      await phone.socket.timeout(5_000).emitWithAck('notifications:read', '2020-01-01T00:00:00.000Z'),
    ).toEqual({
      ok: true,
    });
    const next = await setChannelOf(crew.token);
    expect(next.got.readUpTo[0]).toBe(at);
    expect(await phone.socket.timeout(5_000).emitWithAck('notifications:read', 'yesterday')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Invalid read time/),
    });
  });
});
