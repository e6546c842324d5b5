/**
 * What a mood-board transaction did that the card's author wants to hear about: a comment added to their
 * card, or a review decision (approved, needs changes) on it. Read from the transaction the server just
 * applied, so a tablet cannot fake or suppress it; the server turns each into a notification for the author.
 */
import * as Y from 'yjs';
import { isNew } from './authors';
import { isAuthor } from './fields';
import { isComment, moodboardRoots, REVIEW_STATUSES, type ReviewStatus } from './moodboard';
import type { Author } from './schedule-types';

export type CardActivity =
  | { kind: 'comment'; cardId: string; text: string }
  | { kind: 'review'; cardId: string; review: ReviewStatus };

/** The card as a notification names it: its caption (or kind) and who made it. */
export interface CardSummary {
  caption: string;
  author: Author | null;
}

/** Comments `transaction` added and review values it changed, in document order. */
export function cardActivity(transaction: Y.Transaction): CardActivity[] {
  const doc = transaction.doc;
  const out: CardActivity[] = [];
  if (doc.share.has('comments')) {
    const comments = doc.getArray('comments');
    for (let item = comments._start; item !== null; item = item.right) {
      if (item.deleted || !item.countable || !isNew(item, transaction)) continue;
      for (const entry of item.content.getContent()) {
        if (isComment(entry)) out.push({ kind: 'comment', cardId: entry.cardId, text: entry.text });
      }
    }
  }
  if (doc.share.has('cards')) {
    const cards = doc.getMap('cards');
    for (const [type, keys] of transaction.changed as Map<unknown, Set<string | null>>) {
      if (!(type instanceof Y.Map) || type._item?.parent !== cards || isNew(type._item, transaction))
        continue;
      if (!keys.has('review')) continue;
      const review: unknown = type.get('review');
      const cardId = type._item.parentSub;
      if (cardId && (REVIEW_STATUSES as readonly unknown[]).includes(review)) {
        out.push({ kind: 'review', cardId, review: review as ReviewStatus });
      }
    }
  }
  return out;
}

/** The card's caption and author as the document holds them now; null when there is no such card. */
export function cardSummary(doc: Y.Doc, cardId: string): CardSummary | null {
  const card = moodboardRoots(doc).cards.get(cardId);
  if (!(card instanceof Y.Map)) return null;
  const caption: unknown = card.get('caption');
  const kind: unknown = card.get('kind');
  const author: unknown = card.get('author');
  return {
    caption:
      typeof caption === 'string' && caption.trim() !== ''
        ? caption.trim()
        : `${typeof kind === 'string' ? kind : 'untitled'} card`,
    author: isAuthor(author) ? { id: author.id, name: author.name } : null,
  };
}

const REVIEW_WORDS: Record<ReviewStatus, string> = {
  pending: 'back to awaiting review',
  approved: 'approved',
  'needs-changes': 'needs changes',
};

/** The line the author reads, at most 280 characters (the set channel's limit). */
export function describeCardActivity(activity: CardActivity, card: CardSummary, actor: string): string {
  const title = `“${clip(card.caption, 60)}”`;
  const line =
    activity.kind === 'comment'
      ? `${actor} commented on your card ${title}: ${activity.text}`
      : `${actor} marked your card ${title} ${REVIEW_WORDS[activity.review]}`;
  return clip(line, 280);
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
