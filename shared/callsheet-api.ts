/**
 * Payloads of publishing a day's call sheet and of the personal links (server/http/API.md CS1-CS12):
 * the AD's routes under `/api/productions/:id/callsheets/:day` and the account-free `/api/callsheet/:code`.
 * Shared by the server's routes, the AD's panel and the personal link page.
 */
import type { Role } from './boards';
import type { CallSheetContact } from './calc/call-sheet';
import type { DoodCode } from './calc/dood';

/** Who may publish, reissue links and watch confirmations (and receives `callsheet:status`). */
export const CALLSHEET_PUBLISHERS = ['ad', 'producer'] as const satisfies readonly Role[];

/**
 * A recipient's state for one revision: `sent` (their link shows it; must confirm), `opened`, `confirmed`,
 * and `superseded` once a newer revision is published.
 */
export const RECIPIENT_STATUSES = ['sent', 'opened', 'confirmed', 'superseded'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/** E-mail delivery of a revision to one recipient; null when it was not e-mailed (no SMTP_URL, no address). */
export interface Delivery {
  status: 'delivered' | 'failed';
  /** Why it failed, in the SMTP server's words; null when delivered. */
  reason: string | null;
  at: string;
}

export interface RevisionInfo {
  n: number;
  /** `White`, `Blue`, ... (`shared/revision-colours.ts`). */
  colour: string;
  /** ISO 8601. */
  publishedAt: string;
  by: { id: string; name: string };
  note: string | null;
}

export interface PublishedRecipient {
  personId: string;
  name: string;
  /** `<origin>/c/<code>` for people who got their link for this day now; null: their link keeps working. */
  url: string | null;
  status: RecipientStatus;
  delivery: Delivery | null;
}

/** `POST /api/productions/:id/callsheets/:day/publish` → 201. */
export interface PublishResponse {
  revision: RevisionInfo;
  recipients: PublishedRecipient[];
}

export interface PublishRequest {
  note?: string;
}

export const MAX_PUBLISH_NOTE = 2000;

export interface RecipientInfo {
  personId: string;
  name: string;
  status: RecipientStatus;
  openedAt: string | null;
  confirmedAt: string | null;
  /** Set when the revision changed this person's own part: why they must confirm again. */
  ownChanges: string[];
  delivery: Delivery | null;
  /** Whether the person has an e-mail address (a link can be sent) — never the address itself. */
  hasEmail: boolean;
}

/** `GET /api/productions/:id/callsheets/:day` → 200, newest revision first. */
export interface CallSheetRevisionsResponse {
  revisions: Array<RevisionInfo & { recipients: RecipientInfo[] }>;
}

/** `POST .../recipients/:personId/link` → 201. */
export interface ReissueLinkResponse {
  personId: string;
  name: string;
  url: string;
}

export interface PersonalScene {
  number: string | null;
  intExt: string | null;
  set: string | null;
  /** D/N: DAY, NIGHT, DAWN, DUSK. */
  time: string | null;
  eighths: number;
  /** `1 3/8` */
  pages: string;
  castBillings: number[];
  location: string | null;
  /** The person is in this scene (cast). */
  yours: boolean;
  /** A company move (the whole unit relocates) comes right before this scene. */
  companyMoveBefore: boolean;
}

/** A key contact as the sheet prints it, without the list's internal id. */
export type PersonalContact = Omit<CallSheetContact, 'personId'>;

/** `GET /api/callsheet/:code` → 200: one person's view of the latest revision of their day. */
export interface PersonalSheet {
  production: { name: string };
  day: {
    number: number;
    of: number;
    date: string;
    crewCall: string;
    shootingCall: string;
    sunrise: string | null;
    sunset: string | null;
    projectedLunch: string | null;
  };
  revision: { n: number; colour: string; publishedAt: string; note: string | null };
  you: {
    name: string;
    department: string | null;
    title: string | null;
    /** `HH:MM`; null when not called this day. */
    call: string | null;
    status: RecipientStatus;
    /** What changed in your own part since the previous revision (you are asked to confirm again). */
    ownChanges: string[];
  };
  /** What changed on the sheet since the previous revision, for everyone. */
  changes: string[];
  weather: string | null;
  parking: string | null;
  basecamp: string | null;
  notes: string | null;
  scenes: PersonalScene[];
  locations: Array<{ name: string; address: string | null; hospital: string | null; scenes: string[] }>;
  cast: Array<{
    billing: number;
    character: string;
    actor: string;
    dood: DoodCode;
    pickup: string | null;
    hairMakeup: string | null;
    onSet: string | null;
  }>;
  /** The next shooting day's scenes (empty after the last day). */
  advance: PersonalScene[];
  advanceDay: { number: number; date: string; crewCall: string } | null;
  keyContacts: PersonalContact[];
}

/** `POST /api/callsheet/:code/confirm` → 200. */
export interface ConfirmResponse {
  status: 'confirmed';
  revision: { n: number; colour: string };
}

/** The set-channel event `callsheet:status`, to AD and producer members only. */
export interface CallSheetStatusEvent {
  day: number;
  revision: number;
  personId: string;
  name: string;
  status: RecipientStatus;
  /** ISO 8601. */
  at: string;
}
