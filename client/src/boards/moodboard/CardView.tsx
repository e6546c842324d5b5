import { memo, useId, useState, type FormEvent, type PointerEvent as ReactPointerEvent } from 'react';
import {
  REVIEW_STATUSES,
  addComment,
  deleteCard,
  findCardBody,
  setCardReview,
  updateCard,
  type Card,
  type Comment,
  type ReviewStatus,
} from '../../../../shared/model/moodboard';
import { isImageRef, linkHref } from '../../../../shared/model/card-links';
import { addCardComment } from '../../api/endpoints';
import { ApiFailure } from '../../api/http';
import { useSignedImage } from '../../api/signed-links';
import { LOCAL_ORIGIN } from '../../sync/board-session';
import { useBoardContext } from '../../sync/use-board-session';
import { SelectCell, SharedTextCell, TextCell } from '../../ui/cells';
import { useDialogs } from '../../ui/dialogs';

const REVIEW_LABELS: Record<ReviewStatus, string> = {
  pending: 'Awaiting review',
  approved: 'Approved',
  'needs-changes': 'Needs changes',
};

export const CardView = memo(function CardView(props: {
  card: Card;
  comments: Comment[];
  dragging: boolean;
  onDragStart: (id: string, event: ReactPointerEvent) => void;
}) {
  const { session, canWrite, productionId, token } = useBoardContext();
  const dialogs = useDialogs();
  const { card } = props;
  const doc = session.doc;
  const [showComments, setShowComments] = useState(false);
  const ro = !canWrite;
  const image = useSignedImage(productionId, token, card.kind === 'image' ? card.image : null);
  return (
    <article
      className={`mood-card kind-${card.kind} review-${card.review} ${props.dragging ? 'dragging' : ''}`}
      data-item-id={card.id}
      data-testid="mood-card"
    >
      {canWrite && (
        <span
          className="drag-handle"
          role="button"
          aria-label="Drag card"
          onPointerDown={(e) => props.onDragStart(card.id, e)}
        >
          ⠿
        </span>
      )}
      {card.kind === 'image' && card.image && isImageRef(card.image) && (
        <img src={image.src} onError={image.onError} alt={card.caption || 'Reference image'} loading="lazy" />
      )}
      {/* An image card pointing outside this server (written by an old or hostile client): never an <img>. */}
      {card.kind === 'image' && card.image && !isImageRef(card.image) && <LinkOrText url={card.image} />}
      {card.kind === 'swatch' && card.colour && (
        <div className="swatch" style={{ background: card.colour }}>
          <code>{card.colour}</code>
        </div>
      )}
      {card.kind === 'link' && <LinkOrText url={card.url} />}
      {card.kind === 'note' && <NoteBody cardId={card.id} body={card.body} readOnly={ro} />}
      <TextCell
        label="Caption"
        readOnly={ro}
        value={card.caption}
        onCommit={(caption) => updateCard(doc, card.id, { caption }, LOCAL_ORIGIN)}
      />
      <div className="card-foot">
        <SelectCell
          label="Review"
          readOnly={ro}
          value={card.review}
          options={REVIEW_STATUSES}
          labels={REVIEW_LABELS}
          onCommit={(review) => setCardReview(doc, card.id, review, LOCAL_ORIGIN)}
        />
        <button
          type="button"
          className="btn small"
          onClick={() => setShowComments((s) => !s)}
          aria-expanded={showComments}
        >
          Comments ({props.comments.length})
        </button>
        {canWrite && (
          <button
            type="button"
            className="btn small card-delete"
            title="Remove this card"
            aria-label="Remove this card"
            onClick={async () => {
              const sure = await dialogs.confirm({
                title: 'Remove this card?',
                message: `${card.caption || 'This card'} and its comments leave the board for everyone.`,
                confirmLabel: 'Remove card',
                danger: true,
              });
              if (sure) deleteCard(doc, card.id, LOCAL_ORIGIN);
            }}
          >
            ✕
          </button>
        )}
      </div>
      {dialogs.element}
      {showComments && (
        <div className="comments">
          {props.comments.map((c) => (
            <p key={c.id}>
              <strong>{c.author.name}</strong> {c.text}
            </p>
          ))}
          <CommentForm cardId={card.id} />
        </div>
      )}
    </article>
  );
});

/**
 * Everyone who can read the board comments (commenting is not editing). Writers add the comment to the
 * board itself (works offline, undoable like any edit); readers' sync connection may not write, so theirs
 * goes to the server, which adds it with their name (API.md MC1) and it arrives back through the board.
 */
function CommentForm({ cardId }: { cardId: string }) {
  const { session, canWrite, productionId, token, memberId, memberName } = useBoardContext();
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    if (canWrite) {
      addComment(
        session.doc,
        { cardId, author: { id: memberId, name: memberName }, at: new Date().toISOString(), text },
        LOCAL_ORIGIN,
      );
      setDraft('');
      return;
    }
    setSending(true);
    try {
      await addCardComment(productionId, token, cardId, text);
      setDraft('');
      setError(null);
    } catch (e) {
      // Kept where it was typed, with the reason: nothing that was not saved may look saved.
      setError(
        e instanceof ApiFailure && e.kind === 'unreachable'
          ? 'Not sent: comments from a read-only role need a connection. Your text is kept; send it again once online.'
          : `Not sent: ${(e as Error).message}`,
      );
    } finally {
      setSending(false);
    }
  }

  return (
    <form onSubmit={submit}>
      <input
        className={error ? 'cell invalid' : 'cell'}
        aria-label="Comment"
        placeholder="Comment…"
        maxLength={2_000}
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => setDraft(e.target.value)}
      />
      <button type="submit" className="btn small" disabled={sending || !draft.trim()}>
        {sending ? 'Sending…' : 'Send'}
      </button>
      {error && (
        <p id={errorId} className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/** A web link opens in a new tab; anything else (`javascript:`, `data:` ...) is shown as plain text only. */
function LinkOrText({ url }: { url: string }) {
  const href = linkHref(url);
  if (href === null) return <span className="link-card plain">{url}</span>;
  return (
    <a href={href} target="_blank" rel="noreferrer noopener" className="link-card">
      {url}
    </a>
  );
}

/** The note's shared text; while it is damaged (not a shared text) its words are shown read-only. */
function NoteBody({ cardId, body, readOnly }: { cardId: string; body: string; readOnly: boolean }) {
  const { session } = useBoardContext();
  const text = findCardBody(session.doc, cardId);
  if (!text) return <TextCell label="Note" readOnly value={body} onCommit={() => undefined} />;
  return (
    <SharedTextCell
      label="Note"
      multiline
      readOnly={readOnly}
      text={text}
      transact={(fn) => session.transact(fn)}
    />
  );
}
