/**
 * "Print / PDF" on every board: the board's printable document made on this device, online or offline, by
 * the same builders the server uses. It loads with the board (ExportActions' chunk); the PDF maker (pdfmake,
 * its font, the builders) is a worker file fetched only when a PDF is asked for, and kept by the service
 * worker so it works offline too.
 */
import { useEffect, useMemo, useState } from 'react';
import { BOARD_LABELS, type Access, type Board } from '../../../shared/boards';
import { readMoodboard } from '../../../shared/model/moodboard';
import {
  DEFAULT_SHOTLIST_OPTIONS,
  jobFileName,
  paperForLocale,
  periodLabel,
  reportPeriod,
  SCHEDULE_VIEW_LABELS,
  SCHEDULE_VIEWS,
  type Paper,
  type PeriodKind,
  type ScheduleView,
  type ShotListOptions,
} from '../../../shared/pdf';
import type { BoardSession } from '../sync/board-session';
import { Dialog } from '../ui/Dialog';
import { useBoardView } from './board-view';
import {
  collectJob,
  localIsoDate,
  PDF_WORKER_URL,
  renderInWorker,
  saveFile,
  type PrintChoices,
} from './print-job';
import type { DprState } from '../../../shared/dpr-api';

export interface PrintButtonProps {
  productionId: string;
  productionName: string;
  board: Board;
  token: string;
  permissions: Record<Board, Access>;
  session: BoardSession | null;
}

/** Asks the service worker to keep the PDF maker, so "Print / PDF" works the next time the device is offline. */
function keepForOffline(): void {
  if (!('serviceWorker' in navigator)) return;
  void navigator.serviceWorker.ready
    .then((registration) => registration.active?.postMessage({ type: 'precache', urls: [PDF_WORKER_URL] }))
    .catch(() => undefined);
}

type Status =
  { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; text: string } | { kind: 'error'; text: string };

export function PrintButton(props: PrintButtonProps) {
  const [open, setOpen] = useState(false);
  useEffect(keepForOffline, []);
  return (
    <>
      <button
        type="button"
        className="btn"
        onClick={() => setOpen(true)}
        disabled={props.session === null}
        title={`Make a PDF of the ${BOARD_LABELS[props.board].toLowerCase()} on this device`}
      >
        Print / PDF
      </button>
      {open && props.session && (
        <PrintDialog {...props} session={props.session} onClose={() => setOpen(false)} />
      )}
    </>
  );
}

function PrintDialog(props: PrintButtonProps & { session: BoardSession; onClose(): void }) {
  const { board, session } = props;
  const costView = useBoardView('costreport');
  const callSheetView = useBoardView('callsheet');
  const dprView = useBoardView('dpr');
  const [paper, setPaper] = useState<Paper>(() => paperForLocale(navigator.language));
  const [shotlist, setShotlist] = useState<ShotListOptions>(DEFAULT_SHOTLIST_OPTIONS);
  const [dayText, setDayText] = useState('');
  const [view, setView] = useState<ScheduleView>('stripboard');
  const [moodBoardId, setMoodBoardId] = useState<string>('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [dayError, setDayError] = useState<string | null>(null);
  const moodBoards = useMemo(
    () => (board === 'moodboard' ? readMoodboard(session.doc).boards : []),
    [board, session],
  );
  const period = (costView.period as PeriodKind | undefined) ?? 'week';
  const periodDate = costView.date ?? localIsoDate();

  async function make() {
    if (status.kind === 'busy') return;
    setDayError(null);
    let day: number | null = null;
    if (board === 'shotlist' && dayText.trim() !== '') {
      day = Number(dayText);
      if (!Number.isInteger(day) || day < 1) {
        setDayError('A shooting day is a number: 1, 2, 3…');
        return;
      }
    }
    setStatus({ kind: 'busy' });
    try {
      const job = await collectJob(
        board,
        {
          productionId: props.productionId,
          productionName: props.productionName,
          token: props.token,
          permissions: props.permissions,
          session,
        },
        {
          paper,
          shotlist: { ...shotlist, day },
          view,
          period,
          periodDate,
          moodBoardId: moodBoardId === '' ? null : moodBoardId,
          callSheetDay: Number(callSheetView.day ?? '1') || 1,
          costLock: costView.lock ? (JSON.parse(costView.lock) as PrintChoices['costLock']) : null,
          dpr: {
            day: Number(dprView.day ?? '1'),
            state: (dprView.state as DprState | undefined) ?? 'draft',
            by: dprView.by || null,
            at: dprView.at || null,
            comment: dprView.comment || null,
          },
        },
      );
      const { bytes, ms } = await renderInWorker(job);
      const name = jobFileName(job);
      saveFile(bytes, name);
      setStatus({
        kind: 'done',
        text: `Saved ${name} (${Math.max(1, Math.round(bytes.byteLength / 1024))} KB, made in ${(ms / 1000).toFixed(1)} s).`,
      });
    } catch (error) {
      const message = (error as Error).message;
      if (message.startsWith('day:')) setDayError(message.replace(/^day: /, ''));
      setStatus({ kind: 'error', text: `No PDF: ${message}` });
    }
  }

  return (
    <Dialog
      title={`Print / PDF: ${BOARD_LABELS[board]}`}
      onCancel={props.onClose}
      onSubmit={() => void make()}
      actions={
        <>
          <button type="button" className="btn" onClick={props.onClose}>
            Close
          </button>
          <button type="submit" className="btn primary" disabled={status.kind === 'busy'} data-autofocus>
            {status.kind === 'busy' ? 'Making the PDF…' : 'Save PDF'}
          </button>
        </>
      }
    >
      {board === 'shotlist' && (
        <>
          <label className="field">
            <span>Order</span>
            <select
              value={shotlist.order}
              onChange={(e) =>
                setShotlist({ ...shotlist, order: e.target.value as ShotListOptions['order'] })
              }
            >
              <option value="script">Script order (by scene)</option>
              <option value="shooting">Shooting order</option>
            </select>
          </label>
          <label className="field">
            <span>Shooting day (leave empty for all days)</span>
            <input
              className="cell"
              inputMode="numeric"
              value={dayText}
              aria-invalid={dayError !== null}
              aria-describedby={dayError ? 'print-day-error' : undefined}
              onChange={(e) => setDayText(e.target.value)}
            />
          </label>
          {dayError && (
            <p className="form-error" id="print-day-error">
              {dayError}
            </p>
          )}
          <label className="field">
            <span>Cut shots</span>
            <select
              value={shotlist.cut}
              onChange={(e) => setShotlist({ ...shotlist, cut: e.target.value as ShotListOptions['cut'] })}
            >
              <option value="omit">Leave out</option>
              <option value="grey">Print greyed</option>
            </select>
          </label>
          <label className="field inline">
            <input
              type="checkbox"
              checked={shotlist.images}
              onChange={(e) => setShotlist({ ...shotlist, images: e.target.checked })}
            />
            <span>Storyboard thumbnails (need the server)</span>
          </label>
        </>
      )}
      {board === 'schedule' && (
        <label className="field">
          <span>Document</span>
          <select value={view} onChange={(e) => setView(e.target.value as ScheduleView)}>
            {SCHEDULE_VIEWS.map((v) => (
              <option key={v} value={v}>
                {SCHEDULE_VIEW_LABELS[v]}
              </option>
            ))}
          </select>
        </label>
      )}
      {board === 'costreport' && (
        <p className="muted">Period as on screen: {periodLabel(period, reportPeriod(period, periodDate))}</p>
      )}
      {board === 'dpr' && (
        <p className="muted">
          Day {dprView.day ?? '1'} as on screen ({dprView.state ?? 'draft'}).
        </p>
      )}
      {board === 'moodboard' && (
        <label className="field">
          <span>Mood board</span>
          <select value={moodBoardId} onChange={(e) => setMoodBoardId(e.target.value)}>
            <option value="">Every board</option>
            {moodBoards.map((b) => (
              <option key={b.id} value={b.id}>
                {b.title}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>Paper</span>
        <select value={paper} onChange={(e) => setPaper(e.target.value as Paper)}>
          <option value="a4">A4</option>
          <option value="letter">US Letter</option>
        </select>
      </label>
      <p role="status" className={status.kind === 'error' ? 'form-error' : 'muted'}>
        {status.kind === 'done' || status.kind === 'error' ? status.text : ''}
      </p>
    </Dialog>
  );
}
