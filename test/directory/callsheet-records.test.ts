/**
 * One contract for the call sheet records of both directories (SQLite and PostgreSQL): personal links stored
 * as hashes that a reissue replaces, revisions that supersede earlier ones, recipients that only move forward.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Directory } from '../../server/directory/directory';
import type { NewRecipient, RevisionRecord } from '../../server/directory/callsheet-records';
import { PostgresDirectory } from '../../server/directory/postgres-directory';
import { hashSecret } from '../../server/directory/secrets';
import { SqliteDirectory } from '../../server/directory/sqlite-directory';
import { TEST_DATABASE_URL, dropSchema, uniqueSchema } from '../storage/pg-schema';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'setboard-callsheets-'));
const schema = uniqueSchema('callsheets_test');
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await dropSchema(schema);
});

/** Every stored link hash of a production, read straight from the database. */
type StoredHashes = (productionId: string) => Promise<string[]>;

const STORES: Array<[string, () => Promise<Directory>, StoredHashes]> = [
  [
    'SQLite',
    async () => new SqliteDirectory({ dataDir: dir }),
    async (productionId) => {
      const db = new Database(path.join(dir, 'directory.sqlite'), { readonly: true });
      try {
        return db
          .prepare<[string], { code_hash: string }>(
            'SELECT code_hash FROM callsheet_links WHERE production_id = ?',
          )
          .all(productionId)
          .map((r) => r.code_hash);
      } finally {
        db.close();
      }
    },
  ],
  [
    'PostgreSQL',
    () => PostgresDirectory.open({ connectionString: TEST_DATABASE_URL, schema }),
    async (productionId) => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        const { rows } = await client.query<{ code_hash: string }>(
          `SELECT code_hash FROM "${schema}".callsheet_links WHERE production_id = $1`,
          [productionId],
        );
        return rows.map((r) => r.code_hash);
      } finally {
        await client.end();
      }
    },
  ],
];

const revision = (productionId: string, n: number, over: Partial<RevisionRecord> = {}): RevisionRecord => ({
  productionId,
  day: 1,
  n,
  colour: n === 1 ? 'White' : 'Blue',
  publishedAt: Date.UTC(2026, 11, 6, 18, n),
  by: { id: 'm1', name: 'Ada AD' },
  note: null,
  versionId: `v${n}`,
  sheet: { production: 'Low Tide', day: { number: 1 } },
  ...over,
});

const recipient = (personId: string, over: Partial<NewRecipient> = {}): NewRecipient => ({
  personId,
  name: personId.toUpperCase(),
  department: 'Electric',
  title: null,
  status: 'sent',
  confirmedAt: null,
  part: { call: '06:00', castBilling: null },
  ownChanges: [],
  ...over,
});

for (const [name, open, storedHashes] of STORES) {
  describe(`Call sheet records contract: ${name}`, () => {
    const opened: Directory[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((d) => d.close()));
    });
    const setup = async () => {
      const directory = await open();
      opened.push(directory);
      const { production } = await directory.createProduction({ name: 'Low Tide', ownerName: 'Pat' });
      return { directory, records: directory.callSheets, productionId: production.id };
    };

    it('a personal link is 256 random bits, stored only as its SHA-256; a reissue stops the old one', async () => {
      const { records, productionId } = await setup();
      const first = await records.issueCallSheetLink(productionId, 1, 'gil');
      expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await records.resolveCallSheetLink(first)).toEqual({ productionId, day: 1, personId: 'gil' });
      expect(await storedHashes(productionId)).toEqual([hashSecret(first)]);
      expect(await records.callSheetLinkHolders(productionId, 1)).toEqual(new Set(['gil']));
      expect(await records.callSheetLinkHolders(productionId, 2)).toEqual(new Set());

      const second = await records.issueCallSheetLink(productionId, 1, 'gil');
      expect(second).not.toBe(first);
      expect(await records.resolveCallSheetLink(first)).toBeNull();
      expect(await records.resolveCallSheetLink(second)).toEqual({ productionId, day: 1, personId: 'gil' });
      expect(await records.resolveCallSheetLink('made-up')).toBeNull();
      expect(await records.resolveCallSheetLink('')).toBeNull();
      expect((await storedHashes(productionId)).sort()).toEqual(
        [hashSecret(first), hashSecret(second)].sort(),
      );
      await expect(records.issueCallSheetLink('no-such-production', 1, 'gil')).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    it('stores a revision as published and supersedes the earlier one; revision numbers are taken once', async () => {
      const { records, productionId } = await setup();
      expect(await records.latestCallSheetRevision(productionId, 1)).toBeNull();
      expect(
        await records.addCallSheetRevision(revision(productionId, 1), [recipient('gil'), recipient('bo')]),
      ).toBe(true);
      await records.markCallSheetRecipient(productionId, 1, 1, 'gil', 'confirmed', Date.UTC(2026, 11, 6, 19));
      expect(await records.latestCallSheetRevision(productionId, 1)).toEqual(revision(productionId, 1));
      expect(
        await records.addCallSheetRevision(revision(productionId, 1, { colour: 'Pink' }), [recipient('gil')]),
      ).toBe(false);

      const confirmedAt = Date.UTC(2026, 11, 6, 19);
      expect(
        await records.addCallSheetRevision(revision(productionId, 2, { note: 'Scene 7 moves' }), [
          recipient('gil', { status: 'confirmed', confirmedAt }),
          recipient('bo', { ownChanges: ['Your call moved from 06:00 to 07:00.'] }),
        ]),
      ).toBe(true);
      const listed = await records.listCallSheetRevisions(productionId, 1);
      expect(listed.map((r) => [r.n, r.colour, r.note])).toEqual([
        [2, 'Blue', 'Scene 7 moves'],
        [1, 'White', null],
      ]);
      expect(listed[0]!.recipients.map((r) => [r.personId, r.status, r.confirmedAt, r.ownChanges])).toEqual([
        ['gil', 'confirmed', confirmedAt, []],
        ['bo', 'sent', null, ['Your call moved from 06:00 to 07:00.']],
      ]);
      expect(listed[1]!.recipients.map((r) => [r.personId, r.status])).toEqual([
        ['gil', 'superseded'],
        ['bo', 'superseded'],
      ]);
      expect(await records.listCallSheetRevisions(productionId, 2)).toEqual([]);
    });

    it('a recipient only moves forward: sent → opened → confirmed; a superseded row stays so', async () => {
      const { records, productionId } = await setup();
      await records.addCallSheetRevision(revision(productionId, 1), [recipient('gil'), recipient('bo')]);
      const opened = await records.markCallSheetRecipient(productionId, 1, 1, 'gil', 'opened', 1000);
      expect(opened).toMatchObject({ personId: 'gil', status: 'opened', openedAt: 1000, confirmedAt: null });
      expect(await records.markCallSheetRecipient(productionId, 1, 1, 'gil', 'opened', 2000)).toBeNull();
      const confirmed = await records.markCallSheetRecipient(productionId, 1, 1, 'gil', 'confirmed', 3000);
      expect(confirmed).toMatchObject({ status: 'confirmed', openedAt: 1000, confirmedAt: 3000 });
      expect(await records.markCallSheetRecipient(productionId, 1, 1, 'gil', 'confirmed', 4000)).toBeNull();
      expect(await records.markCallSheetRecipient(productionId, 1, 1, 'gil', 'opened', 5000)).toBeNull();
      // Confirming without opening first (the PDF in an e-mail is enough).
      expect(await records.markCallSheetRecipient(productionId, 1, 1, 'bo', 'confirmed', 6000)).toMatchObject(
        {
          status: 'confirmed',
          openedAt: null,
        },
      );
      await records.addCallSheetRevision(revision(productionId, 2), [recipient('gil')]);
      expect(await records.markCallSheetRecipient(productionId, 1, 1, 'gil', 'confirmed', 7000)).toBeNull();
      expect(await records.markCallSheetRecipient(productionId, 1, 3, 'gil', 'opened', 7000)).toBeNull();
      expect(await records.callSheetRecipient(productionId, 1, 1, 'gil')).toMatchObject({
        status: 'superseded',
      });
      expect(await records.callSheetRecipient(productionId, 1, 2, 'nobody')).toBeNull();
    });

    it('records e-mail delivery per recipient, with the reason of a failure', async () => {
      const { records, productionId } = await setup();
      await records.addCallSheetRevision(revision(productionId, 1), [recipient('gil'), recipient('bo')]);
      await records.recordCallSheetDelivery(productionId, 1, 1, 'gil', {
        status: 'delivered',
        reason: null,
        at: 10,
      });
      await records.recordCallSheetDelivery(productionId, 1, 1, 'bo', {
        status: 'failed',
        reason: '550 mailbox unavailable',
        at: 20,
      });
      const [latest] = await records.listCallSheetRevisions(productionId, 1);
      expect(latest!.recipients.map((r) => r.delivery)).toEqual([
        { status: 'delivered', reason: null, at: 10 },
        { status: 'failed', reason: '550 mailbox unavailable', at: 20 },
      ]);
    });
  });
}
