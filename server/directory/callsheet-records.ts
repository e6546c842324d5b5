/**
 * Published call sheets and the personal links that show them, kept in the directory next to the crew and
 * cast list (both SQLite and PostgreSQL): a revision's derived sheet holds key contacts' phone numbers and a
 * recipient row names a person, so neither belongs in a board document. Links are stored as SHA-256 hashes
 * of their codes (like tokens: 256 random bits, so no slow hash is needed); the code is shown once.
 */
import type { RecipientStatus } from '../../shared/callsheet-api';

/** Where a personal link leads: one person, one shooting day of one production. */
export interface LinkTarget {
  productionId: string;
  /** The shooting day's number (1-based in date order). */
  day: number;
  personId: string;
}

export interface RevisionRecord {
  productionId: string;
  day: number;
  n: number;
  colour: string;
  /** Epoch milliseconds. */
  publishedAt: number;
  by: { id: string; name: string };
  note: string | null;
  /** The approved version of the call sheet board taken when it was published. */
  versionId: string | null;
  /** The derived sheet as published (`CallSheet`), stored as JSON and never changed. */
  sheet: unknown;
}

export interface DeliveryRecord {
  status: 'delivered' | 'failed';
  reason: string | null;
  at: number;
}

export interface NewRecipient {
  personId: string;
  name: string;
  department: string | null;
  title: string | null;
  /** `sent`, or `confirmed` when the person had confirmed the previous revision and their part is unchanged. */
  status: 'sent' | 'confirmed';
  confirmedAt: number | null;
  /** The person's part as published (`PersonalPart`), JSON. */
  part: unknown;
  /** What changed in their own part since the previous revision (sentences). */
  ownChanges: string[];
}

export interface RecipientRecord extends Omit<NewRecipient, 'status'> {
  n: number;
  status: RecipientStatus;
  openedAt: number | null;
  delivery: DeliveryRecord | null;
}

export interface RevisionWithRecipients extends RevisionRecord {
  recipients: RecipientRecord[];
}

export interface CallSheetRecords {
  /**
   * A new personal link for the person and day: the code (256 random bits, base64url) is returned once; any
   * earlier link of theirs for that day stops working. A `not_found` DirectoryError without the production.
   */
  issueCallSheetLink(productionId: string, day: number, personId: string): Promise<string>;
  /** The people who hold a working link for that day. */
  callSheetLinkHolders(productionId: string, day: number): Promise<Set<string>>;
  /** Where a code leads, or null when it is unknown or was replaced. */
  resolveCallSheetLink(code: string): Promise<LinkTarget | null>;
  /** The newest revision of the day, with its sheet, or null before the first publish. */
  latestCallSheetRevision(productionId: string, day: number): Promise<RevisionRecord | null>;
  /**
   * Stores a revision and its recipients in one transaction and marks every recipient row of earlier revisions
   * of that day `superseded`. False (nothing stored) when revision `n` of that day already exists: two
   * publishes raced and the other won.
   */
  addCallSheetRevision(revision: RevisionRecord, recipients: NewRecipient[]): Promise<boolean>;
  /** The day's revisions, newest first, each with its recipients in the order they were stored. */
  listCallSheetRevisions(productionId: string, day: number): Promise<RevisionWithRecipients[]>;
  /** One recipient row of a revision, or null. */
  callSheetRecipient(
    productionId: string,
    day: number,
    n: number,
    personId: string,
  ): Promise<RecipientRecord | null>;
  /**
   * Moves a recipient forward: `opened` only from `sent`; `confirmed` from `sent` or `opened`. Answers the row
   * when it changed, null when it did not (already there, superseded, or no such row).
   */
  markCallSheetRecipient(
    productionId: string,
    day: number,
    n: number,
    personId: string,
    status: 'opened' | 'confirmed',
    at: number,
  ): Promise<RecipientRecord | null>;
  /** Records how e-mailing the revision to the recipient went. */
  recordCallSheetDelivery(
    productionId: string,
    day: number,
    n: number,
    personId: string,
    delivery: DeliveryRecord,
  ): Promise<void>;
}

/** The columns both stores keep, as their drivers return them (SQLite: numbers and JSON text). */
export interface RevisionRow {
  production_id: string;
  day: number;
  n: number;
  colour: string;
  published_at: number | Date;
  by_id: string;
  by_name: string;
  note: string | null;
  version_id: string | null;
  sheet: unknown;
}

export interface RecipientRow {
  n: number;
  person_id: string;
  name: string;
  department: string | null;
  title: string | null;
  status: RecipientStatus;
  opened_at: number | Date | null;
  confirmed_at: number | Date | null;
  part: unknown;
  own_changes: unknown;
  delivery_status: 'delivered' | 'failed' | null;
  delivery_reason: string | null;
  delivery_at: number | Date | null;
}

export const REVISION_COLUMNS =
  'production_id, day, n, colour, published_at, by_id, by_name, note, version_id, sheet';
export const RECIPIENT_COLUMNS = `n, person_id, name, department, title, status, opened_at, confirmed_at, part,
  own_changes, delivery_status, delivery_reason, delivery_at`;

const ms = (t: number | Date | null): number | null => (t === null ? null : Number(t));
/** SQLite keeps JSON as text; PostgreSQL's jsonb arrives parsed. */
const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

export const revisionFromRow = (row: RevisionRow): RevisionRecord => ({
  productionId: row.production_id,
  day: row.day,
  n: row.n,
  colour: row.colour,
  publishedAt: Number(row.published_at),
  by: { id: row.by_id, name: row.by_name },
  note: row.note,
  versionId: row.version_id,
  sheet: json(row.sheet),
});

export const recipientFromRow = (row: RecipientRow): RecipientRecord => ({
  n: row.n,
  personId: row.person_id,
  name: row.name,
  department: row.department,
  title: row.title,
  status: row.status,
  openedAt: ms(row.opened_at),
  confirmedAt: ms(row.confirmed_at),
  part: json(row.part),
  ownChanges: json(row.own_changes) as string[],
  delivery:
    row.delivery_status === null
      ? null
      : { status: row.delivery_status, reason: row.delivery_reason, at: ms(row.delivery_at) ?? 0 },
});
