/**
 * Named versions of board documents, kept next to the document store: each is a full encoded copy of the
 * document (`Y.encodeStateAsUpdate`, taken with garbage collection on), so a version never depends on the
 * live document's history. Both stores implement it and pass the contract suite (test/storage/contract.ts).
 */

export interface VersionAuthor {
  id: string;
  name: string;
}

export interface VersionRecord {
  id: string;
  docName: string;
  name: string;
  /** null when none was given. */
  note: string | null;
  /** Milliseconds since the epoch. */
  createdAt: number;
  createdBy: VersionAuthor;
  approved: { at: number; by: VersionAuthor } | null;
  /** Size of the stored state in bytes. */
  size: number;
}

export interface NewVersion {
  id: string;
  docName: string;
  name: string;
  note: string | null;
  createdAt: number;
  createdBy: VersionAuthor;
  state: Uint8Array;
}

/** `approved`: the version is approved and stays; `missing`: no such version of that document. */
export type DeleteVersionOutcome = 'deleted' | 'approved' | 'missing';

export interface VersionStore {
  createVersion(version: NewVersion): Promise<VersionRecord>;
  /** A document's versions, newest first (ties by id, so every caller lists them in one order). */
  listVersions(docName: string): Promise<VersionRecord[]>;
  /** null unless the version belongs to `docName`. */
  getVersion(docName: string, versionId: string): Promise<VersionRecord | null>;
  /** The stored state of a version of `docName`, or null. */
  versionState(docName: string, versionId: string): Promise<Uint8Array | null>;
  /**
   * Marks the version approved. Approving an approved version keeps the first approval (who and when)
   * and answers the record as it stands. null when there is no such version of `docName`.
   */
  approveVersion(
    docName: string,
    versionId: string,
    at: number,
    by: VersionAuthor,
  ): Promise<VersionRecord | null>;
  /** Approved versions are never deleted. */
  deleteVersion(docName: string, versionId: string): Promise<DeleteVersionOutcome>;
}

/** The row both stores keep, mapped to the record callers see. */
export interface VersionRow {
  id: string;
  doc_name: string;
  name: string;
  note: string | null;
  created_at: number | string;
  created_by_id: string;
  created_by_name: string;
  approved_at: number | string | null;
  approved_by_id: string | null;
  approved_by_name: string | null;
  size: number | string;
}

export function versionFromRow(row: VersionRow): VersionRecord {
  return {
    id: row.id,
    docName: row.doc_name,
    name: row.name,
    note: row.note,
    createdAt: Number(row.created_at),
    createdBy: { id: row.created_by_id, name: row.created_by_name },
    approved:
      row.approved_at === null
        ? null
        : {
            at: Number(row.approved_at),
            by: { id: row.approved_by_id ?? '', name: row.approved_by_name ?? '' },
          },
    size: Number(row.size),
  };
}

/** The columns of a VersionRow, for SELECTs in both stores. */
export const VERSION_COLUMNS =
  'id, doc_name, name, note, created_at, created_by_id, created_by_name, approved_at, approved_by_id, approved_by_name, size';
