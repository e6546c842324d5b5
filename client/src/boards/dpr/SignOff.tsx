/**
 * The report's sign-off: the state as the server holds it, and the one step this person may take now
 * (the AD submits a draft or a returned report; the producer approves a submitted one or returns it with a
 * comment). The server decides; a refusal (out of order, no permission) is shown as the server said it.
 */
import { useState } from 'react';
import type { DprResponse, DprStep } from '../../../../shared/dpr-api';
import type { Role } from '../../../../shared/boards';
import { DPR_STATE_LABELS } from '../../../../shared/pdf/dpr';

export function SignOff(props: {
  answer: DprResponse | null;
  role: Role | undefined;
  canWrite: boolean;
  busy: boolean;
  error: string | null;
  onStep: (step: DprStep, comment?: string) => void;
}) {
  const { answer, role, canWrite } = props;
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  if (!answer) return <p className="muted">Reading the sign-off…</p>;
  const state = answer.state;
  const mayAd = canWrite && role === 'ad';
  const mayProducer = canWrite && role === 'producer';
  return (
    <section className="panel dpr-signoff" aria-label="Sign-off">
      <p>
        <span
          className={`dpr-state dpr-state-${state}`}
          role="status"
          aria-label={`State: ${DPR_STATE_LABELS[state]}`}
        >
          {DPR_STATE_LABELS[state]}
        </span>
        {answer.signoff.by && answer.signoff.at && (
          <span className="muted">
            {' '}
            by {answer.signoff.by.name}, {new Date(answer.signoff.at).toLocaleString()}
          </span>
        )}
      </p>
      {state === 'returned' && answer.signoff.comment && (
        <p className="notice">Returned: {answer.signoff.comment}</p>
      )}
      <div className="segmented">
        {mayAd && (state === 'draft' || state === 'returned') && (
          <button
            type="button"
            className="btn primary"
            disabled={props.busy}
            onClick={() => props.onStep('submit')}
          >
            Submit report
          </button>
        )}
        {mayProducer && state === 'submitted' && (
          <button
            type="button"
            className="btn primary"
            disabled={props.busy}
            onClick={() => props.onStep('approve')}
          >
            Approve report
          </button>
        )}
        {mayProducer && (state === 'submitted' || state === 'approved') && !returning && (
          <button type="button" className="btn" disabled={props.busy} onClick={() => setReturning(true)}>
            Return with comment
          </button>
        )}
      </div>
      {returning && (
        <form
          className="dpr-return"
          onSubmit={(e) => {
            e.preventDefault();
            if (comment.trim() === '') {
              setCommentError('Say what the AD should change.');
              return;
            }
            setCommentError(null);
            props.onStep('return', comment.trim());
            setReturning(false);
            setComment('');
          }}
        >
          <label className="field">
            <span>Comment for the AD</span>
            <textarea
              className="cell"
              rows={3}
              value={comment}
              aria-invalid={commentError ? true : undefined}
              onChange={(e) => setComment(e.target.value)}
            />
            {commentError && (
              <span className="form-error" role="alert">
                {commentError}
              </span>
            )}
          </label>
          <div className="segmented">
            <button type="submit" className="btn primary" disabled={props.busy}>
              Return report
            </button>
            <button type="button" className="btn" onClick={() => setReturning(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {props.error && (
        <p className="form-error" role="alert">
          {props.error}
        </p>
      )}
    </section>
  );
}
