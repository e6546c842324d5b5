// @vitest-environment happy-dom
/**
 * The team page and the start-a-production form against the real API: the API router over a real
 * SqliteDirectory on 127.0.0.1 port 0 (test/api/harness.ts). The page's origin is the server's, so the
 * client's relative `/api/...` requests reach it unchanged, and every outcome is read back from the server.
 */
import http from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type {
  CreateProductionResponse,
  InvitesResponse,
  JoinResponse,
  Member,
  MembersResponse,
  MeResponse,
  PermissionsResponse,
} from '../../shared/api-types';
import { BOARDS, DEFAULT_PERMISSIONS, ROLES, mayApprove, type Role } from '../../shared/boards';
import { getSession } from '../../client/src/api/session';
import { parseRoute, teamPath } from '../../client/src/app/router';
import TeamPage from '../../client/src/pages/TeamPage';
import { StartProductionForm } from '../../client/src/pages/StartProductionForm';
import { call, startHarness, type Harness } from '../api/harness';
import { act, mount } from './render';

interface HappyWindow {
  happyDOM: { setURL(url: string): void };
}
const setPageUrl = (url: string) => (window as unknown as HappyWindow).happyDOM.setURL(url);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  setPageUrl(`${h.origin}/`);
});
afterAll(() => h.close());
afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
  setPageUrl(`${h.origin}/`);
});

/** A production on the real server, with helpers that talk to the API the way other devices would. */
async function production() {
  const created = await call<CreateProductionResponse>(h.origin, 'POST', '/api/productions', {
    body: { name: 'Night Train', ownerName: 'Pia' },
  });
  expect(created.status).toBe(201);
  const { production, token: ownerToken, member: owner } = created.body;
  const base = `/api/productions/${production.id}`;
  const meAs = (member: Member): MeResponse => ({
    member,
    production,
    permissions: DEFAULT_PERMISSIONS[member.role],
    approves: BOARDS.filter((b) => mayApprove({}, DEFAULT_PERMISSIONS, member.role, b)),
  });
  return {
    production,
    owner,
    ownerToken,
    ownerMe: meAs(owner),
    meAs,
    async join(role: Role, name: string, uses = 1) {
      const invite = await call<{ code: string; id: string }>(h.origin, 'POST', `${base}/invites`, {
        token: ownerToken,
        body: { role, uses },
      });
      const joined = await call<JoinResponse>(h.origin, 'POST', '/api/join', {
        body: { code: invite.body.code, name },
      });
      expect(joined.status).toBe(201);
      return { ...joined.body, code: invite.body.code, inviteId: invite.body.id };
    },
    joinWith: (code: string, name: string) => call(h.origin, 'POST', '/api/join', { body: { code, name } }),
    invites: async () =>
      (await call<InvitesResponse>(h.origin, 'GET', `${base}/invites`, { token: ownerToken })).body.invites,
    members: async () =>
      (await call<MembersResponse>(h.origin, 'GET', `${base}/members`, { token: ownerToken })).body.members,
    permissions: async () =>
      (await call<PermissionsResponse>(h.origin, 'GET', `${base}/permissions`, { token: ownerToken })).body
        .permissions,
  };
}

/** Polls with act so the fetch answers' state updates are flushed inside it. */
async function until(check: () => void | Promise<void>) {
  await vi.waitFor(
    async () => {
      await act(async () => {});
      await check();
    },
    { timeout: 5000 },
  );
}

function buttonNamed(root: ParentNode, label: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent === label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
}

function fieldLabelled(root: ParentNode, label: string): HTMLInputElement | HTMLSelectElement {
  const span = [...root.querySelectorAll('label.field > span')].find((s) => s.textContent === label);
  const field = span?.parentElement?.querySelector<HTMLInputElement | HTMLSelectElement>('input, select');
  if (!field) throw new Error(`no field "${label}"`);
  return field;
}

function choose(select: HTMLSelectElement, value: string) {
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!.call(select, value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

function type(input: HTMLInputElement, value: string) {
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const dialog = () => document.querySelector<HTMLElement>('[role=dialog]');
const inviteRows = (container: HTMLElement) => [...container.querySelectorAll('[data-testid=invite]')];

describe('team page', () => {
  it('the owner sees the members with the owner badge, the invite form, remove and the matrix', async () => {
    const p = await production();
    await p.join('crew', 'Gus');
    const { container } = mount(<TeamPage me={p.ownerMe} token={p.ownerToken} />);
    await until(() => expect(container.querySelectorAll('[data-testid=member]')).toHaveLength(2));
    const [first, second] = [...container.querySelectorAll('[data-testid=member]')];
    expect(first!.textContent).toContain('Owner');
    expect(first!.textContent).toContain('Producer');
    expect(second!.textContent).toContain('Crew');
    expect(first!.querySelector('button')).toBeNull(); // the owner cannot remove themself (409)
    expect(buttonNamed(second!, 'Remove')).toBeTruthy();
    expect(buttonNamed(container, 'Create invite')).toBeTruthy();
    await until(() =>
      expect(container.querySelectorAll('table select')).toHaveLength(ROLES.length * BOARDS.length),
    );
    await until(() => expect(container.textContent).toContain('No invite can admit anyone right now.'));
  });

  it('a member who is not the owner sees the list and why nothing else is offered', async () => {
    const p = await production();
    const gus = await p.join('crew', 'Gus');
    const { container } = mount(<TeamPage me={p.meAs(gus.member)} token={gus.token} />);
    await until(() => expect(container.querySelectorAll('[data-testid=member]')).toHaveLength(2));
    expect(container.textContent).toContain('Only the production’s owner invites people');
    expect(container.querySelectorAll('button')).toHaveLength(0);
    expect(container.querySelector('table')).toBeNull();
    expect(container.textContent).not.toContain('Open invites');
  });

  it('creates a personal invite whose link admits one person, and lists it until it is used', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const p = await production();
    const { container } = mount(<TeamPage me={p.ownerMe} token={p.ownerToken} />);
    await until(() => expect(container.textContent).toContain('No invite can admit anyone'));
    choose(fieldLabelled(container, 'Role') as HTMLSelectElement, 'director');
    expect((fieldLabelled(container, 'People it admits') as HTMLInputElement).value).toBe('1');
    act(() => buttonNamed(container, 'Create invite').click());
    await until(() => expect(container.querySelector('[data-testid=invite-link]')).not.toBeNull());
    const field = container.querySelector<HTMLInputElement>('#invite-url')!;
    expect(field.readOnly).toBe(true);
    expect(field.value).toMatch(new RegExp(`^${h.origin}/join/[A-Za-z0-9_-]{43}$`));
    expect(container.querySelector('[data-testid=invite-link]')!.textContent).toContain(
      'Personal invite link for one Director',
    );
    act(() => buttonNamed(container, 'Copy').click());
    await until(() => expect(container.textContent).toContain('it works once'));
    expect(writeText).toHaveBeenCalledWith(field.value);

    await until(() => expect(inviteRows(container)).toHaveLength(1));
    expect(inviteRows(container)[0]!.textContent).toContain('Director · personal invite');
    expect(inviteRows(container)[0]!.textContent).toContain('admits one person');
    const [stored] = await p.invites();
    expect(stored).toMatchObject({ role: 'director', uses: 1, usesLeft: 1 });
    expect(Date.parse(stored!.expiresAt) - Date.parse(stored!.createdAt)).toBe(7 * 86_400_000);

    const code = field.value.slice(field.value.lastIndexOf('/') + 1);
    expect((await p.joinWith(code, 'Dana')).status).toBe(201);
    expect((await p.joinWith(code, 'Someone Else')).status).toBe(410);
  });

  it('creates a shared link with the uses and expiry typed, and shows who used it and the uses left', async () => {
    const p = await production();
    const { container } = mount(<TeamPage me={p.ownerMe} token={p.ownerToken} />);
    await until(() => expect(container.textContent).toContain('No invite can admit anyone'));
    choose(fieldLabelled(container, 'Role') as HTMLSelectElement, 'crew');
    type(fieldLabelled(container, 'People it admits') as HTMLInputElement, '5');
    type(fieldLabelled(container, 'Days until it expires') as HTMLInputElement, '3');
    act(() => buttonNamed(container, 'Create invite').click());
    await until(() => expect(container.querySelector('#invite-url')).not.toBeNull());
    expect(container.querySelector('[data-testid=invite-link]')!.textContent).toContain(
      'Shared link for up to 5 people as Crew',
    );
    const url = container.querySelector<HTMLInputElement>('#invite-url')!.value;
    const code = url.slice(url.lastIndexOf('/') + 1);
    expect((await p.joinWith(code, 'Ari')).status).toBe(201);
    expect((await p.joinWith(code, 'Bo')).status).toBe(201);

    // Remounting loads the list again, as opening the Team page later does.
    const again = mount(<TeamPage me={p.ownerMe} token={p.ownerToken} />).container;
    await until(() => expect(inviteRows(again)).toHaveLength(1));
    const row = inviteRows(again)[0]!.textContent!;
    expect(row).toContain('Crew · shared link');
    expect(row).toContain('3 of 5 uses left');
    expect(row).toMatch(/Used by Ari .*, Bo /);
    expect(row).toContain(
      `Expires ${new Date(Date.now() + 3 * 86_400_000).toLocaleDateString([], {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
      })}`,
    );
  });

  it('coming back to the page shows who joined meanwhile on their own device', async () => {
    const p = await production();
    const link = await p.join('crew', 'Ari', 3);
    const { container } = mount(<TeamPage me={p.ownerMe} token={p.ownerToken} />);
    await until(() => expect(inviteRows(container)[0]?.textContent).toContain('2 of 3 uses left'));
    expect((await p.joinWith(link.code, 'Bo')).status).toBe(201);
    act(() => {
      window.dispatchEvent(new Event('focus'));
    });
    await until(() => expect(inviteRows(container)[0]?.textContent).toContain('1 of 3 uses left'));
    expect(inviteRows(container)[0]!.textContent).toMatch(/Used by Ari .*, Bo /);
    expect(container.querySelectorAll('[data-testid=member]')).toHaveLength(3);
  });

  it('a number of uses out of bounds is refused where it was typed, keeps the text and creates nothing', async () => {
    const p = await production();
    const { container } = mount(<TeamPage me={p.ownerMe} token={p.ownerToken} />);
    await until(() => expect(container.textContent).toContain('No invite can admit anyone'));
    const uses = fieldLabelled(container, 'People it admits') as HTMLInputElement;
    type(uses, '0');
    type(fieldLabelled(container, 'Days until it expires') as HTMLInputElement, '400');
    act(() => buttonNamed(container, 'Create invite').click());
    expect(uses.getAttribute('aria-invalid')).toBe('true');
    expect(uses.value).toBe('0');
    const alerts = [...container.querySelectorAll('[role=alert]')].map((a) => a.textContent);
    expect(alerts).toEqual([
      'People it admits must be a whole number from 1 to 1000.',
      'Days until it expires must be a whole number from 1 to 365.',
    ]);
    expect(container.querySelector('[data-testid=invite-link]')).toBeNull();
    expect(await p.invites()).toEqual([]);
    type(uses, '2');
    expect(uses.getAttribute('aria-invalid')).toBe('false');
  });

  it('without a clipboard the link is selected and the person is told how to copy it', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: undefined });
    const p = await production();
    const { container } = mount(<TeamPage me={p.ownerMe} token={p.ownerToken} />);
    act(() => buttonNamed(container, 'Create invite').click());
    await until(() => expect(container.querySelector('#invite-url')).not.toBeNull());
    act(() => buttonNamed(container, 'Copy').click());
    await until(() => expect(container.textContent).toContain('The link is selected'));
    expect(document.activeElement).toBe(container.querySelector('#invite-url'));
  });

  it('revoke asks first, then the invite admits nobody and leaves the list', async () => {
    const p = await production();
    const gus = await p.join('crew', 'Gus', 3);
    const { container } = mount(<TeamPage me={p.ownerMe} token={p.ownerToken} />);
    await until(() => expect(inviteRows(container)).toHaveLength(1));
    const revoke = inviteRows(container)[0]!.querySelector('button')!;
    expect(revoke.textContent).toMatch(/^Revoke the Crew shared link expiring /);
    act(() => revoke.click());
    expect(dialog()!.textContent).toContain('those who already joined with it stay');
    act(() => buttonNamed(dialog()!, 'Cancel').click());
    expect(await p.invites()).toHaveLength(1);

    act(() => revoke.click());
    act(() => buttonNamed(dialog()!, 'Revoke').click());
    await until(() => expect(container.textContent).toContain('No invite can admit anyone'));
    expect(await p.invites()).toEqual([]);
    expect((await p.joinWith(gus.code, 'Gus again')).status).toBe(410);
  });

  it('revoking an invite someone else already revoked says so next to the list, which catches up', async () => {
    const p = await production();
    const gus = await p.join('crew', 'Gus', 3);
    const { container } = mount(<TeamPage me={p.ownerMe} token={p.ownerToken} />);
    await until(() => expect(inviteRows(container)).toHaveLength(1));
    // The owner revokes it on another device meanwhile.
    const other = await call(
      h.origin,
      'DELETE',
      `/api/productions/${p.production.id}/invites/${gus.inviteId}`,
      {
        token: p.ownerToken,
      },
    );
    expect(other.status).toBe(204);
    act(() => inviteRows(container)[0]!.querySelector('button')!.click());
    act(() => buttonNamed(dialog()!, 'Revoke').click());
    const section = container.querySelector('[aria-labelledby=team-open-invites]')!;
    await until(() =>
      expect(section.querySelector('[role=alert]')?.textContent).toMatch(/No invite .* to revoke/),
    );
    await until(() => expect(container.textContent).toContain('No invite can admit anyone'));
  });

  it('Save PUTs the whole edited matrix; reset to defaults restores the shipped matrix', async () => {
    const p = await production();
    const { container } = mount(<TeamPage me={p.ownerMe} token={p.ownerToken} />);
    await until(() => expect(container.querySelector('table')).not.toBeNull());
    const save = buttonNamed(container, 'Save');
    expect(save.disabled).toBe(true);
    choose(container.querySelector<HTMLSelectElement>('[aria-label="Crew: Cost report"]')!, 'write');
    choose(container.querySelector<HTMLSelectElement>('[aria-label="Director: Schedule"]')!, 'none');
    expect(save.disabled).toBe(false);
    act(() => save.click());
    await until(() => expect(container.textContent).toContain('Saved.'));
    const expected = structuredClone(DEFAULT_PERMISSIONS);
    expected.crew.costreport = 'write';
    expected.director.schedule = 'none';
    expect(await p.permissions()).toEqual(expected);

    act(() => buttonNamed(container, 'Reset to defaults').click());
    expect(container.querySelector<HTMLSelectElement>('[aria-label="Crew: Cost report"]')!.value).toBe(
      'none',
    );
    act(() => buttonNamed(container, 'Save').click());
    await until(async () => expect(await p.permissions()).toEqual(DEFAULT_PERMISSIONS));
  });

  it('a rejected save shows the server’s reason and keeps the edit', async () => {
    const p = await production();
    const { container } = mount(<TeamPage me={p.ownerMe} token={p.ownerToken} />);
    await until(() => expect(container.querySelector('table')).not.toBeNull());
    // The owner's token expires while the page is open: the server refuses the save with 401.
    h.advanceDays(200);
    try {
      const select = container.querySelector<HTMLSelectElement>('[aria-label="Crew: Mood board"]')!;
      choose(select, 'write');
      act(() => buttonNamed(container, 'Save').click());
      await until(() =>
        expect(container.querySelector('[role=alert]')?.textContent).toMatch(/token is not valid/),
      );
      expect(select.value).toBe('write');
      expect(container.textContent).toContain('Unsaved changes');
    } finally {
      h.advanceDays(-200);
    }
    expect((await p.permissions()).crew.moodboard).toBe(DEFAULT_PERMISSIONS.crew.moodboard);
  });

  it('remove asks first, says the devices are signed out, then removes and refreshes the list', async () => {
    const p = await production();
    const gus = await p.join('crew', 'Gus');
    const { container } = mount(<TeamPage me={p.ownerMe} token={p.ownerToken} />);
    await until(() => expect(container.querySelectorAll('[data-testid=member]')).toHaveLength(2));
    act(() => buttonNamed(container, 'Remove').click());
    expect(dialog()!.textContent).toContain('signed out within a second');
    expect(await p.members()).toHaveLength(2);
    act(() => buttonNamed(dialog()!, 'Remove Gus').click());
    await until(() => expect(container.querySelectorAll('[data-testid=member]')).toHaveLength(1));
    // A personal invite is spent: nothing more to offer.
    expect(dialog()).toBeNull();
    expect((await call(h.origin, 'GET', '/api/me', { token: gus.token })).status).toBe(401);
    expect((await p.joinWith(gus.code, 'Gus')).status).toBe(410);
  });

  it('removing a member who joined with a shared link offers to revoke that link too', async () => {
    const p = await production();
    const gus = await p.join('crew', 'Gus', 4);
    const { container } = mount(<TeamPage me={p.ownerMe} token={p.ownerToken} />);
    await until(() => expect(inviteRows(container)).toHaveLength(1));
    act(() => buttonNamed(container, 'Remove').click());
    act(() => buttonNamed(dialog()!, 'Remove Gus').click());
    await until(() => expect(dialog()?.textContent).toContain('Revoke the link Gus joined with?'));
    expect(dialog()!.textContent).toContain('can still admit 3 people');
    expect(await p.members()).toHaveLength(1);
    act(() => buttonNamed(dialog()!, 'Revoke the link').click());
    await until(() => expect(container.textContent).toContain('No invite can admit anyone'));
    expect((await p.joinWith(gus.code, 'Gus')).status).toBe(410);
  });

  it('keeping the shared link after a removal leaves it working', async () => {
    const p = await production();
    const gus = await p.join('crew', 'Gus', 4);
    const { container } = mount(<TeamPage me={p.ownerMe} token={p.ownerToken} />);
    await until(() => expect(inviteRows(container)).toHaveLength(1));
    act(() => buttonNamed(container, 'Remove').click());
    act(() => buttonNamed(dialog()!, 'Remove Gus').click());
    await until(() => expect(dialog()?.textContent).toContain('Revoke the link Gus joined with?'));
    act(() => buttonNamed(dialog()!, 'Cancel').click());
    expect((await p.joinWith(gus.code, 'Hal')).status).toBe(201);
  });
});

describe('start a production', () => {
  it('asks for both names, then creates the production, keeps the session and opens its home', async () => {
    const { container } = mount(<StartProductionForm />);
    const form = container.querySelector('form')!;
    act(() => form.requestSubmit());
    expect(container.querySelector('[role=alert]')?.textContent).toContain('production’s name');
    type(container.querySelector<HTMLInputElement>('#start-production-name')!, ' Night Train ');
    act(() => form.requestSubmit());
    expect(container.querySelector('[role=alert]')?.textContent).toContain('Type your name');
    type(container.querySelector<HTMLInputElement>('#start-owner-name')!, 'Pia');
    act(() => form.requestSubmit());
    await until(() => expect(window.location.pathname).toMatch(/^\/p\/[A-Za-z0-9_-]+$/));
    const productionId = decodeURIComponent(window.location.pathname.slice('/p/'.length));
    const session = getSession(productionId)!;
    expect(session).toEqual({ productionId, token: expect.any(String), me: null });
    const me = await call<MeResponse>(h.origin, 'GET', '/api/me', { token: session.token });
    expect(me.body.production).toEqual({ id: productionId, name: 'Night Train' });
    expect(me.body.member).toMatchObject({ name: 'Pia', role: 'producer', owner: true });
  });

  it('a server that cannot be reached is said plainly and the form can be sent again', async () => {
    // A port that was just closed: the request fails at the network, as on a tablet off the set network.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    setPageUrl(`http://127.0.0.1:${port}/`);
    const { container } = mount(<StartProductionForm />);
    type(container.querySelector<HTMLInputElement>('#start-production-name')!, 'Night Train');
    type(container.querySelector<HTMLInputElement>('#start-owner-name')!, 'Pia');
    act(() => container.querySelector('form')!.requestSubmit());
    await until(() =>
      expect(container.querySelector('[role=alert]')?.textContent).toContain('cannot be reached'),
    );
    expect(buttonNamed(container, 'Start the production').disabled).toBe(false);
  });
});

describe('team route', () => {
  it('/p/<id>/team is the production home with the team view; other third segments stay unknown', () => {
    expect(parseRoute('/p/x1/team')).toEqual({ name: 'home', productionId: 'x1', view: 'team' });
    expect(teamPath('x 1')).toBe('/p/x%201/team');
    expect(parseRoute('/p/x1/teams').name).toBe('not-found');
  });
});
