/**
 * One contract for every Directory. `open` must return a NEW instance over the SAME database on every call
 * (the reopen test relies on it) and pass the given options through; the test file owns the database.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PERMISSIONS } from '../../shared/boards';
import type { Approvers, PermissionMatrix } from '../../shared/boards';
import type { Directory } from '../../server/directory/directory';
import { DirectoryError } from '../../server/directory/directory-rules';
import type { DirectoryOptions } from '../../server/directory/directory-rules';

const DAY_MS = 86_400_000;

export function registerDirectoryContract(
  name: string,
  open: (options: DirectoryOptions) => Promise<Directory>,
): void {
  describe(`Directory contract: ${name}`, () => {
    const opened: Directory[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((directory) => directory.close()));
    });
    /** A directory on a clock the test moves by hand. */
    const setup = async (options: Omit<DirectoryOptions, 'now'> = {}) => {
      const clock = { now: new Date('2025-03-01T08:00:00Z') };
      const directory = await open({ tokenTtlDays: 10, inviteTtlDays: 2, ...options, now: () => clock.now });
      opened.push(directory);
      const advanceDays = (days: number) => {
        clock.now = new Date(clock.now.getTime() + days * DAY_MS);
      };
      return { directory, advanceDays };
    };

    it('creates a production whose owner is a producer holding a working token', async () => {
      const { directory } = await setup();
      const created = await directory.createProduction({ name: '  Night Shoot ', ownerName: 'Pat' });
      expect(created.production.name).toBe('Night Shoot');
      expect(created.member).toMatchObject({ name: 'Pat', role: 'producer', owner: true });
      expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await directory.authenticate(created.token)).toEqual({
        productionId: created.production.id,
        memberId: created.member.id,
        name: 'Pat',
        role: 'producer',
        owner: true,
      });
      expect(await directory.getProduction(created.production.id)).toEqual(created.production);
      expect(await directory.listProductions()).toContainEqual(created.production);
      expect(await directory.listMembers(created.production.id)).toEqual([created.member]);
      expect(await directory.getProduction('no-such-production')).toBeNull();
    });

    it('gives the owner the role they chose, and previews an invite without using it', async () => {
      const { directory, advanceDays } = await setup();
      const indie = await directory.createProduction({
        name: 'Indie',
        ownerName: 'Ida',
        ownerRole: 'director',
      });
      expect(indie.member).toMatchObject({ role: 'director', owner: true });
      expect(await directory.authenticate(indie.token)).toMatchObject({ role: 'director', owner: true });
      const invite = await directory.createInvite(indie.production.id, 'crew');
      expect(await directory.previewInvite(invite.code)).toEqual({ productionName: 'Indie', role: 'crew' });
      expect(await directory.previewInvite(invite.code)).toEqual({ productionName: 'Indie', role: 'crew' });
      expect(await directory.previewInvite('not-a-code')).toBeNull();
      advanceDays(3);
      await expect(directory.previewInvite(invite.code)).rejects.toMatchObject({
        code: 'gone',
        reason: 'expired',
      });
    });

    it('rejects blank names with an invalid DirectoryError', async () => {
      const { directory } = await setup();
      await expect(directory.createProduction({ name: '   ', ownerName: 'Pat' })).rejects.toMatchObject({
        name: 'DirectoryError',
        code: 'invalid',
      });
    });

    it('makes invites personal by default: one person joins, the next is refused as used up', async () => {
      const { directory } = await setup();
      const { production } = await directory.createProduction({ name: 'Docs', ownerName: 'Pat' });
      const invite = await directory.createInvite(production.id, 'ad');
      expect(invite).toMatchObject({ role: 'ad', uses: 1, usesLeft: 1, usedBy: [] });
      expect(invite.expiresAt).toEqual(new Date('2025-03-03T08:00:00Z'));
      const { code, ...listed } = invite;
      expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(listed.createdAt).toEqual(new Date('2025-03-01T08:00:00Z'));
      expect(await directory.listInvites(production.id)).toEqual([listed]);
      const first = await directory.redeemInvite(invite.code, 'Ari');
      expect(first).toMatchObject({
        productionId: production.id,
        member: { name: 'Ari', role: 'ad', owner: false },
      });
      expect(await directory.authenticate(first!.token)).toMatchObject({ name: 'Ari', role: 'ad' });
      await expect(directory.redeemInvite(invite.code, 'Bo')).rejects.toMatchObject({
        name: 'InviteGoneError',
        code: 'gone',
        reason: 'used_up',
      });
      expect(await directory.listInvites(production.id)).toEqual([]);
      expect((await directory.listMembers(production.id)).map((m) => m.name)).toEqual(['Pat', 'Ari']);
      expect(await directory.redeemInvite('not-a-code', 'Eve')).toBeNull();
    });

    it('lists a multi-use invite with its uses left and who used it, until it is revoked', async () => {
      const { directory } = await setup();
      const { production } = await directory.createProduction({ name: 'Docs', ownerName: 'Pat' });
      const other = await directory.createProduction({ name: 'Other', ownerName: 'Sam' });
      const shared = await directory.createInvite(production.id, 'crew', { uses: 3, expiresInDays: 7 });
      expect(shared).toMatchObject({ uses: 3, usesLeft: 3, expiresAt: new Date('2025-03-08T08:00:00Z') });
      const ari = (await directory.redeemInvite(shared.code, 'Ari'))!;
      const bo = (await directory.redeemInvite(shared.code, 'Bo'))!;
      expect(await directory.revokeMember(production.id, bo.member.id)).toBe(true);
      const [listed] = await directory.listInvites(production.id);
      expect(listed).toMatchObject({ id: shared.id, role: 'crew', uses: 3, usesLeft: 1 });
      expect(listed!.usedBy).toEqual([
        { memberId: ari.member.id, name: 'Ari', usedAt: new Date('2025-03-01T08:00:00Z'), removed: false },
        { memberId: bo.member.id, name: 'Bo', usedAt: new Date('2025-03-01T08:00:00Z'), removed: true },
      ]);

      expect(await directory.revokeInvite(other.production.id, shared.id)).toBe(false);
      expect(await directory.revokeInvite(production.id, 'no-such-invite')).toBe(false);
      expect(await directory.revokeInvite(production.id, shared.id)).toBe(true);
      expect(await directory.revokeInvite(production.id, shared.id)).toBe(false);
      await expect(directory.redeemInvite(shared.code, 'Bo again')).rejects.toMatchObject({
        reason: 'revoked',
      });
      expect(await directory.listInvites(production.id)).toEqual([]);
      // Those who joined before the revocation stay.
      expect(await directory.authenticate(ari.token)).not.toBeNull();
      expect((await directory.listMembers(production.id)).map((m) => m.name)).toEqual(['Pat', 'Ari']);
    });

    it('refuses an expired invite as expired and drops it from the list', async () => {
      const { directory, advanceDays } = await setup();
      const { production } = await directory.createProduction({ name: 'Docs', ownerName: 'Pat' });
      const invite = await directory.createInvite(production.id, 'crew', { uses: 5 });
      advanceDays(1.99);
      expect(await directory.listInvites(production.id)).toHaveLength(1);
      advanceDays(0.01);
      expect(await directory.listInvites(production.id)).toEqual([]);
      await expect(directory.redeemInvite(invite.code, 'Late')).rejects.toMatchObject({ reason: 'expired' });
      expect(await directory.listMembers(production.id)).toHaveLength(1);
    });

    it('admits exactly as many people as an invite allows when they arrive at once', async () => {
      const { directory } = await setup();
      const { production } = await directory.createProduction({ name: 'Docs', ownerName: 'Pat' });
      const invite = await directory.createInvite(production.id, 'crew', { uses: 2 });
      const outcomes = await Promise.allSettled(
        ['A', 'B', 'C', 'D', 'E'].map((name) => directory.redeemInvite(invite.code, name)),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
      for (const o of outcomes.filter((o) => o.status === 'rejected')) {
        expect((o as PromiseRejectedResult).reason).toMatchObject({ reason: 'used_up' });
      }
      expect(await directory.listMembers(production.id)).toHaveLength(3);
    });

    it('refuses invite terms out of bounds with an invalid DirectoryError', async () => {
      const { directory } = await setup();
      const { production } = await directory.createProduction({ name: 'Docs', ownerName: 'Pat' });
      for (const options of [
        { uses: 0 },
        { uses: 1.5 },
        { uses: 1001 },
        { expiresInDays: 0 },
        { expiresInDays: 366 },
      ]) {
        await expect(directory.createInvite(production.id, 'crew', options)).rejects.toMatchObject({
          code: 'invalid',
        });
      }
      expect(await directory.listInvites(production.id)).toEqual([]);
    });

    it('fails to invite to an unknown production with not_found, and refuses unknown roles', async () => {
      const { directory } = await setup();
      await expect(directory.createInvite('nope', 'crew')).rejects.toMatchObject({ code: 'not_found' });
      const { production } = await directory.createProduction({ name: 'Docs', ownerName: 'Pat' });
      await expect(directory.createInvite(production.id, 'gaffer' as 'crew')).rejects.toBeInstanceOf(
        DirectoryError,
      );
    });

    it('stops authenticating a token once it expires, and never an unknown one', async () => {
      const { directory, advanceDays } = await setup();
      const { token } = await directory.createProduction({ name: 'Docs', ownerName: 'Pat' });
      advanceDays(9.9);
      expect(await directory.authenticate(token)).not.toBeNull();
      advanceDays(0.1);
      expect(await directory.authenticate(token)).toBeNull();
      expect(await directory.authenticate('')).toBeNull();
      expect(await directory.authenticate('x'.repeat(43))).toBeNull();
    });

    it('revokes a member and all their tokens, but never the owner', async () => {
      const { directory } = await setup();
      const owner = await directory.createProduction({ name: 'Docs', ownerName: 'Pat' });
      const other = await directory.createProduction({ name: 'Other', ownerName: 'Sam' });
      const invite = await directory.createInvite(owner.production.id, 'crew');
      const joined = (await directory.redeemInvite(invite.code, 'Cam'))!;
      const stranger = (await directory.redeemInvite(
        (await directory.createInvite(other.production.id, 'crew')).code,
        'Kim',
      ))!;

      expect(await directory.revokeMember(owner.production.id, stranger.member.id)).toBe(false);
      expect(await directory.revokeMember(owner.production.id, owner.member.id)).toBe(false);
      expect(await directory.revokeMember(owner.production.id, joined.member.id)).toBe(true);
      expect(await directory.authenticate(joined.token)).toBeNull();
      expect(await directory.revokeMember(owner.production.id, joined.member.id)).toBe(false);
      expect(await directory.listMembers(owner.production.id)).toEqual([owner.member]);
      expect(await directory.authenticate(owner.token)).not.toBeNull();
      expect(await directory.authenticate(stranger.token)).not.toBeNull();
    });

    it('starts from the default permissions and stores a changed matrix per production', async () => {
      const { directory } = await setup();
      const a = await directory.createProduction({ name: 'A', ownerName: 'Pat' });
      const b = await directory.createProduction({ name: 'B', ownerName: 'Sam' });
      expect(await directory.getPermissions(a.production.id)).toEqual(DEFAULT_PERMISSIONS);
      const changed: PermissionMatrix = structuredClone(DEFAULT_PERMISSIONS);
      changed.crew.costreport = 'read';
      changed.ad.moodboard = 'write';
      await directory.setPermissions(a.production.id, changed);
      expect(await directory.getPermissions(a.production.id)).toEqual(changed);
      expect(await directory.getPermissions(b.production.id)).toEqual(DEFAULT_PERMISSIONS);

      const broken = structuredClone(changed) as unknown as Record<string, Record<string, string>>;
      broken.crew!.costreport = 'admin';
      await expect(
        directory.setPermissions(a.production.id, broken as unknown as PermissionMatrix),
      ).rejects.toMatchObject({ code: 'invalid' });
      await expect(directory.setPermissions('nope', changed)).rejects.toMatchObject({ code: 'not_found' });
      await expect(directory.getPermissions('nope')).rejects.toMatchObject({ code: 'not_found' });
      expect(await directory.getPermissions(a.production.id)).toEqual(changed);
    });

    it("[A19] keeps the owner's choice of approvers per production and refuses a bad one whole", async () => {
      const { directory } = await setup();
      const a = await directory.createProduction({ name: 'A', ownerName: 'Pat' });
      const b = await directory.createProduction({ name: 'B', ownerName: 'Sam' });
      expect(await directory.getApprovers(a.production.id)).toEqual({});
      await directory.setApprovers(a.production.id, { shotlist: ['director'], schedule: ['ad', 'producer'] });
      // Roles come back in the matrix's order, whatever order they were sent in.
      expect(await directory.getApprovers(a.production.id)).toEqual({
        shotlist: ['director'],
        schedule: ['producer', 'ad'],
      });
      expect(await directory.getApprovers(b.production.id)).toEqual({});
      await expect(
        directory.setApprovers(a.production.id, { shotlist: ['boss'] } as unknown as Approvers),
      ).rejects.toMatchObject({ code: 'invalid' });
      await expect(
        directory.setApprovers(a.production.id, { nope: ['ad'] } as unknown as Approvers),
      ).rejects.toMatchObject({ code: 'invalid' });
      await expect(directory.setApprovers('nope', {})).rejects.toMatchObject({ code: 'not_found' });
      expect((await directory.getApprovers(a.production.id)).shotlist).toEqual(['director']);
      await directory.setApprovers(a.production.id, {});
      expect(await directory.getApprovers(a.production.id)).toEqual({});
    });

    it('shows everything to a new instance over the same database', async () => {
      const { directory } = await setup();
      const created = await directory.createProduction({ name: 'Kept', ownerName: 'Pat' });
      const invite = await directory.createInvite(created.production.id, 'director');
      const changed: PermissionMatrix = structuredClone(DEFAULT_PERMISSIONS);
      changed.director.costreport = 'none';
      await directory.setPermissions(created.production.id, changed);
      await directory.close();

      const { directory: again } = await setup();
      expect(await again.ready()).toBe(true);
      expect((await again.listInvites(created.production.id)).map((i) => i.id)).toEqual([invite.id]);
      expect(await again.authenticate(created.token)).toMatchObject({ memberId: created.member.id });
      expect(await again.redeemInvite(invite.code, 'Dee')).toMatchObject({ member: { role: 'director' } });
      expect(await again.getPermissions(created.production.id)).toEqual(changed);
    });

    it('keeps a production’s crew and cast list: add, change, clear, remove, scoped to the production', async () => {
      const { directory } = await setup();
      const a = await directory.createProduction({ name: 'Low Tide', ownerName: 'Pat' });
      const b = await directory.createProduction({ name: 'Other', ownerName: 'Quinn' });
      const gaffer = await directory.createPerson(a.production.id, { name: '  Gil Gaffer ' });
      expect(gaffer).toEqual({
        id: expect.any(String),
        name: 'Gil Gaffer',
        department: null,
        title: null,
        phone: null,
        email: null,
        castBilling: null,
        memberId: null,
        callOffsetMinutes: null,
        keyContact: false,
      });
      const lead = await directory.createPerson(a.production.id, {
        name: 'Mara Quint',
        department: 'Cast',
        title: 'Actor',
        phone: '+44 7700 900123',
        email: 'mara@example.com',
        castBilling: 1,
        memberId: a.member.id,
        callOffsetMinutes: -30,
        keyContact: true,
      });
      await directory.createPerson(b.production.id, { name: 'Elsewhere' });
      expect(await directory.listPeople(a.production.id)).toEqual([gaffer, lead]);

      const changed = await directory.updatePerson(a.production.id, gaffer.id, {
        department: 'Electric',
        callOffsetMinutes: 15,
      });
      expect(changed).toEqual({ ...gaffer, department: 'Electric', callOffsetMinutes: 15 });
      const cleared = await directory.updatePerson(a.production.id, lead.id, {
        phone: null,
        keyContact: false,
      });
      expect(cleared).toEqual({ ...lead, phone: null, keyContact: false });
      await expect(directory.updatePerson(a.production.id, lead.id, { name: ' ' })).rejects.toMatchObject({
        code: 'invalid',
      });
      // Another production's person is not found through this one, and stays as it was.
      expect(await directory.updatePerson(b.production.id, gaffer.id, { title: 'Best boy' })).toBeNull();
      expect(await directory.deletePerson(b.production.id, gaffer.id)).toBe(false);
      expect(await directory.deletePerson(a.production.id, gaffer.id)).toBe(true);
      expect(await directory.deletePerson(a.production.id, gaffer.id)).toBe(false);
      expect(await directory.listPeople(a.production.id)).toEqual([cleared]);
      await expect(directory.createPerson('nope', { name: 'Nobody' })).rejects.toMatchObject({
        code: 'not_found',
      });
      await directory.close();
      const { directory: again } = await setup();
      expect(await again.listPeople(a.production.id)).toEqual([cleared]);
      expect((await again.listPeople(b.production.id)).map((p) => p.name)).toEqual(['Elsewhere']);
    });

    it('keeps a day report sign-off: steps only from the states they leave, one winner at a time', async () => {
      const { directory } = await setup();
      const a = await directory.createProduction({ name: 'A', ownerName: 'Pat' });
      const b = await directory.createProduction({ name: 'B', ownerName: 'Kim' });
      const id = a.production.id;
      const by = { id: 'm-ad', name: 'Sam AD' };
      const step = (
        from: ('draft' | 'submitted' | 'approved' | 'returned')[],
        to: 'submitted' | 'approved' | 'returned',
        extra: { comment?: string; versionId?: string } = {},
      ) =>
        directory.moveDprSignoff(id, {
          dayId: 'day-1',
          dayNumber: 1,
          from,
          to,
          at: new Date('2025-03-01T20:00:00Z'),
          by,
          comment: extra.comment ?? null,
          ...(extra.versionId ? { versionId: extra.versionId } : {}),
        });
      expect(await directory.getDprSignoff(id, 'day-1')).toBeNull();
      // approving a draft is out of order
      expect(await step(['submitted'], 'approved')).toBeNull();
      expect(await step(['draft', 'returned'], 'submitted')).toEqual({
        dayId: 'day-1',
        dayNumber: 1,
        state: 'submitted',
        comment: null,
        at: new Date('2025-03-01T20:00:00Z'),
        by,
        versionId: null,
      });
      // two approvals at once: exactly one moves the report
      const both = await Promise.all([
        step(['submitted'], 'approved', { versionId: 'v1' }),
        step(['submitted'], 'approved', { versionId: 'v2' }),
      ]);
      expect(both.filter((x) => x !== null)).toHaveLength(1);
      const approved = await directory.getDprSignoff(id, 'day-1');
      expect(approved).toMatchObject({ state: 'approved', versionId: both.find((x) => x)!.versionId });
      expect(await step(['submitted'], 'approved')).toBeNull();
      // returning keeps the approved version's id and the comment
      expect(await step(['submitted', 'approved'], 'returned', { comment: 'Wrap was 19:10' })).toMatchObject({
        state: 'returned',
        comment: 'Wrap was 19:10',
        versionId: approved!.versionId,
      });
      expect((await directory.listDprSignoffs(id)).map((r) => [r.dayId, r.state])).toEqual([
        ['day-1', 'returned'],
      ]);
      expect(await directory.listDprSignoffs(b.production.id)).toEqual([]);
      expect(await directory.getDprSignoff(b.production.id, 'day-1')).toBeNull();
      await expect(
        directory.moveDprSignoff('nope', {
          dayId: 'd',
          dayNumber: 1,
          from: ['draft'],
          to: 'submitted',
          at: new Date(),
          by,
          comment: null,
        }),
      ).rejects.toMatchObject({ code: 'not_found' });
    });
  });
}
