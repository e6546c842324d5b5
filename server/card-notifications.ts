/**
 * Part of the composition root: a mood-board card's author hears of comments and review decisions on their
 * card. The activity is read from what the server itself applied (a member's sync update, in the vetting
 * hook; a reader's comment, in the comment route), so a tablet can neither fake nor suppress it, and the
 * actor is the member behind the token. Each notification goes to the author's devices on the set channel.
 */
import type * as Y from 'yjs';
import { cardSummary, describeCardActivity, type CardActivity } from '../shared/model/card-activity';
import type { Actor, NotificationInput } from '../shared/set-channel';
import type { Principal } from './directory/directory';
import type { Logger } from './logger';

export type NotifyMember = (
  productionId: string,
  memberId: string,
  input: NotificationInput,
  by: Actor,
) => Promise<void>;

/** Notifies each activity's card author, except when the author is the one acting (or the card has none). */
export function notifyCardAuthors(
  context: { productionId: string; doc: Y.Doc; activities: readonly CardActivity[]; principal: Principal },
  notify: NotifyMember,
  logger: Logger,
): void {
  const { productionId, doc, principal } = context;
  const by: Actor = { id: principal.memberId, name: principal.name, role: principal.role };
  for (const activity of context.activities) {
    const card = cardSummary(doc, activity.cardId);
    if (!card?.author || card.author.id === principal.memberId) continue;
    const input: NotificationInput = {
      kind: activity.kind,
      text: describeCardActivity(activity, card, principal.name),
      board: 'moodboard',
    };
    // Best effort: the comment or review is saved whatever happens to its notification.
    notify(productionId, card.author.id, input, by).catch((err: unknown) =>
      logger.warn({ err, productionId, cardId: activity.cardId }, 'card author not notified'),
    );
  }
}
