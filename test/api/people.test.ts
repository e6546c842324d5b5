/**
 * The crew and cast list over HTTP on the whole server (127.0.0.1, port 0): who may read what, who may write,
 * validation that names the field and changes nothing, another production's person. API.md PE1-PE6.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../shared/api-types';
import type { PeopleResponse, Person, PersonResponse } from '../../shared/people';
import { api, createProduction, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const call = <T>(method: string, url: string, token?: string, body?: unknown) =>
  api<T>(server.origin, method, url, token, body);

async function setup() {
  const production = await createProduction(server.origin, 'Low Tide');
  const base = `/api/productions/${production.productionId}/people`;
  const [ad, director, crew] = await Promise.all([
    production.member('ad', 'Ada AD'),
    production.member('director', 'Dee Director'),
    production.member('crew', 'Cy Crew'),
  ]);
  return { production, base, ad, director, crew, owner: production.ownerToken };
}

const MARA = {
  name: 'Mara Quint',
  department: 'Cast',
  title: 'Lead',
  phone: '+44 7700 900123',
  email: 'mara@example.com',
  castBilling: 1,
  callOffsetMinutes: -30,
};

describe('crew and cast list', () => {
  it('[PE1] [PE2] the producer and the AD add, change and remove people; the list answers in order', async () => {
    const { base, owner, ad } = await setup();
    const created = await call<PersonResponse>('POST', base, owner, MARA);
    expect(created.status).toBe(201);
    expect(created.body.person).toEqual({
      id: expect.any(String),
      ...MARA,
      memberId: null,
      keyContact: false,
    });
    const gil = await call<PersonResponse>('POST', base, ad.token, { name: 'Gil', department: '' });
    expect(gil.status).toBe(201);
    expect(gil.body.person.department).toBeNull();

    const patched = await call<PersonResponse>('PATCH', `${base}/${gil.body.person.id}`, ad.token, {
      department: 'Electric',
      title: 'Gaffer',
      memberId: ad.member.id,
      keyContact: true,
    });
    expect(patched.status).toBe(200);
    expect(patched.body.person).toMatchObject({
      name: 'Gil',
      department: 'Electric',
      title: 'Gaffer',
      memberId: ad.member.id,
      keyContact: true,
    });
    const cleared = await call<PersonResponse>('PATCH', `${base}/${created.body.person.id}`, owner, {
      phone: null,
      email: '',
    });
    expect(cleared.body.person).toMatchObject({ phone: null, email: null, castBilling: 1 });

    const list = await call<PeopleResponse>('GET', base, ad.token);
    expect(list.status).toBe(200);
    expect(list.body.people).toEqual([cleared.body.person, patched.body.person]);

    const removed = await call('DELETE', `${base}/${gil.body.person.id}`, owner);
    expect(removed.status).toBe(204);
    expect((await call('DELETE', `${base}/${gil.body.person.id}`, owner)).status).toBe(404);
    expect((await call<PeopleResponse>('GET', base, owner)).body.people.map((p) => p.name)).toEqual([
      'Mara Quint',
    ]);
  });

  it('[PE3] other members see names, departments and titles, and contact details of key contacts only', async () => {
    const { base, owner, director, crew } = await setup();
    await call('POST', base, owner, MARA);
    await call('POST', base, owner, {
      name: 'Una UPM',
      department: 'Production',
      title: 'UPM',
      phone: '020 7946 0000',
      email: 'upm@example.com',
      keyContact: true,
    });
    for (const token of [director.token, crew.token]) {
      const res = await call<PeopleResponse>('GET', base, token);
      expect(res.status).toBe(200);
      const [mara, una] = res.body.people as [Person, Person];
      expect(mara).toMatchObject({ name: 'Mara Quint', department: 'Cast', title: 'Lead' });
      expect(mara.phone).toBeNull();
      expect(mara.email).toBeNull();
      expect(JSON.stringify(res.body)).not.toContain('7700');
      expect(JSON.stringify(res.body)).not.toContain('mara@example.com');
      expect(una).toMatchObject({ phone: '020 7946 0000', email: 'upm@example.com', keyContact: true });
    }
    const full = await call<PeopleResponse>('GET', base, owner);
    expect(full.body.people[0]).toMatchObject({ phone: MARA.phone, email: MARA.email });
  });

  it('[PE4] other members may not write: 403 and nothing changes', async () => {
    const { base, owner, director, crew } = await setup();
    const mara = (await call<PersonResponse>('POST', base, owner, MARA)).body.person;
    for (const token of [director.token, crew.token]) {
      const post = await call<ApiError>('POST', base, token, { name: 'Sneaky' });
      expect(post.status).toBe(403);
      expect(post.body.error.code).toBe('forbidden');
      expect((await call('PATCH', `${base}/${mara.id}`, token, { name: 'Renamed' })).status).toBe(403);
      expect((await call('DELETE', `${base}/${mara.id}`, token)).status).toBe(403);
    }
    expect((await call<PeopleResponse>('GET', base, owner)).body.people).toEqual([mara]);
    expect((await call('GET', base)).status).toBe(401);
  });

  it.each([
    ['a missing name', { title: 'Grip' }, /name: /],
    ['a blank name', { name: '  ' }, /name: must not be empty/],
    ['an unknown field', { name: 'A', role: 'ad' }, /Unrecognized key: "role"/],
    ['a bad e-mail', { name: 'A', email: 'not-an-address' }, /email: must be an e-mail address/],
    ['a phone with letters', { name: 'A', phone: 'call me' }, /phone: must be a phone number/],
    ['a billing of 0', { name: 'A', castBilling: 0 }, /castBilling: must be at least 1/],
    ['a fractional billing', { name: 'A', castBilling: 1.5 }, /castBilling: must be a whole number/],
    [
      'an offset over 12 hours',
      { name: 'A', callOffsetMinutes: 721 },
      /callOffsetMinutes: must be at most 720/,
    ],
    ['a string key contact', { name: 'A', keyContact: 'yes' }, /keyContact: /],
    ['a member of no one', { name: 'A', memberId: 'nobody' }, /memberId: no active member nobody/],
  ])('[PE5] refuses %s with 400 naming the field, adding nobody', async (_case, body, message) => {
    const { base, owner } = await setup();
    const res = await call<ApiError>('POST', base, owner, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.message).toMatch(message);
    expect((await call<PeopleResponse>('GET', base, owner)).body.people).toEqual([]);
  });

  it('[PE5] refuses an empty or bad patch and keeps the person as they were', async () => {
    const { base, owner } = await setup();
    const mara = (await call<PersonResponse>('POST', base, owner, MARA)).body.person;
    const empty = await call<ApiError>('PATCH', `${base}/${mara.id}`, owner, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/at least one field/);
    const nullName = await call<ApiError>('PATCH', `${base}/${mara.id}`, owner, { name: null });
    expect(nullName.status).toBe(400);
    expect(nullName.body.error.message).toMatch(/name: /);
    const bad = await call<ApiError>('PATCH', `${base}/${mara.id}`, owner, {
      title: 'Star',
      email: 'nope',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/email: /);
    expect((await call<PeopleResponse>('GET', base, owner)).body.people).toEqual([mara]);
  });

  it('[PE6] another production’s person is 404 and untouched; another production’s list is 404', async () => {
    const one = await setup();
    const two = await setup();
    const mara = (await call<PersonResponse>('POST', one.base, one.owner, MARA)).body.person;
    // Through the other production's path with its own producer's token.
    expect((await call('PATCH', `${two.base}/${mara.id}`, two.owner, { title: 'X' })).status).toBe(404);
    expect((await call('DELETE', `${two.base}/${mara.id}`, two.owner)).status).toBe(404);
    // Through this production's path with another production's token.
    expect((await call('GET', one.base, two.owner)).status).toBe(404);
    expect((await call('POST', one.base, two.owner, { name: 'X' })).status).toBe(404);
    expect((await call<PeopleResponse>('GET', one.base, one.owner)).body.people).toEqual([mara]);
  });
});
