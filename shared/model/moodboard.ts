/**
 * Mood boards. Root types:
 * - `boards`: Y.Map boardId -> Y.Map {title, kind, sceneId, castId, order}
 * - `sections`: Y.Map sectionId -> Y.Map {boardId, title, order}
 * - `cards`: Y.Map cardId -> Y.Map {boardId, sectionId, kind, image, body: Y.Text, url, colour, caption,
 *   tags: Y.Map tag->true, scenes: Y.Map id->true, cast: Y.Map id->true, x, y, w, h, order, review,
 *   author: {id, name} | null (who made it: comments and review decisions notify them; older cards have none)}
 * - `comments`: Y.Array of Comment (append-only)
 */
import * as Y from 'yjs';
import { ModelError } from './errors';
import { compareOrdered, keyAfter } from './order-keys';
import { writeBoard } from './schema-version';
import * as v from './validate';
import { isImageRef, normaliseLink } from './card-links';
import * as f from './fields';
import {
  asString,
  createEntity,
  entity,
  entityOrNull,
  entries,
  idSet,
  newId,
  replaceText,
  setFields,
  text,
  writeIdSet,
  type Entity,
  type EntityMap,
} from './ydoc';
import { authorOrNull, type Author } from './schedule';

export const MOOD_BOARD_KINDS = ['film', 'scene', 'character'] as const;
export type MoodBoardKind = (typeof MOOD_BOARD_KINDS)[number];
export const CARD_KINDS = ['image', 'note', 'link', 'swatch'] as const;
export type CardKind = (typeof CARD_KINDS)[number];
export const REVIEW_STATUSES = ['pending', 'approved', 'needs-changes'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface MoodBoard {
  id: string;
  title: string;
  kind: MoodBoardKind;
  /** The scene (kind scene) or cast member (kind character) the board serves. */
  sceneId: string | null;
  castId: string | null;
  order: string;
}

export interface Section {
  id: string;
  boardId: string;
  title: string;
  order: string;
}

export interface Card {
  id: string;
  boardId: string;
  sectionId: string | null;
  kind: CardKind;
  /** Uploaded image reference (kind image). */
  image: string | null;
  /** The note's text (Y.Text in the document). */
  body: string;
  url: string;
  /** `#rrggbb` (kind swatch). */
  colour: string | null;
  caption: string;
  tags: string[];
  sceneIds: string[];
  castIds: string[];
  /** Canvas position and size in board units. */
  x: number;
  y: number;
  w: number;
  h: number;
  order: string;
  review: ReviewStatus;
  /** Who made the card (stamped by the server from the writer's token); null on cards from before. */
  author: Author | null;
}

export interface Comment {
  id: string;
  cardId: string;
  author: Author;
  /** ISO 8601 time. */
  at: string;
  text: string;
}

export interface Moodboard {
  boards: MoodBoard[];
  sections: Section[];
  cards: Card[];
  comments: Comment[];
}

export type CardFields = Omit<Card, 'id' | 'order' | 'boardId' | 'author'>;

const BOARD_FIELDS = {
  title: f.string(),
  kind: f.choice(MOOD_BOARD_KINDS, 'film'),
  sceneId: f.stringOrNull(),
  castId: f.stringOrNull(),
  order: f.orderKey(),
};
const SECTION_FIELDS = { boardId: f.string(), title: f.string(), order: f.orderKey() };
const CARD_FIELDS = {
  boardId: f.string(),
  sectionId: f.stringOrNull(),
  kind: f.choice(CARD_KINDS, 'note'),
  image: f.stringOrNull(),
  body: f.sharedText(),
  url: f.string(),
  colour: f.colourOrNull(),
  caption: f.string(),
  tags: f.idSet(),
  scenes: f.idSet(),
  cast: f.idSet(),
  x: f.number(0, -1e6, 1e6),
  y: f.number(0, -1e6, 1e6),
  w: f.number(240, 1, 1e5),
  h: f.number(180, 1, 1e5),
  order: f.orderKey(),
  review: f.choice(REVIEW_STATUSES, 'pending'),
  author: authorOrNull,
};

/** A sound comment: the shape addComment writes. */
export function isComment(v: unknown): v is Comment {
  return (
    f.isRecord(v) &&
    typeof v.id === 'string' &&
    typeof v.cardId === 'string' &&
    f.isAuthor(v.author) &&
    typeof v.at === 'string' &&
    !Number.isNaN(Date.parse(v.at)) &&
    typeof v.text === 'string'
  );
}

/** What each root holds, for the readers and for damage.ts. */
export const MOODBOARD_SHAPE = {
  boards: { type: 'entities', fields: BOARD_FIELDS },
  sections: { type: 'entities', fields: SECTION_FIELDS },
  cards: { type: 'entities', fields: CARD_FIELDS },
  comments: { type: 'list', entry: isComment },
} as const satisfies f.DocShape;

export function moodboardRoots(doc: Y.Doc) {
  return {
    boards: doc.getMap('boards') as EntityMap,
    sections: doc.getMap('sections') as EntityMap,
    cards: doc.getMap('cards') as EntityMap,
    comments: doc.getArray('comments') as Y.Array<Comment>,
  };
}

function lastKey(map: EntityMap, filter: (e: Entity) => boolean): { id: string; key: string }[] {
  return entries(map)
    .filter(([, e]) => filter(e))
    .map(([id, e]) => ({ id, key: asString(e.get('order'), '1') }))
    .sort(compareOrdered);
}

export function addMoodBoard(
  doc: Y.Doc,
  input: { title: string; kind: MoodBoardKind; sceneId?: string | null; castId?: string | null; id?: string },
  origin?: unknown,
): string {
  const fields = {
    title: v.nonEmpty('title', input.title),
    kind: v.oneOf('kind', input.kind, MOOD_BOARD_KINDS),
    sceneId: v.nullable(input.sceneId ?? null, (x) => v.id('sceneId', x)),
    castId: v.nullable(input.castId ?? null, (x) => v.id('castId', x)),
  };
  if (fields.kind === 'scene' && !fields.sceneId)
    throw new ModelError('sceneId', 'a scene board needs a scene');
  if (fields.kind === 'character' && !fields.castId)
    throw new ModelError('castId', 'a character board needs a cast member');
  const boardId = input.id === undefined ? newId() : v.id('id', input.id);
  const { boards } = moodboardRoots(doc);
  const items = lastKey(boards, () => true);
  const order = keyAfter(items, items.at(-1)?.id ?? null, doc.clientID);
  return writeBoard(doc, 'moodboard', origin, () => {
    createEntity(boards, boardId, 'board', { ...fields, order });
    return boardId;
  });
}

export function addSection(
  doc: Y.Doc,
  input: { boardId: string; title: string; id?: string },
  origin?: unknown,
): string {
  const { boards, sections } = moodboardRoots(doc);
  const boardId = v.id('boardId', input.boardId);
  entity(boards, boardId, 'board');
  const title = v.nonEmpty('title', input.title);
  const sectionId = input.id === undefined ? newId() : v.id('id', input.id);
  const items = lastKey(sections, (e) => e.get('boardId') === boardId);
  const order = keyAfter(items, items.at(-1)?.id ?? null, doc.clientID);
  return writeBoard(doc, 'moodboard', origin, () => {
    createEntity(sections, sectionId, 'section', { boardId, title, order });
    return sectionId;
  });
}

export function renameMoodBoard(doc: Y.Doc, boardId: string, title: string, origin?: unknown): void {
  const value = v.nonEmpty('title', title);
  const e = entity(moodboardRoots(doc).boards, boardId, 'board');
  writeBoard(doc, 'moodboard', origin, () => setFields(e, { title: value }));
}

export function renameSection(doc: Y.Doc, sectionId: string, title: string, origin?: unknown): void {
  const value = v.nonEmpty('title', title);
  const e = entity(moodboardRoots(doc).sections, sectionId, 'section');
  writeBoard(doc, 'moodboard', origin, () => setFields(e, { title: value }));
}

/** Removes a section; its cards stay on the board's canvas (a card is never lost with its section). */
export function deleteSection(doc: Y.Doc, sectionId: string, origin?: unknown): void {
  const { sections, cards } = moodboardRoots(doc);
  entity(sections, sectionId, 'section');
  writeBoard(doc, 'moodboard', origin, () => {
    for (const [, card] of entries(cards))
      if (card.get('sectionId') === sectionId) card.set('sectionId', null);
    sections.delete(sectionId);
  });
}

export function validateCard(input: Partial<CardFields>): Partial<CardFields> {
  const out: Partial<CardFields> = {};
  if (input.sectionId !== undefined) out.sectionId = v.nullable(input.sectionId, (x) => v.id('sectionId', x));
  if (input.kind !== undefined) out.kind = v.oneOf('kind', input.kind, CARD_KINDS);
  if (input.image !== undefined) {
    out.image = v.nullable(input.image, (x) => v.nonEmpty('image', x, 500));
    if (out.image !== null && !isImageRef(out.image))
      throw new ModelError('image', 'must be an image uploaded to this board, not an outside address');
  }
  if (input.body !== undefined) out.body = v.str('body', input.body, { max: 10_000 });
  if (input.url !== undefined) {
    const typed = v.str('url', input.url, { max: 2_000 });
    const link = typed.trim() === '' ? '' : normaliseLink(typed);
    if (link === null) throw new ModelError('url', 'must be a web address (https://… or www.…)');
    out.url = link;
  }
  if (input.colour !== undefined) out.colour = v.nullable(input.colour, (x) => v.hexColour('colour', x));
  if (input.caption !== undefined) out.caption = v.str('caption', input.caption, { max: 500 });
  if (input.tags !== undefined) out.tags = v.stringList('tags', input.tags, 40);
  if (input.sceneIds !== undefined) out.sceneIds = v.idList('sceneIds', input.sceneIds);
  if (input.castIds !== undefined) out.castIds = v.idList('castIds', input.castIds);
  for (const key of ['x', 'y'] as const)
    if (input[key] !== undefined) out[key] = v.decimal(key, input[key], -1e6, 1e6);
  for (const key of ['w', 'h'] as const)
    if (input[key] !== undefined) out[key] = v.decimal(key, input[key], 1, 1e5);
  if (input.review !== undefined) out.review = v.oneOf('review', input.review, REVIEW_STATUSES);
  return out;
}

const CARD_DEFAULTS: CardFields = {
  sectionId: null,
  kind: 'note',
  image: null,
  body: '',
  url: '',
  colour: null,
  caption: '',
  tags: [],
  sceneIds: [],
  castIds: [],
  x: 0,
  y: 0,
  w: 240,
  h: 180,
  review: 'pending',
};

export function addCard(
  doc: Y.Doc,
  input: Partial<CardFields> & { boardId: string; id?: string; author?: Author | null },
  origin?: unknown,
): string {
  const fields = validateCard({ ...CARD_DEFAULTS, ...input }) as CardFields;
  const author =
    input.author == null
      ? null
      : {
          id: v.nonEmpty('author.id', input.author.id, 64),
          name: v.nonEmpty('author.name', input.author.name),
        };
  const { boards, sections, cards } = moodboardRoots(doc);
  const boardId = v.id('boardId', input.boardId);
  entity(boards, boardId, 'board');
  if (fields.sectionId !== null) entity(sections, fields.sectionId, 'section');
  if (fields.kind === 'swatch' && fields.colour === null)
    throw new ModelError('colour', 'a swatch needs a colour');
  if (fields.kind === 'image' && fields.image === null)
    throw new ModelError('image', 'an image card needs an image');
  const cardId = input.id === undefined ? newId() : v.id('id', input.id);
  const items = lastKey(cards, (e) => e.get('boardId') === boardId);
  const order = keyAfter(items, items.at(-1)?.id ?? null, doc.clientID);
  const { body, tags, sceneIds, castIds, ...plain } = fields;
  return writeBoard(doc, 'moodboard', origin, () => {
    createEntity(cards, cardId, 'card', {
      ...plain,
      boardId,
      order,
      author,
      body: new Y.Text(body),
      tags: idSetOf(tags),
      scenes: idSet(sceneIds),
      cast: idSet(castIds),
    });
    return cardId;
  });
}

function idSetOf(values: readonly string[]): Y.Map<true> {
  const set = new Y.Map<true>();
  for (const value of values) set.set(value, true);
  return set;
}

export function updateCard(doc: Y.Doc, cardId: string, patch: Partial<CardFields>, origin?: unknown): void {
  const fields = validateCard(patch);
  const e = entity(moodboardRoots(doc).cards, cardId, 'card');
  if (fields.sectionId) entity(moodboardRoots(doc).sections, fields.sectionId, 'section');
  const { body, tags, sceneIds, castIds, ...plain } = fields;
  writeBoard(doc, 'moodboard', origin, () => {
    setFields(e, plain);
    if (body !== undefined) replaceText(text(e.get('body')), body);
    if (tags !== undefined) writeIdSet(e, 'tags', tags);
    if (sceneIds !== undefined) writeIdSet(e, 'scenes', sceneIds);
    if (castIds !== undefined) writeIdSet(e, 'cast', castIds);
  });
}

/** Move a card to a section (null: the board's canvas) and right after `afterId` in the board's order. */
export function moveCard(
  doc: Y.Doc,
  cardId: string,
  target: { sectionId: string | null; afterId: string | null },
  origin?: unknown,
): void {
  const { sections, cards } = moodboardRoots(doc);
  const e = entity(cards, cardId, 'card');
  const sectionId = v.nullable(target.sectionId, (x) => v.id('sectionId', x));
  if (sectionId !== null) entity(sections, sectionId, 'section');
  const boardId = e.get('boardId');
  const items = lastKey(cards, (c) => c.get('boardId') === boardId).filter((item) => item.id !== cardId);
  const order = keyAfter(items, target.afterId, doc.clientID);
  writeBoard(doc, 'moodboard', origin, () => setFields(e, { sectionId, order }));
}

export function setCardReview(doc: Y.Doc, cardId: string, review: ReviewStatus, origin?: unknown): void {
  updateCard(doc, cardId, { review }, origin);
}

export function deleteCard(doc: Y.Doc, cardId: string, origin?: unknown): void {
  entity(moodboardRoots(doc).cards, cardId, 'card');
  writeBoard(doc, 'moodboard', origin, () => moodboardRoots(doc).cards.delete(cardId));
}

export function addComment(
  doc: Y.Doc,
  input: { cardId: string; author: Author; at: string; text: string; id?: string },
  origin?: unknown,
): string {
  const cardId = v.id('cardId', input.cardId);
  entity(moodboardRoots(doc).cards, cardId, 'card');
  const at = v.nonEmpty('at', input.at, 40);
  if (Number.isNaN(Date.parse(at))) throw new ModelError('at', `expected an ISO 8601 time, got ${at}`);
  const comment: Comment = {
    id: input.id === undefined ? newId() : v.id('id', input.id),
    cardId,
    author: {
      id: v.nonEmpty('author.id', input.author?.id, 64),
      name: v.nonEmpty('author.name', input.author?.name),
    },
    at,
    text: v.nonEmpty('text', input.text, 2_000),
  };
  writeBoard(doc, 'moodboard', origin, () => moodboardRoots(doc).comments.push([comment]));
  return comment.id;
}

/** The shared text of a note card, for binding a text input. */
export function cardBody(doc: Y.Doc, cardId: string): Y.Text {
  return text(entity(moodboardRoots(doc).cards, cardId, 'card').get('body'));
}

/** The same text, or null while the field is damaged (not a Y.Text): show it read-only then. */
export function findCardBody(doc: Y.Doc, cardId: string): Y.Text | null {
  const value = entityOrNull(moodboardRoots(doc).cards, cardId)?.get('body');
  return value instanceof Y.Text ? value : null;
}

function readCardEntity(id: string, e: Entity): Card {
  const { tags, scenes, cast, ...fields } = f.readFields(e, CARD_FIELDS);
  return { id, ...fields, tags, sceneIds: scenes, castIds: cast };
}

const byOrder = (a: { order: string; id: string }, b: { order: string; id: string }) =>
  compareOrdered({ key: a.order, id: a.id }, { key: b.order, id: b.id });

export function readMoodboard(doc: Y.Doc): Moodboard {
  const { boards, sections, cards, comments } = moodboardRoots(doc);
  const sectionList = entries(sections)
    .map(([id, e]) => ({ id, ...f.readFields(e, SECTION_FIELDS) }))
    .sort(byOrder);
  const sectionIds = new Set(sectionList.map((section) => section.id));
  return {
    boards: entries(boards)
      .map(([id, e]) => ({ id, ...f.readFields(e, BOARD_FIELDS) }))
      .sort(byOrder),
    sections: sectionList,
    cards: entries(cards)
      .map(([id, e]) => readCardEntity(id, e))
      .map((c) => (c.sectionId !== null && !sectionIds.has(c.sectionId) ? { ...c, sectionId: null } : c))
      .sort(byOrder),
    comments: (comments.toArray() as unknown[])
      .filter(isComment)
      .map((c) => ({
        id: c.id,
        cardId: c.cardId,
        author: { id: c.author.id, name: c.author.name },
        at: c.at,
        text: c.text,
      }))
      .sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}

/** Pure selectors for narrow subscriptions. */
export function selectCardsOfBoard(m: Moodboard, boardId: string): Card[] {
  return m.cards.filter((c) => c.boardId === boardId);
}

export function selectCommentsOfCard(m: Moodboard, cardId: string): Comment[] {
  return m.comments.filter((c) => c.cardId === cardId);
}
