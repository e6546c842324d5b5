/**
 * The publish slot of the call sheet screen's toolbar: the AD's publishing panel (client/src/callsheets/
 * PublishPanel.tsx: Publish with a note, recipients with their live status, links and QR codes) for the day
 * on screen. Members who do not write the call sheet see nothing here.
 */
import type { ReactNode } from 'react';
import type { CallSheet } from '../../../../shared/calc/call-sheet';
import { PublishPanel } from '../../callsheets/PublishPanel';
import { useBoardContext } from '../../sync/use-board-session';

export interface PublishSlotProps {
  productionId: string;
  token: string;
  /** The schedule day's id (the call sheet board's key for the day). */
  dayId: string;
  /** 1-based among shooting days: the `:day` of /api/productions/:id/callsheets/:day. */
  dayNumber: number;
  /** The sheet as it would be sent now. */
  sheet: CallSheet;
  /** Whether this member may write the call sheet (AD, producer by default). */
  canWrite: boolean;
}

export function PublishSlot(props: PublishSlotProps): ReactNode {
  const { subscribeCallSheet } = useBoardContext();
  if (!props.canWrite) return null;
  return (
    <PublishPanel
      productionId={props.productionId}
      token={props.token}
      day={props.dayNumber}
      subscribe={subscribeCallSheet}
    />
  );
}
