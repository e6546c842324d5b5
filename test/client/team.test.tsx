// @vitest-environment happy-dom
/**
 * The team page and the start-a-production form against a fetch stubbed at the network boundary: each
 * stub answers like the server's routes (server/http/API.md) and records what the client sent.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Member, MeResponse } from '../../shared/api-types';
import { DEFAULT_PERMISSIONS, type PermissionMatrix } from '../../shared/boards';
import { getSession } from '../../client/src/api/session';
import { parseRoute, teamPath } from '../../client/src/app/router';
import TeamPage from '../../client/src/pages/TeamPage';
import { StartProductionForm } from '../../client/src/pages/StartProductionForm';
import { act, mount } from './render';

interface Call {
  method: string;
  path: string;
  body: unknown;
  auth: string | null;
}

const owner: Member = { id: 'm1', name: 'Pia', role: 'producer', owner: true };
const grip: Member = { id: 'm2', name: 'Gus', role: 'crew', owner: false };
const production = { id: 'prod1', name: 'Night Train' };

function meAs(member: Member): MeResponse {
  return { member, production, permissions: DEFAULT_PERMISSIONS[member.role] };
}

let calls: Call[];
let members: Member[];
let matrix: PermissionMatrix;

function json(status: number, body: unknown): Response {
  return new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

function answer(call: Call): Response {
  const base = `/api/productions/${production.id}`;
  if (call.method === 'GET' && call.path === `${base}/members`) return json(200, { members });
  if (call.method === 'GET' && call.path === `${base}/permissions`) return json(200, { permissions: matrix });
  if (call.method === 'PUT' && call.path === `${base}/permissions`) {
    matrix = (call.body as { permissions: PermissionMatrix }).permissions;
    return json(200, { permissions: matrix });
  }
  if (call.method === 'POST' && call.path === `${base}/invites`) {
    const role = (call.body as { role: string }).role;
    return json(201, { code: 'c0de', role, url: 'https://set.example/join/c0de' });
  }
  if (call.method === 'DELETE' && call.path === `${base}/members/${grip.id}`) {
    members = members.filter((m) => m.id !== grip.id);
    return json(204, null);
  }
  if (call.method === 'POST' && call.path === '/api/productions') {
    return json(201, { production, member: owner, token: 'tok-new' });
  }
  return json(404, { error: { code: 'not_found', message: `no route ${call.method} ${call.path}` } });
}

beforeEach(() => {
  calls = [];
  members = [owner, grip];
  matrix = structuredClone(DEFAULT_PERMISSIONS);
  vi.stubGlobal('fetch', async (path: string, init: RequestInit = {}) => {
    const headers = (init.headers ?? {}) as Record<string, string>;
    const call: Call = {
      method: init.method ?? 'GET',
      path,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      auth: headers.authorization ?? null,
    };
    calls.push(call);
    return answer(call);
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

/** Polls with act so the fetch answers' state updates are flushed inside it. */
async function until(check: () => void) {
  await vi.waitFor(
    async () => {
      await act(async () => {});
      check();
    },
    { timeout: 2000 },
  );
}

function buttonNamed(root: ParentNode, label: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent === label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
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

describe('team page', () => {
  it('the owner sees the members with the owner badge, invite buttons, remove and the matrix', async () => {
    const { container } = mount(<TeamPage me={meAs(owner)} token="tok-owner" />);
    await until(() => expect(container.querySelectorAll('[data-testid=member]')).toHaveLength(2));
    const [first, second] = [...container.querySelectorAll('[data-testid=member]')];
    expect(first!.textContent).toContain('Owner');
    expect(first!.textContent).toContain('Producer');
    expect(second!.textContent).toContain('Crew');
    expect(first!.querySelector('button')).toBeNull(); // the owner cannot remove themself (409)
    expect(buttonNamed(second!, 'Remove')).toBeTruthy();
    expect(buttonNamed(container, 'Invite 1st AD')).toBeTruthy();
    await until(() => expect(container.querySelectorAll('table select')).toHaveLength(25));
    expect(calls.every((c) => c.auth === 'Bearer tok-owner')).toBe(true);
  });

  it('a member who is not the owner sees the list and why nothing else is offered', async () => {
    const { container } = mount(<TeamPage me={meAs(grip)} token="tok-grip" />);
    await until(() => expect(container.querySelectorAll('[data-testid=member]')).toHaveLength(2));
    expect(container.textContent).toContain('Only the production’s owner invites people');
    expect(container.querySelectorAll('button')).toHaveLength(0);
    expect(container.querySelector('table')).toBeNull();
    expect(calls.map((c) => c.path)).toEqual([`/api/productions/${production.id}/members`]);
  });

  it('an invite shows the returned link in a read-only field and copies it', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const { container } = mount(<TeamPage me={meAs(owner)} token="tok-owner" />);
    act(() => buttonNamed(container, 'Invite Crew').click());
    await until(() => expect(container.querySelector('[data-testid=invite-link]')).not.toBeNull());
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ role: 'crew' });
    const field = container.querySelector<HTMLInputElement>('#invite-url')!;
    expect(field.value).toBe('https://set.example/join/c0de');
    expect(field.readOnly).toBe(true);
    act(() => buttonNamed(container, 'Copy').click());
    await until(() => expect(container.textContent).toContain('Link copied'));
    expect(writeText).toHaveBeenCalledWith('https://set.example/join/c0de');
  });

  it('without a clipboard the link is selected and the person is told how to copy it', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: undefined });
    const { container } = mount(<TeamPage me={meAs(owner)} token="tok-owner" />);
    act(() => buttonNamed(container, 'Invite Producer').click());
    await until(() => expect(container.querySelector('#invite-url')).not.toBeNull());
    act(() => buttonNamed(container, 'Copy').click());
    await until(() => expect(container.textContent).toContain('The link is selected'));
    expect(document.activeElement).toBe(container.querySelector('#invite-url'));
  });

  it('Save PUTs the whole edited matrix; reset to defaults restores the shipped matrix', async () => {
    matrix.crew.costreport = 'read';
    const { container } = mount(<TeamPage me={meAs(owner)} token="tok-owner" />);
    await until(() => expect(container.querySelector('table')).not.toBeNull());
    const save = buttonNamed(container, 'Save');
    expect(save.disabled).toBe(true);
    choose(container.querySelector<HTMLSelectElement>('[aria-label="Crew: Cost report"]')!, 'write');
    choose(container.querySelector<HTMLSelectElement>('[aria-label="Director: Schedule"]')!, 'none');
    expect(save.disabled).toBe(false);
    act(() => save.click());
    await until(() => expect(container.textContent).toContain('Saved.'));
    const put = calls.find((c) => c.method === 'PUT')!;
    const expected = structuredClone(DEFAULT_PERMISSIONS);
    expected.crew.costreport = 'write';
    expected.director.schedule = 'none';
    expect(put.body).toEqual({ permissions: expected });

    act(() => buttonNamed(container, 'Reset to defaults').click());
    expect(container.querySelector<HTMLSelectElement>('[aria-label="Crew: Cost report"]')!.value).toBe(
      'none',
    );
    act(() => buttonNamed(container, 'Save').click());
    await until(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(2));
    expect(calls.at(-1)!.body).toEqual({ permissions: DEFAULT_PERMISSIONS });
  });

  it('a rejected save shows the server’s reason', async () => {
    const { container } = mount(<TeamPage me={meAs(owner)} token="tok-owner" />);
    await until(() => expect(container.querySelector('table')).not.toBeNull());
    vi.stubGlobal('fetch', async () =>
      json(403, { error: { code: 'forbidden', message: 'Only the owner.' } }),
    );
    choose(container.querySelector<HTMLSelectElement>('[aria-label="Crew: Mood board"]')!, 'write');
    act(() => buttonNamed(container, 'Save').click());
    await until(() => expect(container.querySelector('[role=alert]')?.textContent).toBe('Only the owner.'));
  });

  it('remove asks first, says the devices are signed out, then DELETEs and refreshes the list', async () => {
    const { container } = mount(<TeamPage me={meAs(owner)} token="tok-owner" />);
    await until(() => expect(container.querySelectorAll('[data-testid=member]')).toHaveLength(2));
    act(() => buttonNamed(container, 'Remove').click());
    const dialog = document.querySelector<HTMLElement>('[role=dialog]')!;
    expect(dialog.textContent).toContain('signed out within a second');
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    act(() => buttonNamed(dialog, 'Remove Gus').click());
    await until(() => expect(container.querySelectorAll('[data-testid=member]')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'DELETE')?.path).toBe(
      `/api/productions/${production.id}/members/m2`,
    );
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
    await until(() => expect(window.location.pathname).toBe(`/p/${production.id}`));
    expect(calls).toEqual([
      {
        method: 'POST',
        path: '/api/productions',
        body: { name: 'Night Train', ownerName: 'Pia' },
        auth: null,
      },
    ]);
    expect(getSession(production.id)).toEqual({ productionId: production.id, token: 'tok-new', me: null });
  });

  it('a server that cannot be reached is said plainly and the form can be sent again', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
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
