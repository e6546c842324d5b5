/**
 * THE PUBLISH SLOT of the call sheet screen's toolbar. The `publish` work (issue 15: publishing, personal
 * links, recipients and their live status) renders its "Publish" button and the recipients/status list here;
 * the screen passes what it shows: the schedule day, its shooting-day number and the derived sheet. Until
 * publishing exists the slot renders nothing (no placeholder on screen).
 */
import type { ReactNode } from 'react';
import type { CallSheet } from '../../../../shared/calc/call-sheet';

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

export function PublishSlot(_props: PublishSlotProps): ReactNode {
  return null;
}
