/**
 * The Directory on PostgreSQL, for several server instances sharing one database. Same rules as the SQLite
 * directory (directory-rules.ts); tables live in the configured schema next to the document store's.
 */
import type { Pool } from 'pg';
import { DEFAULT_PERMISSIONS } from '../../shared/boards';
import type { Approvers, PermissionMatrix, Role } from '../../shared/boards';
import type { Member, Production } from '../../shared/api-types';
import type { Person, PersonInput } from '../../shared/people';
import type {
  CreatedInvite,
  Directory,
  DprSignoffMove,
  DprSignoffRecord,
  InviteRecord,
  Principal,
} from './directory';
import { migratePostgres, quoteSchema } from '../db/pg-migrate';
import type { PgMigration } from '../db/pg-migrate';
import { withTransaction } from '../db/pg-transaction';
import { openPool, pgReady, type PgConnectionOptions } from '../db/pg-connection';
import { hashSecret, newId, newSecret } from './secrets';
import type { CallSheetRecords } from './callsheet-records';
import { CALLSHEET_PG_MIGRATION, PostgresCallSheets } from './postgres-callsheets';
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

export interface PostgresDirectoryOptions extends DirectoryOptions, PgConnectionOptions {}

// `position` keeps listings in creation order even when the injected clock gives two rows one timestamp.
const MIGRATIONS: readonly PgMigration[] = [
  (s) => `
    CREATE TABLE ${s}.productions (
      id text PRIMARY KEY,
      name text NOT NULL,
      permissions jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      position bigint GENERATED ALWAYS AS IDENTITY
    );
    CREATE TABLE ${s}.members (
      id text PRIMARY KEY,
      production_id text NOT NULL REFERENCES ${s}.productions (id) ON DELETE CASCADE,
      name text NOT NULL,
      role text NOT NULL,
      owner boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      revoked_at timestamptz,
      position bigint GENERATED ALWAYS AS IDENTITY
    );
    CREATE INDEX members_by_production ON ${s}.members (production_id);
    CREATE TABLE ${s}.invites (
      code_hash text PRIMARY KEY,
      production_id text NOT NULL REFERENCES ${s}.productions (id) ON DELETE CASCADE,
      role text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    );
    CREATE TABLE ${s}.tokens (
      token_hash text PRIMARY KEY,
      member_id text NOT NULL REFERENCES ${s}.members (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX tokens_by_member ON ${s}.tokens (member_id);`,
  // Invites get an id (to list and revoke them), a number of uses, and a revocation; members remember the
  // invite that admitted them. Invites issued before were shared links: they keep working as multi-use ones.
  (s) => `
    ALTER TABLE ${s}.invites
      ADD COLUMN id text,
      ADD COLUMN max_uses integer NOT NULL DEFAULT ${LEGACY_INVITE_USES},
      ADD COLUMN used integer NOT NULL DEFAULT 0,
      ADD COLUMN revoked_at timestamptz,
      ADD COLUMN position bigint GENERATED ALWAYS AS IDENTITY;
    UPDATE ${s}.invites SET id = replace(gen_random_uuid()::text, '-', '');
    ALTER TABLE ${s}.invites ALTER COLUMN id SET NOT NULL;
    CREATE UNIQUE INDEX invites_by_id ON ${s}.invites (id);
    CREATE INDEX invites_by_production ON ${s}.invites (production_id);
    ALTER TABLE ${s}.members ADD COLUMN invite_id text;
    CREATE INDEX members_by_invite ON ${s}.members (invite_id);`,
  // The crew and cast list: private contact details live here, never in a board document.
  (s) => `
    CREATE TABLE ${s}.people (
      id text PRIMARY KEY,
      production_id text NOT NULL REFERENCES ${s}.productions (id) ON DELETE CASCADE,
      name text NOT NULL,
      department text,
      title text,
      phone text,
      email text,
      cast_billing integer,
      member_id text,
      call_offset_minutes integer,
      key_contact boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      position bigint GENERATED ALWAYS AS IDENTITY
    );
    CREATE INDEX people_by_production ON ${s}.people (production_id);`,
  // Published call sheets, their recipients and the personal links (hashes only).
  CALLSHEET_PG_MIGRATION,
  // The production report's sign-off per shooting day (payroll relies on it, so not in a board document).
  (s) => `
    CREATE TABLE ${s}.dpr_signoffs (
      production_id text NOT NULL REFERENCES ${s}.productions (id) ON DELETE CASCADE,
      day_id text NOT NULL,
      day_number integer NOT NULL,
      state text NOT NULL,
      comment text,
      changed_at timestamptz NOT NULL,
      changed_by_id text NOT NULL,
      changed_by_name text NOT NULL,
      version_id text,
      PRIMARY KEY (production_id, day_id)
    );`,
  // Who approves versions of each board, where the owner changed it (an empty object: the default rule).
  (s) => `ALTER TABLE ${s}.productions ADD COLUMN approvers jsonb NOT NULL DEFAULT '{}'::jsonb;`,
];

const DPR_COLUMNS = `day_id AS "dayId", day_number AS "dayNumber", state, comment, changed_at AS "at",
  json_build_object('id', changed_by_id, 'name', changed_by_name) AS "by", version_id AS "versionId"`;

const PERSON_COLUMNS = `id, name, department, title, phone, email, cast_billing AS "castBilling",
  member_id AS "memberId", call_offset_minutes AS "callOffsetMinutes", key_contact AS "keyContact"`;

const personParams = (p: Person) => [
  p.name,
  p.department,
  p.title,
  p.phone,
  p.email,
  p.castBilling,
  p.memberId,
  p.callOffsetMinutes,
  p.keyContact,
];

interface InviteRow {
  id: string;
  production_id: string;
  role: Role;
  max_uses: number;
  used: number;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

const INVITE_COLUMNS = 'id, production_id, role, max_uses, used, created_at, expires_at, revoked_at';

/** Why a stored invite row cannot admit anyone at `now` (see `inviteRefusal`), or null. */
function rowRefusal(row: InviteRow, now: number) {
  return inviteRefusal(
    {
      revoked: row.revoked_at !== null,
      used: row.used,
      maxUses: row.max_uses,
      expiresAt: row.expires_at.getTime(),
    },
    now,
  );
}

export class PostgresDirectory implements Directory {
  private closed = false;
  private readonly tokenTtlDays: number;
  private readonly inviteTtlDays: number;
  private readonly now: () => Date;
  readonly callSheets: CallSheetRecords;

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
    private readonly s: string,
    options: DirectoryOptions,
  ) {
    this.tokenTtlDays = options.tokenTtlDays ?? DIRECTORY_DEFAULTS.tokenTtlDays;
    this.inviteTtlDays = options.inviteTtlDays ?? DIRECTORY_DEFAULTS.inviteTtlDays;
    this.now = options.now ?? (() => new Date());
    this.callSheets = new PostgresCallSheets(() => this.open(), s, this.now);
  }

  static async open(options: PostgresDirectoryOptions): Promise<PostgresDirectory> {
    const schema = options.schema ?? 'setboard';
    const pool = options.pool ?? openPool(options.connectionString);
    if (!options.pool) pool.on('error', options.onPoolError ?? (() => undefined));
    try {
      await migratePostgres(pool, schema, 'directory', MIGRATIONS);
    } catch (error) {
      if (!options.pool) await pool.end();
      throw error;
    }
    return new PostgresDirectory(pool, !options.pool, quoteSchema(schema), options);
  }

  async createProduction(input: { name: string; ownerName: string; ownerRole?: Role }) {
    const name = checkName(input.name, 'Production name');
    const ownerName = checkName(input.ownerName, 'Owner name');
    const now = this.now();
    const production: Production = { id: newId(), name };
    const member: Member = { id: newId(), name: ownerName, role: input.ownerRole ?? 'producer', owner: true };
    const token = newSecret();
    await withTransaction(this.open(), async (c) => {
      await c.query(
        `INSERT INTO ${this.s}.productions (id, name, permissions, created_at) VALUES ($1, $2, $3, $4)`,
        [production.id, name, JSON.stringify(DEFAULT_PERMISSIONS), now],
      );
      await c.query(
        `INSERT INTO ${this.s}.members (id, production_id, name, role, owner, created_at)
         VALUES ($1, $2, $3, $4, true, $5)`,
        [member.id, production.id, ownerName, member.role, now],
      );
      await c.query(this.insertTokenSql(), this.tokenParams(token, member.id, now));
    });
    return { production, member, token };
  }

  async getProduction(productionId: string): Promise<Production | null> {
    const { rows } = await this.open().query<Production>(
      `SELECT id, name FROM ${this.s}.productions WHERE id = $1`,
      [productionId],
    );
    return rows[0] ?? null;
  }

  async listProductions(): Promise<Production[]> {
    const { rows } = await this.open().query<Production>(
      `SELECT id, name FROM ${this.s}.productions ORDER BY created_at, position`,
    );
    return rows;
  }

  async createInvite(
    productionId: string,
    role: Role,
    options: { uses?: number; expiresInDays?: number } = {},
  ): Promise<CreatedInvite> {
    const terms = checkInviteTerms({ role, ...options }, this.inviteTtlDays);
    const now = this.now();
    const code = newSecret();
    const id = newId();
    const expiresAt = addDays(now, terms.expiresInDays);
    // Inserting from the production row makes "no such production" and the insert one statement.
    const { rowCount } = await this.open().query(
      `INSERT INTO ${this.s}.invites (id, code_hash, production_id, role, max_uses, created_at, expires_at)
       SELECT $1, $2, id, $4, $5, $6, $7 FROM ${this.s}.productions WHERE id = $3`,
      [id, hashSecret(code), productionId, terms.role, terms.uses, now, expiresAt],
    );
    if (rowCount === 0) throw notFound(productionId);
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
    const pool = this.open();
    const [invites, members] = await Promise.all([
      pool.query<InviteRow>(
        `SELECT ${INVITE_COLUMNS} FROM ${this.s}.invites
          WHERE production_id = $1 AND revoked_at IS NULL AND expires_at > $2 AND used < max_uses
          ORDER BY created_at, position`,
        [productionId, this.now()],
      ),
      pool.query<{ invite_id: string; id: string; name: string; created_at: Date; revoked_at: Date | null }>(
        `SELECT invite_id, id, name, created_at, revoked_at FROM ${this.s}.members
          WHERE production_id = $1 AND invite_id IS NOT NULL ORDER BY created_at, position`,
        [productionId],
      ),
    ]);
    const uses = groupBy(members.rows, (use) => use.invite_id);
    return invites.rows.map((row) => ({
      id: row.id,
      productionId: row.production_id,
      role: row.role,
      uses: row.max_uses,
      usesLeft: row.max_uses - row.used,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      usedBy: (uses.get(row.id) ?? []).map((use) => ({
        memberId: use.id,
        name: use.name,
        usedAt: use.created_at,
        removed: use.revoked_at !== null,
      })),
    }));
  }

  async revokeInvite(productionId: string, inviteId: string): Promise<boolean> {
    const { rowCount } = await this.open().query(
      `UPDATE ${this.s}.invites SET revoked_at = $1
        WHERE id = $2 AND production_id = $3 AND revoked_at IS NULL`,
      [this.now(), inviteId, productionId],
    );
    return (rowCount ?? 0) > 0;
  }

  async redeemInvite(code: string, name: string) {
    const memberName = checkName(name, 'Name');
    if (typeof code !== 'string' || code.length === 0) return null;
    const now = this.now();
    return withTransaction(this.open(), async (c) => {
      // The conditional UPDATE takes the row lock: of two people racing for the last use, the second waits,
      // then sees no use left and matches nothing.
      const used = await c.query<{ id: string; production_id: string; role: Role }>(
        `UPDATE ${this.s}.invites SET used = used + 1
          WHERE code_hash = $1 AND revoked_at IS NULL AND expires_at > $2 AND used < max_uses
          RETURNING id, production_id, role`,
        [hashSecret(code), now],
      );
      const invite = used.rows[0];
      if (!invite) {
        const { rows } = await c.query<InviteRow>(
          `SELECT ${INVITE_COLUMNS} FROM ${this.s}.invites WHERE code_hash = $1`,
          [hashSecret(code)],
        );
        const row = rows[0];
        if (!row) return null;
        const refusal = rowRefusal(row, now.getTime());
        // The UPDATE matched nothing, so one of the refusals holds; 'used_up' only if the clock disagrees.
        throw new InviteGoneError(refusal ?? 'used_up');
      }
      const member: Member = { id: newId(), name: memberName, role: invite.role, owner: false };
      await c.query(
        `INSERT INTO ${this.s}.members (id, production_id, name, role, owner, created_at, invite_id)
         VALUES ($1, $2, $3, $4, false, $5, $6)`,
        [member.id, invite.production_id, memberName, member.role, now, invite.id],
      );
      const token = newSecret();
      await c.query(this.insertTokenSql(), this.tokenParams(token, member.id, now));
      return { token, member, productionId: invite.production_id };
    });
  }

  async previewInvite(code: string) {
    if (typeof code !== 'string' || code.length === 0) return null;
    const { rows } = await this.open().query<InviteRow & { production_name: string }>(
      `SELECT i.id, i.production_id, i.role, i.max_uses, i.used, i.created_at, i.expires_at, i.revoked_at,
              p.name AS production_name
         FROM ${this.s}.invites i JOIN ${this.s}.productions p ON p.id = i.production_id
        WHERE i.code_hash = $1`,
      [hashSecret(code)],
    );
    const row = rows[0];
    if (!row) return null;
    const refusal = rowRefusal(row, this.now().getTime());
    if (refusal) throw new InviteGoneError(refusal);
    return { productionName: row.production_name, role: row.role };
  }

  async authenticate(token: string): Promise<Principal | null> {
    if (typeof token !== 'string' || token.length === 0) return null;
    const { rows } = await this.open().query<Principal>(
      `SELECT m.production_id AS "productionId", m.id AS "memberId", m.name, m.role, m.owner
         FROM ${this.s}.tokens t JOIN ${this.s}.members m ON m.id = t.member_id
        WHERE t.token_hash = $1 AND t.expires_at > $2 AND m.revoked_at IS NULL`,
      [hashSecret(token), this.now()],
    );
    return rows[0] ?? null;
  }

  async listMembers(productionId: string): Promise<Member[]> {
    // Owner first, then in the order people joined.
    const { rows } = await this.open().query<Member>(
      `SELECT id, name, role, owner FROM ${this.s}.members
        WHERE production_id = $1 AND revoked_at IS NULL ORDER BY owner DESC, created_at, position`,
      [productionId],
    );
    return rows;
  }

  /** Returns false for the owner too: a production's owner is never revoked (nobody else could manage it). */
  async revokeMember(productionId: string, memberId: string): Promise<boolean> {
    return withTransaction(this.open(), async (c) => {
      const { rowCount } = await c.query(
        `UPDATE ${this.s}.members SET revoked_at = $1
          WHERE id = $2 AND production_id = $3 AND revoked_at IS NULL AND NOT owner`,
        [this.now(), memberId, productionId],
      );
      if (rowCount === 0) return false;
      await c.query(`DELETE FROM ${this.s}.tokens WHERE member_id = $1`, [memberId]);
      return true;
    });
  }

  async listPeople(productionId: string): Promise<Person[]> {
    const { rows } = await this.open().query<Person>(
      `SELECT ${PERSON_COLUMNS} FROM ${this.s}.people WHERE production_id = $1 ORDER BY position`,
      [productionId],
    );
    return rows;
  }

  async createPerson(productionId: string, input: PersonInput): Promise<Person> {
    const person = newPerson(newId(), input);
    const { rowCount } = await this.open().query(
      `INSERT INTO ${this.s}.people (id, production_id, name, department, title, phone, email, cast_billing,
         member_id, call_offset_minutes, key_contact, created_at)
       SELECT $1, id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM ${this.s}.productions WHERE id = $2`,
      [person.id, productionId, ...personParams(person), this.now()],
    );
    if (rowCount === 0) throw notFound(productionId);
    return person;
  }

  async updatePerson(
    productionId: string,
    personId: string,
    patch: Partial<PersonInput>,
  ): Promise<Person | null> {
    return withTransaction(this.open(), async (c) => {
      const { rows } = await c.query<Person>(
        `SELECT ${PERSON_COLUMNS} FROM ${this.s}.people WHERE id = $1 AND production_id = $2 FOR UPDATE`,
        [personId, productionId],
      );
      if (!rows[0]) return null;
      const person = patchPerson(rows[0], patch);
      await c.query(
        `UPDATE ${this.s}.people SET name = $1, department = $2, title = $3, phone = $4, email = $5,
           cast_billing = $6, member_id = $7, call_offset_minutes = $8, key_contact = $9
         WHERE id = $10 AND production_id = $11`,
        [...personParams(person), personId, productionId],
      );
      return person;
    });
  }

  async deletePerson(productionId: string, personId: string): Promise<boolean> {
    const { rowCount } = await this.open().query(
      `DELETE FROM ${this.s}.people WHERE id = $1 AND production_id = $2`,
      [personId, productionId],
    );
    return (rowCount ?? 0) > 0;
  }

  async getDprSignoff(productionId: string, dayId: string): Promise<DprSignoffRecord | null> {
    const { rows } = await this.open().query<DprSignoffRecord>(
      `SELECT ${DPR_COLUMNS} FROM ${this.s}.dpr_signoffs WHERE production_id = $1 AND day_id = $2`,
      [productionId, dayId],
    );
    return rows[0] ?? null;
  }

  async listDprSignoffs(productionId: string): Promise<DprSignoffRecord[]> {
    const { rows } = await this.open().query<DprSignoffRecord>(
      `SELECT ${DPR_COLUMNS} FROM ${this.s}.dpr_signoffs WHERE production_id = $1
        ORDER BY day_number, day_id`,
      [productionId],
    );
    return rows;
  }

  /**
   * Each statement is atomic on its own: the update moves the row only from an allowed state, and the
   * insert (a draft has no row) loses to a concurrent one on the primary key; either way one step wins.
   */
  async moveDprSignoff(productionId: string, move: DprSignoffMove): Promise<DprSignoffRecord | null> {
    if (!(await this.getProduction(productionId))) throw notFound(productionId);
    const values = [
      productionId,
      move.dayId,
      move.dayNumber,
      move.to,
      move.comment,
      move.at,
      move.by.id,
      move.by.name,
      move.versionId ?? null,
    ];
    const updated = await this.open().query<DprSignoffRecord>(
      `UPDATE ${this.s}.dpr_signoffs SET day_number = $3, state = $4, comment = $5, changed_at = $6,
         changed_by_id = $7, changed_by_name = $8, version_id = COALESCE($9, version_id)
       WHERE production_id = $1 AND day_id = $2 AND state = ANY($10::text[])
       RETURNING ${DPR_COLUMNS}`,
      [...values, [...move.from]],
    );
    if (updated.rows[0]) return updated.rows[0];
    if (!move.from.includes('draft')) return null;
    const inserted = await this.open().query<DprSignoffRecord>(
      `INSERT INTO ${this.s}.dpr_signoffs (production_id, day_id, day_number, state, comment, changed_at,
         changed_by_id, changed_by_name, version_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (production_id, day_id) DO NOTHING
       RETURNING ${DPR_COLUMNS}`,
      values,
    );
    return inserted.rows[0] ?? null;
  }

  async getPermissions(productionId: string): Promise<PermissionMatrix> {
    const { rows } = await this.open().query<{ permissions: unknown }>(
      `SELECT permissions FROM ${this.s}.productions WHERE id = $1`,
      [productionId],
    );
    if (!rows[0]) throw notFound(productionId);
    return mergePermissions(rows[0].permissions);
  }

  async setPermissions(productionId: string, permissions: PermissionMatrix): Promise<void> {
    const checked = checkPermissions(permissions);
    const { rowCount } = await this.open().query(
      `UPDATE ${this.s}.productions SET permissions = $1 WHERE id = $2`,
      [JSON.stringify(checked), productionId],
    );
    if (rowCount === 0) throw notFound(productionId);
  }

  async getApprovers(productionId: string): Promise<Approvers> {
    const { rows } = await this.open().query<{ approvers: unknown }>(
      `SELECT approvers FROM ${this.s}.productions WHERE id = $1`,
      [productionId],
    );
    if (!rows[0]) throw notFound(productionId);
    return mergeApprovers(rows[0].approvers);
  }

  async setApprovers(productionId: string, approvers: Approvers): Promise<void> {
    const checked = checkApprovers(approvers);
    const { rowCount } = await this.open().query(
      `UPDATE ${this.s}.productions SET approvers = $1 WHERE id = $2`,
      [JSON.stringify(checked), productionId],
    );
    if (rowCount === 0) throw notFound(productionId);
  }

  async ready(): Promise<boolean> {
    return !this.closed && pgReady(this.pool);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsPool) await this.pool.end();
  }

  private open(): Pool {
    if (this.closed) throw new Error('Directory is closed');
    return this.pool;
  }

  private insertTokenSql(): string {
    return `INSERT INTO ${this.s}.tokens (token_hash, member_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`;
  }

  private tokenParams(token: string, memberId: string, now: Date): [string, string, Date, Date] {
    return [hashSecret(token), memberId, now, addDays(now, this.tokenTtlDays)];
  }
}

function notFound(productionId: string): DirectoryError {
  return new DirectoryError('not_found', `No production ${productionId}`);
}
