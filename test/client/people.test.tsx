// @vitest-environment happy-dom
/**
 * The Crew & cast page against the whole server on 127.0.0.1 port 0: the page's origin is the server's, so
 * its relative `/api/...` requests reach it unchanged, and every outcome is read back from the API.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MeResponse } from '../../shared/api-types';
import { BOARDS, DEFAULT_PERMISSIONS, mayApprove } from '../../shared/boards';
import type { PeopleResponse, PersonResponse } from '../../shared/people';
import { parseRoute, peoplePath } from '../../client/src/app/router';
import PeoplePage from '../../client/src/pages/PeoplePage';
import { api, createProduction, startTestServer, type TestServer } from '../helpers/test-server';
import { act, mount } from './render';

interface HappyWindow {
  happyDOM: { setURL(url: string): void };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  (window as unknown as HappyWindow).happyDOM.setURL(`${server.origin}/`);
});
afterAll(() => server.close());

async function production() {
  const p = await createProduction(server.origin, 'Low Tide');
  const base = `/api/productions/${p.productionId}/people`;
  const me = (member: MeResponse['member']): MeResponse => ({
    member,
    production: { id: p.productionId, name: 'Low Tide' },
    permissions: DEFAULT_PERMISSIONS[member.role],
    approves: BOARDS.filter((b) => mayApprove({}, DEFAULT_PERMISSIONS, member.role, b)),
  });
  const ad = await p.member('ad', 'Ada');
  return {
    ...p,
    base,
    ad,
    adMe: me(ad.member),
    me,
    people: async () => (await api<PeopleResponse>(server.origin, 'GET', base, p.ownerToken)).body.people,
  };
}

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

function fieldLabelled(root: ParentNode, label: string): HTMLInputElement {
  const span = [...root.querySelectorAll('label.field > span')].find((s) => s.textContent === label);
  const field = span?.parentElement?.querySelector<HTMLInputElement>('input');
  if (!field) throw new Error(`no field "${label}"`);
  return field;
}

function type(input: HTMLInputElement, value: string) {
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const rows = (container: HTMLElement) => [...container.querySelectorAll('[data-testid=person]')];

describe('Crew & cast page', () => {
  it('is at /p/<id>/people', () => {
    expect(parseRoute(peoplePath('p1'))).toEqual({ name: 'home', productionId: 'p1', view: 'people' });
  });

  it('the AD adds a person; the server holds every field typed', async () => {
    const p = await production();
    const { container } = mount(<PeoplePage me={p.adMe} token={p.ad.token} />);
    await until(() => expect(container.textContent).toContain('Nobody is on the list yet.'));
    const add = container.querySelector<HTMLElement>('[aria-labelledby=people-add]')!;
    type(fieldLabelled(add, 'Name'), 'Gil Hart');
    type(fieldLabelled(add, 'Department'), 'Electric');
    type(fieldLabelled(add, 'Title'), 'Gaffer');
    type(fieldLabelled(add, 'Phone'), '+44 7700 900222');
    type(fieldLabelled(add, 'E-mail'), 'gil@example.com');
    type(fieldLabelled(add, 'Call offset (minutes)'), '-30');
    act(() => buttonNamed(add, 'Add person').click());
    await until(() => expect(rows(container)).toHaveLength(1));
    expect(rows(container)[0]!.textContent).toContain('Electric · Gaffer · call -30 min');
    expect(rows(container)[0]!.textContent).toContain('+44 7700 900222');
    expect(fieldLabelled(add, 'Name').value).toBe('');
    expect(await p.people()).toEqual([
      {
        id: expect.any(String),
        name: 'Gil Hart',
        department: 'Electric',
        title: 'Gaffer',
        phone: '+44 7700 900222',
        email: 'gil@example.com',
        castBilling: null,
        memberId: null,
        callOffsetMinutes: -30,
        keyContact: false,
      },
    ]);
  });

  it('a refused e-mail is marked where it was typed, keeps the text, and nothing is saved', async () => {
    const p = await production();
    const { container } = mount(<PeoplePage me={p.adMe} token={p.ad.token} />);
    await until(() => expect(container.textContent).toContain('Nobody is on the list yet.'));
    const add = container.querySelector<HTMLElement>('[aria-labelledby=people-add]')!;
    type(fieldLabelled(add, 'Name'), 'Mara');
    type(fieldLabelled(add, 'E-mail'), 'mara-at-example');
    type(fieldLabelled(add, 'Cast number'), 'one');
    act(() => buttonNamed(add, 'Add person').click());
    // Checked on the device first: the cast number is not a whole number.
    await until(() => expect(fieldLabelled(add, 'Cast number').getAttribute('aria-invalid')).toBe('true'));
    expect(add.textContent).toContain('Cast number must be a whole number');
    type(fieldLabelled(add, 'Cast number'), '1');
    act(() => buttonNamed(add, 'Add person').click());
    // The server refuses the address and says so next to it.
    await until(() => expect(fieldLabelled(add, 'E-mail').getAttribute('aria-invalid')).toBe('true'));
    expect(add.textContent).toContain('E-mail must be an e-mail address');
    expect(fieldLabelled(add, 'E-mail').value).toBe('mara-at-example');
    expect(fieldLabelled(add, 'Name').value).toBe('Mara');
    expect(fieldLabelled(add, 'Name').getAttribute('aria-invalid')).toBe('false');
    expect(await p.people()).toEqual([]);
  });

  it('the producer edits and removes a person; the list and the server follow', async () => {
    const p = await production();
    const made = await api<PersonResponse>(server.origin, 'POST', p.base, p.ownerToken, {
      name: 'Una',
      department: 'Production',
    });
    const owner = p.me({ id: 'owner', name: 'Olive Owner', role: 'producer', owner: true });
    const { container } = mount(<PeoplePage me={owner} token={p.ownerToken} />);
    await until(() => expect(rows(container)).toHaveLength(1));
    act(() => buttonNamed(rows(container)[0]!, 'Edit Una').click());
    const row = rows(container)[0]!;
    type(fieldLabelled(row, 'Title'), 'UPM');
    act(() => (row.querySelector('input[type=checkbox]') as HTMLInputElement).click());
    act(() => buttonNamed(row, 'Save Una').click());
    await until(() => expect(rows(container)[0]!.querySelector('form')).toBeNull());
    expect(rows(container)[0]!.textContent).toContain('Production · UPM');
    expect(rows(container)[0]!.querySelector('.owner-badge')!.textContent).toBe('Key contact');
    expect(await p.people()).toEqual([{ ...made.body.person, title: 'UPM', keyContact: true }]);

    act(() => buttonNamed(rows(container)[0]!, 'Remove Una').click());
    await until(() => expect(document.querySelector('[role=dialog]')).not.toBeNull());
    act(() => buttonNamed(document.querySelector('[role=dialog]')!, 'Remove Una').click());
    await until(() => expect(container.textContent).toContain('Nobody is on the list yet.'));
    expect(await p.people()).toEqual([]);
  });

  it('a crew member sees the list without forms or buttons, and only key contacts’ numbers', async () => {
    const p = await production();
    await api(server.origin, 'POST', p.base, p.ownerToken, { name: 'Mara', phone: '0700 111' });
    await api(server.origin, 'POST', p.base, p.ownerToken, {
      name: 'Una',
      phone: '0700 222',
      keyContact: true,
    });
    const crew = await p.member('crew', 'Cy');
    const { container } = mount(<PeoplePage me={p.me(crew.member)} token={crew.token} />);
    await until(() => expect(rows(container)).toHaveLength(2));
    expect(container.querySelector('form')).toBeNull();
    expect(container.querySelectorAll('button')).toHaveLength(0);
    expect(container.textContent).not.toContain('0700 111');
    expect(container.textContent).toContain('0700 222');
  });
});
