/**
 * One contract for every Directory. `open` must return a NEW instance over the SAME database on every call
 * (the reopen test relies on it) and pass the given options through; the test file owns the database.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PERMISSIONS } from '../../shared/boards';
import type { PermissionMatrix } from '../../shared/boards';
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

    it('rejects blank names with an invalid DirectoryError', async () => {
      const { directory } = await setup();
      await expect(directory.createProduction({ name: '   ', ownerName: 'Pat' })).rejects.toMatchObject({
        name: 'DirectoryError',
        code: 'invalid',
      });
    });

    it('admits any number of people with one invite until it expires', async () => {
      const { directory, advanceDays } = await setup();
      const { production } = await directory.createProduction({ name: 'Docs', ownerName: 'Pat' });
      const invite = await directory.createInvite(production.id, 'ad');
      expect(invite.role).toBe('ad');
      expect(invite.expiresAt).toEqual(new Date('2025-03-03T08:00:00Z'));
      const first = await directory.redeemInvite(invite.code, 'Ari');
      const second = await directory.redeemInvite(invite.code, 'Bo');
      expect(first).toMatchObject({
        productionId: production.id,
        member: { name: 'Ari', role: 'ad', owner: false },
      });
      expect(second?.member.id).not.toBe(first?.member.id);
      expect(await directory.authenticate(second!.token)).toMatchObject({
        name: 'Bo',
        role: 'ad',
        owner: false,
      });
      expect((await directory.listMembers(production.id)).map((m) => m.name)).toEqual(['Pat', 'Ari', 'Bo']);

      advanceDays(2);
      expect(await directory.redeemInvite(invite.code, 'Late')).toBeNull();
      expect(await directory.redeemInvite('not-a-code', 'Eve')).toBeNull();
      expect(await directory.listMembers(production.id)).toHaveLength(3);
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
      expect(await again.authenticate(created.token)).toMatchObject({ memberId: created.member.id });
      expect(await again.redeemInvite(invite.code, 'Dee')).toMatchObject({ member: { role: 'director' } });
      expect(await again.getPermissions(created.production.id)).toEqual(changed);
    });
  });
}
