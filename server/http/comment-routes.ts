/**
 * Comments on mood-board cards from everyone who can read the board (API.md MC1-MC5):
 *   POST /productions/:id/boards/moodboard/cards/:cardId/comments {text}  readers and writers
 * Commenting is not editing. A read-only sync connection's updates are dropped whole (the sync core cannot
 * tell a comment from any other change), so a reader comments here instead: the server writes the comment
 * into the board as its own edit, with the caller's name from the token, and every tablet receives it live.
 * Writers comment through their board as before (offline too); both roads notify the card's author.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type * as Y from 'yjs';
import { z } from 'zod';
import { canRead, documentName } from '../../shared/boards';
import type { CardActivity } from '../../shared/model/card-activity';
import { addComment, moodboardRoots, type Comment } from '../../shared/model/moodboard';
import type { AddCommentResponse } from '../../shared/api-types';
import { tokenFromRequest, type AccessResolver } from '../auth/access';
import type { Principal } from '../directory/directory';
import { forbidden, notFound, unauthorized } from './api-error';
import { requireJson } from './api-router';
import { parseBody } from './validation';

/** The same bound as the model's (`addComment`): a comment is a line or two, not a document. */
export const MAX_COMMENT_LENGTH = 2_000;

const commentBody = z.strictObject({
  text: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_COMMENT_LENGTH, `must be at most ${MAX_COMMENT_LENGTH} characters`),
});

/** Comments carry this origin: the sync layer persists and relays them as the server's own edits. */
export const COMMENT_ORIGIN = { source: 'server', reason: 'reader-comment' } as const;

export interface CommentRouterOptions {
  access: AccessResolver;
  documents: { withDocument<T>(docName: string, fn: (doc: Y.Doc) => T): Promise<T> };
  /** Told of each comment written here, with the document it is in (the composition root notifies the card's author). */
  onActivity?: (context: {
    productionId: string;
    doc: Y.Doc;
    activity: CardActivity;
    principal: Principal;
  }) => void;
  now?: () => Date;
}

export function createCommentRouter(options: CommentRouterOptions): express.Router {
  const { access, documents } = options;
  const now = options.now ?? (() => new Date());
  const router = express.Router();
  const parseJson = express.json({ limit: '16kb' });

  router.post(
    '/productions/:id/boards/moodboard/cards/:cardId/comments',
    requireJson,
    parseJson,
    (req: Request, res: Response, next: NextFunction) => {
      addReaderComment(req, res).catch(next);
    },
  );

  async function addReaderComment(req: Request, res: Response): Promise<void> {
    const productionId = String(req.params.id);
    const cardId = String(req.params.cardId);
    const token = tokenFromRequest(req.headers, undefined);
    if (!token) throw unauthorized('Sign in first: send the token as "Authorization: Bearer <token>".');
    const principal = await access.authenticate(token);
    if (!principal)
      throw unauthorized('This token is unknown, expired or revoked; ask the owner for a new invite.');
    if (principal.productionId !== productionId) throw notFound(`No production ${productionId} among yours.`);
    if (!canRead(await access.access(principal, 'moodboard'))) {
      throw forbidden(
        `Your role (${principal.role}) may not see the mood board, so it cannot comment on it.`,
      );
    }
    const { text } = parseBody(commentBody, req.body);
    const author = { id: principal.memberId, name: principal.name };
    const comment = await documents.withDocument(documentName(productionId, 'moodboard'), (doc) => {
      if (!moodboardRoots(doc).cards.has(cardId)) return null;
      const at = now().toISOString();
      const id = addComment(doc, { cardId, author, at, text }, COMMENT_ORIGIN);
      options.onActivity?.({ productionId, doc, activity: { kind: 'comment', cardId, text }, principal });
      return { id, cardId, author, at, text } satisfies Comment;
    });
    if (!comment) throw notFound(`No card ${cardId} on this production's mood board.`);
    res
      .status(201)
      .setHeader('Cache-Control', 'no-store')
      .json({ comment } satisfies AddCommentResponse);
  }

  return router;
}
