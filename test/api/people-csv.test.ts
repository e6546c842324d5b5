/**
 * The crew and cast list as CSV on the whole server: export -> import into another production gives the
 * same list (a round trip), a second import of the same file updates rather than duplicates, bad rows are
 * refused naming row and column and change nothing, and only the producer and the AD import. API.md PE7-PE8.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../shared/demo';
import type { PeopleImportResponse, PeopleResponse, Person } from '../../shared/people';
import { api, createProduction, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const base = (productionId: string) => `${server.origin}/api/productions/${productionId}/people`;
const exportCsv = (productionId: string, token: string) =>
  fetch(`${base(productionId)}/export.csv`, { headers: { authorization: `Bearer ${token}` } });
const importCsv = (productionId: string, token: string, body: string, type = 'text/csv') =>
  fetch(`${base(productionId)}/import.csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  });
const list = async (productionId: string, token: string) =>
  (await api<PeopleResponse>(server.origin, 'GET', `/api/productions/${productionId}/people`, token)).body
    .people;
const withoutIds = (people: Person[]) => people.map(({ id: _id, memberId: _m, ...rest }) => rest);

async function demoProduction() {
  const production = await createProduction(server.origin, 'Low Tide');
  for (const person of DEMO_PEOPLE) {
    await api(
      server.origin,
      'POST',
      `/api/productions/${production.productionId}/people`,
      production.ownerToken,
      person,
    );
  }
  return production;
}

describe('people CSV', () => {
  it('[PE7] [PE8] exports every field and imports into another production as the same list; again, it updates', async () => {
    const from = await demoProduction();
    const response = await exportCsv(from.productionId, from.ownerToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="crew-and-cast.csv"');
    const csv = await response.text();
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,name,department,title,phone,email,castBilling,callOffsetMinutes,keyContact');
    expect(lines).toHaveLength(DEMO_PEOPLE.length + 1);
    // a phone number starting with + is neutralised against spreadsheet formulas, and read back as typed
    expect(lines[1]).toMatch(
      /^[^,]+,Dana Okafor,Production,Producer,'\+44 7700 900100,dana@lowtide\.example,,0,yes$/,
    );

    const to = await createProduction(server.origin, 'Low Tide II');
    const first = await importCsv(to.productionId, to.ownerToken, csv);
    expect(first.status).toBe(200);
    const imported = (await first.json()) as PeopleImportResponse;
    expect([imported.imported.added, imported.imported.updated]).toEqual([DEMO_PEOPLE.length, 0]);
    expect(withoutIds(await list(to.productionId, to.ownerToken))).toEqual(
      withoutIds(await list(from.productionId, from.ownerToken)),
    );
    // the same file again: matched by name (the ids are the other production's), nothing duplicated
    const again = (await (
      await importCsv(to.productionId, to.ownerToken, csv)
    ).json()) as PeopleImportResponse;
    expect([again.imported.added, again.imported.updated]).toEqual([0, DEMO_PEOPLE.length]);
    // and its own export re-imported matches by id: a renamed person stays the same person
    const own = await (await exportCsv(to.productionId, to.ownerToken)).text();
    const renamed = own.replace(',Rosa Vidal,', ',Rosa Vidal-Marsh,');
    const byId = (await (
      await importCsv(to.productionId, to.ownerToken, renamed)
    ).json()) as PeopleImportResponse;
    expect([byId.imported.added, byId.imported.updated]).toEqual([0, DEMO_PEOPLE.length]);
    expect(byId.people.map((p) => p.name)).toContain('Rosa Vidal-Marsh');
    expect(byId.people.map((p) => p.name)).not.toContain('Rosa Vidal');
  });

  it('[PE8] bad rows are refused naming row and column, and nothing changes', async () => {
    const production = await demoProduction();
    const before = await list(production.productionId, production.ownerToken);
    const csv = [
      'name,department,phone,email,castBilling,callOffsetMinutes,keyContact',
      'Nell Park,Camera,+44 7700 900555,nell@example.com,,0,no',
      'Bad Phone,Grip,call me,,,,no',
      'Bad Mail,Grip,,not-an-address,,,',
      'Odd Billing,Cast,,,one,,',
      'Late Call,Grip,,,,900,maybe',
      ',Grip,,,,,',
      'Nell Park,Camera,,,,,',
    ].join('\r\n');
    const response = await importCsv(production.productionId, production.ownerToken, csv);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(/^The file was not imported: /);
    for (const expected of [
      /row 3, column "phone": must be a phone number/,
      /row 4, column "email": must be an e-mail address/,
      /row 5, column "castBilling": expected a whole number, got "one"/,
      /row 6, column "keyContact": expected yes or no, got "maybe"/,
      /row 8, column "name": Nell Park is already on row 2/,
    ]) {
      expect(error.message).toMatch(expected);
    }
    expect(await list(production.productionId, production.ownerToken)).toEqual(before);

    const rules = await importCsv(
      production.productionId,
      production.ownerToken,
      'name,callOffsetMinutes\r\nLate,900\r\n,5',
    );
    const ruled = ((await rules.json()) as { error: { message: string } }).error.message;
    expect(ruled).toMatch(/row 2, column "callOffsetMinutes": must be at most 720/);
    expect(ruled).toMatch(/row 3, column "name": /);
    expect((await importCsv(production.productionId, production.ownerToken, 'nickname\r\nNell')).status).toBe(
      400,
    );
    expect(
      (await importCsv(production.productionId, production.ownerToken, '{}', 'application/json')).status,
    ).toBe(415);
    expect(await list(production.productionId, production.ownerToken)).toEqual(before);
  });

  it('[PE7] [PE8] a crew member exports what they may see (key contacts’ numbers only) and may not import', async () => {
    const production = await demoProduction();
    const crew = await production.member('crew', 'Cy Crew');
    const csv = await (await exportCsv(production.productionId, crew.token)).text();
    expect(csv).toContain('+44 7700 900101'); // Sam, key contact
    expect(csv).not.toContain('+44 7700 900102'); // Priya
    const refused = await importCsv(production.productionId, crew.token, 'name\r\nSomeone');
    expect(refused.status).toBe(403);
    expect((await exportCsv(production.productionId, 'not-a-token')).status).toBe(401);
  });
});
