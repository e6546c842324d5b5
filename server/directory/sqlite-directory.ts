/**
 * The embedded Directory. It keeps its own file (`<dataDir>/directory.sqlite`) rather than sharing the
 * document store's: `PRAGMA user_version` is one number per file, so two components with their own
 * migration lists cannot share one file, and the small, precious membership data can be backed up or
 * inspected without copying every board's update log.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_PERMISSIONS } from '../../shared/boards';
import type { Approvers, PermissionMatrix, Role } from '../../shared/boards';
import type { Member, Production } from '../../shared/api-types';
import type { Person, PersonInput } from '../../shared/people';
import type { DprState } from '../../shared/dpr-api';
import type {
  CreatedInvite,
  Directory,
  DprSignoffMove,
  DprSignoffRecord,
  InviteRecord,
  Principal,
} from './directory';
import { configureSqlite, migrateSqlite } from '../db/sqlite-migrate';
import { sqliteReady } from '../db/sqlite-ready';
import type { SqliteMigration } from '../db/sqlite-migrate';
import { hashSecret, newId, newSecret } from './secrets';
import type { CallSheetRecords } from './callsheet-records';
import { CALLSHEET_SQLITE_MIGRATION, SqliteCallSheets } from './sqlite-callsheets';
import {
  DIRECTORY_DEFAULTS,
  DirectoryError,
  InviteGoneError,
  LEGACY_INVITE_USES,
  addDays,
  checkInviteTerms,
  checkName,
  checkApprovers,
  checkPermissions,
  groupBy,
  inviteRefusal,
  mergeApprovers,
  mergePermissions,
  newPerson,
  patchPerson,
} from './directory-rules';
import type { DirectoryOptions } from './directory-rules';

export const DIRECTORY_FILE = 'directory.sqlite';

export type SqliteDirectoryOptions = DirectoryOptions &
  ({ file: string } | { /** The directory lives in `<dataDir>/directory.sqlite`. */ dataDir: string });

// Times are integer epoch milliseconds: SQLite has no timestamp type, and integers compare exactly.
const MIGRATIONS: readonly SqliteMigration[] = [
  (db) => {
    db.exec(`
      CREATE TABLE productions (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        permissions TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE members (
        id TEXT PRIMARY KEY,
        production_id TEXT NOT NULL REFERENCES productions (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        owner INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX members_by_production ON members (production_id);
      CREATE TABLE invites (
        code_hash TEXT PRIMARY KEY,
        production_id TEXT NOT NULL REFERENCES productions (id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE tokens (
        token_hash TEXT PRIMARY KEY,
        member_id TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX tokens_by_member ON tokens (member_id);
    `);
  },
  // Invites get an id (to list and revoke them), a number of uses, and a revocation; members remember the
  // invite that admitted them. Invites issued before were shared links: they keep working as multi-use ones.
  (db) => {
    db.exec(`
      ALTER TABLE invites ADD COLUMN id TEXT;
      ALTER TABLE invites ADD COLUMN max_uses INTEGER NOT NULL DEFAULT ${LEGACY_INVITE_USES};
      ALTER TABLE invites ADD COLUMN used INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE invites ADD COLUMN revoked_at INTEGER;
      ALTER TABLE members ADD COLUMN invite_id TEXT;
    `);
    const setId = db.prepare<[string, string]>('UPDATE invites SET id = ? WHERE code_hash = ?');
    for (const { code_hash } of db
      .prepare<[], { code_hash: string }>('SELECT code_hash FROM invites')
      .all()) {
      setId.run(newId(), code_hash);
    }
    db.exec(`
      CREATE UNIQUE INDEX invites_by_id ON invites (id);
      CREATE INDEX invites_by_production ON invites (production_id);
      CREATE INDEX members_by_invite ON members (invite_id);
    `);
  },
  // The crew and cast list: private contact details live here, never in a board document.
  (db) => {
    db.exec(`
      CREATE TABLE people (
        id TEXT PRIMARY KEY,
        production_id TEXT NOT NULL REFERENCES productions (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        department TEXT,
        title TEXT,
        phone TEXT,
        email TEXT,
        cast_billing INTEGER,
        member_id TEXT,
        call_offset_minutes INTEGER,
        key_contact INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX people_by_production ON people (production_id);
    `);
  },
  // Published call sheets, their recipients and the personal links (hashes only).
  CALLSHEET_SQLITE_MIGRATION,
  // The production report's sign-off per shooting day (payroll relies on it, so not in a board document).
  (db) => {
    db.exec(`
      CREATE TABLE dpr_signoffs (
        production_id TEXT NOT NULL REFERENCES productions (id) ON DELETE CASCADE,
        day_id TEXT NOT NULL,
        day_number INTEGER NOT NULL,
        state TEXT NOT NULL,
        comment TEXT,
        changed_at INTEGER NOT NULL,
        changed_by_id TEXT NOT NULL,
        changed_by_name TEXT NOT NULL,
        version_id TEXT,
        PRIMARY KEY (production_id, day_id)
      );
    `);
  },
  // Who approves versions of each board, where the owner changed it (an empty object: the default rule).
  (db) => {
    db.exec(`ALTER TABLE productions ADD COLUMN approvers TEXT NOT NULL DEFAULT '{}'`);
  },
];

interface DprRow {
  day_id: string;
  day_number: number;
  state: DprState;
  comment: string | null;
  changed_at: number;
  changed_by_id: string;
  changed_by_name: string;
  version_id: string | null;
}

const toSignoff = (row: DprRow): DprSignoffRecord => ({
  dayId: row.day_id,
  dayNumber: row.day_number,
  state: row.state,
  comment: row.comment,
  at: new Date(row.changed_at),
  by: { id: row.changed_by_id, name: row.changed_by_name },
  versionId: row.version_id,
});

interface PersonRow {
  id: string;
  name: string;
  department: string | null;
  title: string | null;
  phone: string | null;
  email: string | null;
  cast_billing: number | null;
  member_id: string | null;
  call_offset_minutes: number | null;
  key_contact: number;
}

const toPerson = (row: PersonRow): Person => ({
  id: row.id,
  name: row.name,
  department: row.department,
  title: row.title,
  phone: row.phone,
  email: row.email,
  castBilling: row.cast_billing,
  memberId: row.member_id,
  callOffsetMinutes: row.call_offset_minutes,
  keyContact: row.key_contact === 1,
});

/** A person's columns in table order after id and production_id, as bound parameters. */
const personParams = (p: Person) =>
  [
    p.name,
    p.department,
    p.title,
    p.phone,
    p.email,
    p.castBilling,
    p.memberId,
    p.callOffsetMinutes,
    p.keyContact ? 1 : 0,
  ] as const;

interface InviteRow {
  id: string;
  production_id: string;
  role: Role;
  max_uses: number;
  used: number;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

interface MemberRow {
  id: string;
  name: string;
  role: Role;
  owner: number;
}

const toMember = (row: MemberRow): Member => ({
  id: row.id,
  name: row.name,
  role: row.role,
  owner: row.owner === 1,
});

export class SqliteDirectory implements Directory {
  private readonly db: Database.Database;
  private readonly tokenTtlDays: number;
  private readonly inviteTtlDays: number;
  private readonly now: () => Date;
  private readonly q: ReturnType<typeof prepare>;
  readonly callSheets: CallSheetRecords;

  constructor(options: SqliteDirectoryOptions) {
    const file = 'file' in options ? options.file : path.join(options.dataDir, DIRECTORY_FILE);
    this.tokenTtlDays = options.tokenTtlDays ?? DIRECTORY_DEFAULTS.tokenTtlDays;
    this.inviteTtlDays = options.inviteTtlDays ?? DIRECTORY_DEFAULTS.inviteTtlDays;
    this.now = options.now ?? (() => new Date());
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    try {
      configureSqlite(this.db, 5_000);
      migrateSqlite(this.db, MIGRATIONS, `directory ${file}`);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.q = prepare(this.db);
    this.callSheets = new SqliteCallSheets(this.db, this.now);
  }

  async createProduction(input: { name: string; ownerName: string; ownerRole?: Role }) {
    const name = checkName(input.name, 'Production name');
    const ownerName = checkName(input.ownerName, 'Owner name');
    const now = this.now().getTime();
    const production: Production = { id: newId(), name };
    const member: Member = { id: newId(), name: ownerName, role: input.ownerRole ?? 'producer', owner: true };
    const token = newSecret();
    this.db.transaction(() => {
      this.q.insertProduction.run(production.id, name, JSON.stringify(DEFAULT_PERMISSIONS), now);
      this.q.insertMember.run(member.id, production.id, ownerName, member.role, 1, now, null);
      this.insertToken(token, member.id, now);
    })();
    return { production, member, token };
  }

  async getProduction(productionId: string): Promise<Production | null> {
    return this.q.production.get(productionId) ?? null;
  }

  async listProductions(): Promise<Production[]> {
    return this.q.productions.all();
  }

  async createInvite(
    productionId: string,
    role: Role,
    options: { uses?: number; expiresInDays?: number } = {},
  ): Promise<CreatedInvite> {
    const terms = checkInviteTerms({ role, ...options }, this.inviteTtlDays);
    this.requireProduction(productionId);
    const now = this.now();
    const code = newSecret();
    const id = newId();
    const expiresAt = addDays(now, terms.expiresInDays);
    this.q.insertInvite.run(
      id,
      hashSecret(code),
      productionId,
      terms.role,
      terms.uses,
      now.getTime(),
      expiresAt.getTime(),
    );
    return {
      id,
      code,
      productionId,
      role: terms.role,
      uses: terms.uses,
      usesLeft: terms.uses,
      createdAt: now,
      expiresAt,
      usedBy: [],
    };
  }

  async listInvites(productionId: string): Promise<InviteRecord[]> {
    const rows = this.q.activeInvites.all(productionId, this.now().getTime());
    const uses = groupBy(this.q.inviteUses.all(productionId), (use) => use.invite_id);
    return rows.map((row) => ({
      id: row.id,
      productionId: row.production_id,
      role: row.role,
      uses: row.max_uses,
      usesLeft: row.max_uses - row.used,
      createdAt: new Date(row.created_at),
      expiresAt: new Date(row.expires_at),
      usedBy: (uses.get(row.id) ?? []).map((use) => ({
        memberId: use.id,
        name: use.name,
        usedAt: new Date(use.created_at),
        removed: use.revoked_at !== null,
      })),
    }));
  }

  async revokeInvite(productionId: string, inviteId: string): Promise<boolean> {
    return this.q.revokeInvite.run(this.now().getTime(), inviteId, productionId).changes > 0;
  }

  async redeemInvite(code: string, name: string) {
    const memberName = checkName(name, 'Name');
    if (typeof code !== 'string' || code.length === 0) return null;
    const now = this.now().getTime();
    // One synchronous transaction: nothing else runs between the check and the use, so the last use goes once.
    return this.db.transaction(() => {
      const invite = this.q.invite.get(hashSecret(code));
      if (!invite) return null;
      const refusal = rowRefusal(invite, now);
      if (refusal) throw new InviteGoneError(refusal);
      this.q.useInvite.run(invite.id);
      const member: Member = { id: newId(), name: memberName, role: invite.role, owner: false };
      this.q.insertMember.run(member.id, invite.production_id, memberName, member.role, 0, now, invite.id);
      const token = newSecret();
      this.insertToken(token, member.id, now);
      return { token, member, productionId: invite.production_id };
    })();
  }

  async previewInvite(code: string) {
    if (typeof code !== 'string' || code.length === 0) return null;
    const invite = this.q.invite.get(hashSecret(code));
    if (!invite) return null;
    const refusal = rowRefusal(invite, this.now().getTime());
    if (refusal) throw new InviteGoneError(refusal);
    const production = this.q.production.get(invite.production_id);
    return production ? { productionName: production.name, role: invite.role } : null;
  }

  async authenticate(token: string): Promise<Principal | null> {
    if (typeof token !== 'string' || token.length === 0) return null;
    const row = this.q.principal.get(hashSecret(token), this.now().getTime());
    if (!row) return null;
    return {
      productionId: row.production_id,
      memberId: row.id,
      name: row.name,
      role: row.role,
      owner: row.owner === 1,
    };
  }

  async listMembers(productionId: string): Promise<Member[]> {
    return this.q.members.all(productionId).map(toMember);
  }

  /** Returns false for the owner too: a production's owner is never revoked (nobody else could manage it). */
  async revokeMember(productionId: string, memberId: string): Promise<boolean> {
    const now = this.now().getTime();
    return this.db.transaction(() => {
      if (this.q.revoke.run(now, memberId, productionId).changes === 0) return false;
      this.q.deleteTokens.run(memberId);
      return true;
    })();
  }

  async listPeople(productionId: string): Promise<Person[]> {
    return this.q.people.all(productionId).map(toPerson);
  }

  async createPerson(productionId: string, input: PersonInput): Promise<Person> {
    const person = newPerson(newId(), input);
    this.requireProduction(productionId);
    this.q.insertPerson.run(person.id, productionId, ...personParams(person), this.now().getTime());
    return person;
  }

  async updatePerson(
    productionId: string,
    personId: string,
    patch: Partial<PersonInput>,
  ): Promise<Person | null> {
    return this.db.transaction(() => {
      const row = this.q.person.get(personId, productionId);
      if (!row) return null;
      const person = patchPerson(toPerson(row), patch);
      this.q.updatePerson.run(...personParams(person), personId, productionId);
      return person;
    })();
  }

  async deletePerson(productionId: string, personId: string): Promise<boolean> {
    return this.q.deletePerson.run(personId, productionId).changes > 0;
  }

  async getDprSignoff(productionId: string, dayId: string): Promise<DprSignoffRecord | null> {
    const row = this.q.dprSignoff.get(productionId, dayId);
    return row ? toSignoff(row) : null;
  }

  async listDprSignoffs(productionId: string): Promise<DprSignoffRecord[]> {
    return this.q.dprSignoffs.all(productionId).map(toSignoff);
  }

  async moveDprSignoff(productionId: string, move: DprSignoffMove): Promise<DprSignoffRecord | null> {
    this.requireProduction(productionId);
    // One synchronous transaction: nothing runs between reading the state and writing the next one.
    return this.db.transaction(() => {
      const row = this.q.dprSignoff.get(productionId, move.dayId);
      if (!move.from.includes(row?.state ?? 'draft')) return null;
      const next: DprRow = {
        day_id: move.dayId,
        day_number: move.dayNumber,
        state: move.to,
        comment: move.comment,
        changed_at: move.at.getTime(),
        changed_by_id: move.by.id,
        changed_by_name: move.by.name,
        version_id: move.versionId ?? row?.version_id ?? null,
      };
      this.q.putDprSignoff.run(
        productionId,
        next.day_id,
        next.day_number,
        next.state,
        next.comment,
        next.changed_at,
        next.changed_by_id,
        next.changed_by_name,
        next.version_id,
      );
      return toSignoff(next);
    })();
  }

  async getPermissions(productionId: string): Promise<PermissionMatrix> {
    const row = this.q.permissions.get(productionId);
    if (!row) throw notFound(productionId);
    return mergePermissions(JSON.parse(row.permissions));
  }

  async setPermissions(productionId: string, permissions: PermissionMatrix): Promise<void> {
    const checked = checkPermissions(permissions);
    if (this.q.setPermissions.run(JSON.stringify(checked), productionId).changes === 0) {
      throw notFound(productionId);
    }
  }

  async getApprovers(productionId: string): Promise<Approvers> {
    const row = this.q.approvers.get(productionId);
    if (!row) throw notFound(productionId);
    return mergeApprovers(JSON.parse(row.approvers));
  }

  async setApprovers(productionId: string, approvers: Approvers): Promise<void> {
    const checked = checkApprovers(approvers);
    if (this.q.setApprovers.run(JSON.stringify(checked), productionId).changes === 0) {
      throw notFound(productionId);
    }
  }

  async ready(): Promise<boolean> {
    return sqliteReady(this.db);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private insertToken(token: string, memberId: string, now: number): void {
    const expiresAt = addDays(new Date(now), this.tokenTtlDays).getTime();
    this.q.insertToken.run(hashSecret(token), memberId, now, expiresAt);
  }

  private requireProduction(productionId: string): void {
    if (!this.q.production.get(productionId)) throw notFound(productionId);
  }
}

function notFound(productionId: string): DirectoryError {
  return new DirectoryError('not_found', `No production ${productionId}`);
}

type PersonParams = ReturnType<typeof personParams>;

const DPR_COLUMNS =
  'day_id, day_number, state, comment, changed_at, changed_by_id, changed_by_name, version_id';

const PERSON_COLUMNS =
  'id, name, department, title, phone, email, cast_billing, member_id, call_offset_minutes, key_contact';

/** Why a stored invite row cannot admit anyone at `now` (see `inviteRefusal`), or null. */
function rowRefusal(invite: InviteRow, now: number) {
  return inviteRefusal(
    {
      revoked: invite.revoked_at !== null,
      used: invite.used,
      maxUses: invite.max_uses,
      expiresAt: invite.expires_at,
    },
    now,
  );
}

function prepare(db: Database.Database) {
  return {
    insertProduction: db.prepare<[string, string, string, number]>(
      'INSERT INTO productions (id, name, permissions, created_at) VALUES (?, ?, ?, ?)',
    ),
    insertMember: db.prepare<[string, string, string, Role, number, number, string | null]>(
      `INSERT INTO members (id, production_id, name, role, owner, created_at, invite_id)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertToken: db.prepare<[string, string, number, number]>(
      'INSERT INTO tokens (token_hash, member_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ),
    insertInvite: db.prepare<[string, string, string, Role, number, number, number]>(
      `INSERT INTO invites (id, code_hash, production_id, role, max_uses, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    production: db.prepare<[string], Production>('SELECT id, name FROM productions WHERE id = ?'),
    productions: db.prepare<[], Production>('SELECT id, name FROM productions ORDER BY created_at, rowid'),
    invite: db.prepare<[string], InviteRow>(
      `SELECT id, production_id, role, max_uses, used, created_at, expires_at, revoked_at
         FROM invites WHERE code_hash = ?`,
    ),
    useInvite: db.prepare<[string]>('UPDATE invites SET used = used + 1 WHERE id = ?'),
    activeInvites: db.prepare<[string, number], InviteRow>(
      `SELECT id, production_id, role, max_uses, used, created_at, expires_at, revoked_at
         FROM invites
        WHERE production_id = ? AND revoked_at IS NULL AND expires_at > ? AND used < max_uses
        ORDER BY created_at, rowid`,
    ),
    inviteUses: db.prepare<
      [string],
      { invite_id: string; id: string; name: string; created_at: number; revoked_at: number | null }
    >(
      `SELECT invite_id, id, name, created_at, revoked_at FROM members
        WHERE production_id = ? AND invite_id IS NOT NULL ORDER BY created_at, rowid`,
    ),
    revokeInvite: db.prepare<[number, string, string]>(
      'UPDATE invites SET revoked_at = ? WHERE id = ? AND production_id = ? AND revoked_at IS NULL',
    ),
    principal: db.prepare<[string, number], MemberRow & { production_id: string }>(
      `SELECT m.id, m.production_id, m.name, m.role, m.owner
         FROM tokens t JOIN members m ON m.id = t.member_id
        WHERE t.token_hash = ? AND t.expires_at > ? AND m.revoked_at IS NULL`,
    ),
    // Owner first, then in the order people joined.
    members: db.prepare<[string], MemberRow>(
      `SELECT id, name, role, owner FROM members
        WHERE production_id = ? AND revoked_at IS NULL ORDER BY owner DESC, created_at, rowid`,
    ),
    revoke: db.prepare<[number, string, string]>(
      `UPDATE members SET revoked_at = ?
        WHERE id = ? AND production_id = ? AND revoked_at IS NULL AND owner = 0`,
    ),
    deleteTokens: db.prepare<[string]>('DELETE FROM tokens WHERE member_id = ?'),
    permissions: db.prepare<[string], { permissions: string }>(
      'SELECT permissions FROM productions WHERE id = ?',
    ),
    setPermissions: db.prepare<[string, string]>('UPDATE productions SET permissions = ? WHERE id = ?'),
    approvers: db.prepare<[string], { approvers: string }>('SELECT approvers FROM productions WHERE id = ?'),
    setApprovers: db.prepare<[string, string]>('UPDATE productions SET approvers = ? WHERE id = ?'),
    people: db.prepare<[string], PersonRow>(
      `SELECT ${PERSON_COLUMNS} FROM people WHERE production_id = ? ORDER BY created_at, rowid`,
    ),
    person: db.prepare<[string, string], PersonRow>(
      `SELECT ${PERSON_COLUMNS} FROM people WHERE id = ? AND production_id = ?`,
    ),
    insertPerson: db.prepare<[string, string, ...PersonParams, number]>(
      `INSERT INTO people (id, production_id, name, department, title, phone, email, cast_billing, member_id,
         call_offset_minutes, key_contact, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updatePerson: db.prepare<[...PersonParams, string, string]>(
      `UPDATE people SET name = ?, department = ?, title = ?, phone = ?, email = ?, cast_billing = ?,
         member_id = ?, call_offset_minutes = ?, key_contact = ?
       WHERE id = ? AND production_id = ?`,
    ),
    deletePerson: db.prepare<[string, string]>('DELETE FROM people WHERE id = ? AND production_id = ?'),
    dprSignoff: db.prepare<[string, string], DprRow>(
      `SELECT ${DPR_COLUMNS} FROM dpr_signoffs WHERE production_id = ? AND day_id = ?`,
    ),
    dprSignoffs: db.prepare<[string], DprRow>(
      `SELECT ${DPR_COLUMNS} FROM dpr_signoffs WHERE production_id = ? ORDER BY day_number, day_id`,
    ),
    putDprSignoff: db.prepare<
      [string, string, number, DprState, string | null, number, string, string, string | null]
    >(
      `INSERT INTO dpr_signoffs (production_id, ${DPR_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (production_id, day_id) DO UPDATE SET day_number = excluded.day_number,
         state = excluded.state, comment = excluded.comment, changed_at = excluded.changed_at,
         changed_by_id = excluded.changed_by_id, changed_by_name = excluded.changed_by_name,
         version_id = excluded.version_id`,
    ),
  };
}

/** The directory over `<dataDir>/directory.sqlite`. */
export function openSqliteDirectory(dataDir: string, options: DirectoryOptions = {}): SqliteDirectory {
  return new SqliteDirectory({ ...options, dataDir });
}
