/**
 * The production report's sign-off, as the API answers it (`/api/productions/:id/dpr/:day`, API.md D1-D8).
 * The state lives on the server (payroll relies on it); the typed content in the `dpr` board.
 *
 *   draft --submit (AD)--> submitted --approve (producer)--> approved
 *                              |                                |
 *                              +--return (producer)--> returned <+
 *   returned --submit (AD)--> submitted
 */
import type { DprReport } from './calc/dpr';

export const DPR_STATES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type DprState = (typeof DPR_STATES)[number];

export const DPR_STEPS = ['submit', 'approve', 'return'] as const;
export type DprStep = (typeof DPR_STEPS)[number];

/** From which states each step may be taken, and where it leads. */
export const DPR_TRANSITIONS: Record<DprStep, { from: readonly DprState[]; to: DprState }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted', 'approved'], to: 'returned' },
};

/** Who takes each step (by role, as domain.md: the AD submits, the producer approves or returns). */
export const DPR_STEP_ROLES = { submit: 'ad', approve: 'producer', return: 'producer' } as const;

export const MAX_RETURN_COMMENT = 2_000;

export interface DprSignoffInfo {
  /** The last step: who took it and when (ISO 8601); null while a draft. */
  at: string | null;
  by: { id: string; name: string } | null;
  /** The producer's comment when returned; null otherwise. */
  comment: string | null;
  /** The approved version of the report board stored at the last approval; null before any. */
  versionId: string | null;
}

export interface DprResponse {
  /** The shooting day's number (1-based among shooting days in date order). */
  day: number;
  state: DprState;
  report: DprReport;
  signoff: DprSignoffInfo;
}

export interface DprListResponse {
  days: { day: number; dayId: string; date: string; state: DprState }[];
}

export interface DprReturnRequest {
  comment: string;
}
