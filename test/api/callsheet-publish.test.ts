/**
 * Publishing call sheets on the whole server (127.0.0.1, port 0), with the demo's day 1, the demo's crew and
 * cast list, a real SMTP server (smtp-server) in this process and the AD's set channel (socket.io-client):
 * publish → personal link JSON → confirm → the AD sees "confirmed"; a revision that moves one actor's call
 * re-asks only that actor; what a crew member's link shows; 404s that reveal nothing; the PDF read back;
 * e-mails with the PDF attached. API.md CS1-CS12, set channel S13.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentName, type Board } from '../../shared/boards';
import type {
  CallSheetRevisionsResponse,
  CallSheetStatusEvent,
  ConfirmResponse,
  PersonalSheet,
  PublishResponse,
  ReissueLinkResponse,
} from '../../shared/callsheet-api';
import { DEMO_PEOPLE, seedDemoBoard } from '../../shared/demo';
import { seedCallSheet } from '../../shared/demo/callsheet';
import { setCastTime } from '../../shared/model/callsheet';
import type { Person } from '../../shared/people';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/set-channel';
import { readPdf } from '../pdf/read-pdf';
import { api, createProduction, startTestServer, type TestServer } from '../helpers/test-server';

interface Received {
  to: string[];
  raw: string;
}

const received: Received[] = [];
let smtp: SMTPServer;
let server: TestServer;
const sockets: Socket[] = [];
const SEED = { source: 'server', reason: 'test-seed' } as const;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      // A mailbox that does not exist: the failure must be recorded with the server's words.
      if (address.address.startsWith('nobody@')) {
        const error = Object.assign(new Error('Mailbox nobody@ does not exist'), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  server = await startTestServer({
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    SMTP_FROM: 'Office <office@lowtide.example>',
  });
}, 60_000);

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const call = <T>(method: string, url: string, token?: string, body?: unknown) =>
  api<T>(server.origin, method, url, token, body);

/** The path of a personal link URL (`<origin>/c/<code>` → the code). */
const codeOf = (url: string | null) => {
  if (!url) throw new Error('expected a link');
  return decodeURIComponent(new URL(url).pathname.replace(/^\/c\//, ''));
};

/** A production with the demo's boards, day 1 typed, and the demo's crew and cast list (plus extras). */
async function setup(extra: Array<Partial<Person> & { name: string }> = []) {
  const production = await createProduction(server.origin, 'Low Tide');
  const id = production.productionId;
  for (const board of ['breakdown', 'schedule', 'shotlist'] as const satisfies readonly Board[]) {
    await server.server.sync.withDocument(documentName(id, board), (doc) =>
      seedDemoBoard(board, doc, { today: '2026-12-07', origin: SEED }),
    );
  }
  await server.server.sync.withDocument(documentName(id, 'callsheet'), (doc) => seedCallSheet(doc, SEED));
  const people: Person[] = [];
  for (const input of [...DEMO_PEOPLE, ...extra]) {
    people.push(await server.server.directory.createPerson(id, input));
  }
  const [ad, crew] = await Promise.all([
    production.member('ad', 'Sam Okoro'),
    production.member('crew', 'Kit'),
  ]);
  const base = `/api/productions/${id}/callsheets`;
  const byName = (name: string) => {
    const person = people.find((p) => p.name === name);
    if (!person) throw new Error(`no ${name}`);
    return person;
  };
  return { id, production, people, ad, crew, base, byName };
}

function adSocket(token: string): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = ioClient(server.origin, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function nextStatus(
  socket: Socket<ServerToClientEvents, ClientToServerEvents>,
  match: (e: CallSheetStatusEvent) => boolean,
): Promise<CallSheetStatusEvent> {
  return new Promise((resolve) => {
    const listener = (event: CallSheetStatusEvent) => {
      if (!match(event)) return;
      socket.off('callsheet:status', listener);
      resolve(event);
    };
    socket.on('callsheet:status', listener);
  });
}

describe('publishing a call sheet', () => {
  it('[CS1] [CS6] [CS8] [S13] publish → the actor’s link → confirm: the AD’s socket hears “confirmed” within a second', async () => {
    const { base, ad, crew, byName, people } = await setup();
    const adTablet = await adSocket(ad.token);
    const crewTablet = await adSocket(crew.token);
    const crewHeard: CallSheetStatusEvent[] = [];
    crewTablet.on('callsheet:status', (e) => crewHeard.push(e));

    const started = performance.now();
    const published = await call<PublishResponse>('POST', `${base}/1/publish`, ad.token, {
      note: 'Tide tables attached',
    });
    const publishMs = performance.now() - started;
    expect(published.status).toBe(201);
    expect(published.body.revision).toEqual({
      n: 1,
      colour: 'White',
      publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      by: { id: ad.member.id, name: 'Sam Okoro' },
      note: 'Tide tables attached',
    });
    expect(published.body.recipients.map((r) => r.name)).toEqual(people.map((p) => p.name));
    for (const r of published.body.recipients) {
      expect(r.status).toBe('sent');
      expect(r.url).toMatch(new RegExp(`^${server.origin}/c/[A-Za-z0-9_-]{43}$`));
    }
    console.info(
      `publish of day 1 to the demo list (${people.length} people, e-mail on): ${publishMs.toFixed(0)} ms`,
    );

    const anna = byName('Anna Petrakis');
    const code = codeOf(published.body.recipients.find((r) => r.personId === anna.id)!.url);
    const opened = nextStatus(adTablet, (e) => e.personId === anna.id && e.status === 'opened');
    const sheet = await call<PersonalSheet>('GET', `/api/callsheet/${encodeURIComponent(code)}`);
    expect(sheet.status).toBe(200);
    expect(sheet.body.production).toEqual({ name: 'Low Tide' });
    expect(sheet.body.day).toMatchObject({ number: 1, of: 3, date: '2026-12-07', crewCall: '06:00' });
    expect(sheet.body.revision).toMatchObject({ n: 1, colour: 'White' });
    expect(sheet.body.you).toMatchObject({
      name: 'Anna Petrakis',
      title: 'Mara',
      call: '05:45',
      status: 'opened',
    });
    expect(sheet.body.scenes.map((s) => [s.number, s.yours])).toEqual([
      ['1', true],
      ['3', true],
      ['2', true],
      ['7', true],
    ]);
    for (const s of sheet.body.scenes) {
      expect(s).toMatchObject({
        intExt: expect.any(String),
        set: expect.any(String),
        eighths: expect.any(Number),
      });
    }
    expect(sheet.body.advance.length).toBeGreaterThan(0);
    expect((await opened).revision).toBe(1);

    const heard = nextStatus(adTablet, (e) => e.personId === anna.id && e.status === 'confirmed');
    const confirmedAt = performance.now();
    const confirmed = await call<ConfirmResponse>(
      'POST',
      `/api/callsheet/${encodeURIComponent(code)}/confirm`,
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({ status: 'confirmed', revision: { n: 1, colour: 'White' } });
    const event = await heard;
    expect(performance.now() - confirmedAt).toBeLessThan(1_000);
    expect(event).toEqual({
      day: 1,
      revision: 1,
      personId: anna.id,
      name: 'Anna Petrakis',
      status: 'confirmed',
      at: expect.any(String),
    });
    // Who has not confirmed is the AD's and the producer's business only.
    expect(crewHeard).toEqual([]);

    const listing = await call<CallSheetRevisionsResponse>('GET', `${base}/1`, ad.token);
    expect(listing.status).toBe(200);
    const annaRow = listing.body.revisions[0]!.recipients.find((r) => r.personId === anna.id)!;
    expect(annaRow).toMatchObject({
      status: 'confirmed',
      openedAt: expect.any(String),
      confirmedAt: expect.any(String),
    });
    expect(listing.body.revisions[0]!.recipients.filter((r) => r.status === 'confirmed')).toHaveLength(1);
  });

  it('[CS2] [CS5] a revision that moves one actor’s call re-asks only that actor; the others stay confirmed', async () => {
    const { id, base, ad, byName } = await setup();
    const first = await call<PublishResponse>('POST', `${base}/1/publish`, ad.token);
    const codes = new Map(first.body.recipients.map((r) => [r.personId, codeOf(r.url)]));
    for (const code of codes.values()) {
      expect((await call('POST', `/api/callsheet/${encodeURIComponent(code)}/confirm`)).status).toBe(200);
    }
    const anna = byName('Anna Petrakis');
    await server.server.sync.withDocument(documentName(id, 'callsheet'), (doc) =>
      setCastTime(doc, 'day-1', 'cast-1', 'hairMakeup', '06:30', SEED),
    );

    const adTablet = await adSocket(ad.token);
    const reasked = nextStatus(adTablet, (e) => e.revision === 2 && e.status === 'sent');
    const started = performance.now();
    const second = await call<PublishResponse>('POST', `${base}/1/publish`, ad.token, { note: 'Anna later' });
    console.info(
      `publish of revision 2 to the demo list (warm PDF worker, e-mail on): ${(performance.now() - started).toFixed(0)} ms`,
    );
    expect(second.status).toBe(201);
    expect(second.body.revision).toMatchObject({ n: 2, colour: 'Blue' });
    // Everyone kept their link: nobody gets a new one.
    expect(second.body.recipients.every((r) => r.url === null)).toBe(true);
    expect(second.body.recipients.filter((r) => r.status === 'sent').map((r) => r.name)).toEqual([
      'Anna Petrakis',
    ]);
    expect((await reasked).personId).toBe(anna.id);

    const listing = await call<CallSheetRevisionsResponse>('GET', `${base}/1`, ad.token);
    const [rev2, rev1] = listing.body.revisions;
    expect(rev2!.recipients.find((r) => r.personId === anna.id)!.ownChanges).toEqual([
      'Your call moved from 05:45 to 06:30.',
    ]);
    expect(rev1!.recipients.every((r) => r.status === 'superseded')).toBe(true);

    const annaSheet = await call<PersonalSheet>(
      'GET',
      `/api/callsheet/${encodeURIComponent(codes.get(anna.id)!)}`,
    );
    expect(annaSheet.body.revision).toMatchObject({ n: 2, colour: 'Blue', note: 'Anna later' });
    expect(annaSheet.body.you).toMatchObject({ call: '06:30', status: 'opened' });
    expect(annaSheet.body.you.ownChanges).toEqual(['Your call moved from 05:45 to 06:30.']);
    const tomas = byName('Tomás Reid');
    const tomasSheet = await call<PersonalSheet>(
      'GET',
      `/api/callsheet/${encodeURIComponent(codes.get(tomas.id)!)}`,
    );
    expect(tomasSheet.body.you).toMatchObject({ status: 'confirmed', ownChanges: [] });
  });

  it('[CS9] a crew member’s link shows no phone number or e-mail but the key contacts’', async () => {
    const { base, ad, byName, people } = await setup();
    const published = await call<PublishResponse>('POST', `${base}/1/publish`, ad.token);
    const kit = byName('Kit Osei');
    const code = codeOf(published.body.recipients.find((r) => r.personId === kit.id)!.url);
    const sheet = await call<PersonalSheet>('GET', `/api/callsheet/${encodeURIComponent(code)}`);
    expect(sheet.body.you).toMatchObject({ name: 'Kit Osei', department: 'Camera', call: '05:45' });
    expect(sheet.body.scenes.every((s) => !s.yours)).toBe(true);
    const text = JSON.stringify(sheet.body);
    for (const p of people) {
      const shown = p.keyContact;
      if (p.phone) expect(text.includes(p.phone), `${p.name}'s phone`).toBe(shown);
      if (p.email) expect(text.includes(p.email), `${p.name}'s e-mail`).toBe(shown);
    }
    expect(sheet.body.keyContacts.map((c) => [c.name, c.phone])).toEqual(
      people.filter((p) => p.keyContact).map((p) => [p.name, p.phone]),
    );
  });

  it('[CS7] a made-up code, a replaced code and another production’s person get 404 and reveal nothing', async () => {
    const a = await setup();
    const b = await setup();
    const published = await call<PublishResponse>('POST', `${a.base}/1/publish`, a.ad.token);
    const gil = a.people[0]!;
    const oldCode = codeOf(published.body.recipients.find((r) => r.personId === gil.id)!.url);

    const reissued = await call<ReissueLinkResponse>(
      'POST',
      `${a.base}/1/recipients/${gil.id}/link`,
      a.ad.token,
    );
    expect(reissued.status).toBe(201);
    expect(reissued.body).toMatchObject({ personId: gil.id, name: gil.name });
    const newCode = codeOf(reissued.body.url);
    expect((await call('GET', `/api/callsheet/${encodeURIComponent(newCode)}`)).status).toBe(200);

    const madeUp = await call('GET', '/api/callsheet/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const replaced = await call('GET', `/api/callsheet/${encodeURIComponent(oldCode)}`);
    expect(madeUp.status).toBe(404);
    expect(replaced).toEqual(madeUp);
    expect((await call('POST', `/api/callsheet/${encodeURIComponent(oldCode)}/confirm`)).status).toBe(404);
    expect((await call('GET', `/api/callsheet/${encodeURIComponent(oldCode)}/pdf`)).status).toBe(404);
    // Production B's AD cannot reach A's person, nor A's AD B's list.
    expect((await call('POST', `${b.base}/1/recipients/${gil.id}/link`, b.ad.token)).status).toBe(404);
    expect((await call('POST', `${a.base}/1/recipients/${gil.id}/link`, b.ad.token)).status).toBe(404);
    expect((await call('GET', `${a.base}/1`, b.ad.token)).status).toBe(404);
  });

  it('[CS3] [CS4] only the AD and the producer publish and watch; bad days and notes change nothing', async () => {
    const { base, ad, crew, production } = await setup();
    const director = await production.member('director', 'Dee');
    expect((await call('POST', `${base}/1/publish`)).status).toBe(401);
    expect((await call('POST', `${base}/1/publish`, crew.token)).status).toBe(403);
    expect((await call('POST', `${base}/1/publish`, director.token)).status).toBe(403);
    expect((await call('GET', `${base}/1`, crew.token)).status).toBe(403);
    const badDay = await call<{ error: { message: string } }>('POST', `${base}/0/publish`, ad.token);
    expect(badDay.status).toBe(400);
    expect(badDay.body.error.message).toMatch(/^day must be/);
    expect((await call('POST', `${base}/9/publish`, ad.token)).status).toBe(404);
    const badNote = await call<{ error: { message: string } }>('POST', `${base}/1/publish`, ad.token, {
      note: 7,
    });
    expect(badNote.status).toBe(400);
    expect(badNote.body.error.message).toContain('note');
    expect((await call('POST', `${base}/1/publish`, ad.token, { colour: 'Pink' })).status).toBe(400);
    expect((await call<CallSheetRevisionsResponse>('GET', `${base}/1`, ad.token)).body.revisions).toEqual([]);
    const byProducer = await call<PublishResponse>('POST', `${base}/1/publish`, production.ownerToken);
    expect(byProducer.status).toBe(201);
  });

  it('[CS10] the personal link needs no account, keeps the security headers and still refuses ?token=', async () => {
    const { base, ad } = await setup();
    const published = await call<PublishResponse>('POST', `${base}/1/publish`, ad.token);
    const code = encodeURIComponent(codeOf(published.body.recipients[0]!.url));
    const response = await fetch(`${server.origin}/api/callsheet/${code}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const withToken = await fetch(`${server.origin}/api/callsheet/${code}?token=${ad.token}`);
    expect(withToken.status).toBe(401);
    const page = await fetch(`${server.origin}/c/${code}`);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('[CS11] the PDF read back holds the day, the revision colour and every scene number', async () => {
    const { id, base, ad, byName } = await setup();
    await call('POST', `${base}/1/publish`, ad.token);
    await server.server.sync.withDocument(documentName(id, 'callsheet'), (doc) =>
      setCastTime(doc, 'day-1', 'cast-2', 'hairMakeup', '09:30', SEED),
    );
    const second = await call<PublishResponse>('POST', `${base}/1/publish`, ad.token);
    const tomas = byName('Tomás Reid');
    expect(second.body.recipients.find((r) => r.personId === tomas.id)!.status).toBe('sent');
    const reissued = await call<ReissueLinkResponse>(
      'POST',
      `${base}/1/recipients/${tomas.id}/link`,
      ad.token,
    );
    const response = await fetch(
      `${server.origin}/api/callsheet/${encodeURIComponent(codeOf(reissued.body.url))}/pdf`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const { text } = await readPdf(new Uint8Array(await response.arrayBuffer()));
    expect(text).toContain('Day 1 of 3');
    expect(text).toMatch(/BLUE/);
    for (const scene of ['1', '3', '2', '7'])
      expect(text).toMatch(new RegExp(`(^|\\s|▶ )${scene}(\\s|$)`, 'm'));
  });

  it('[CS12] e-mails each person with an address their link and the PDF; a refused address is recorded', async () => {
    const { base, ad, byName } = await setup([
      { name: 'Nora Nobody', department: 'Props', email: 'nobody@lowtide.example' },
    ]);
    const before = received.length;
    const published = await call<PublishResponse>('POST', `${base}/1/publish`, ad.token);
    const mails = received.slice(before);
    const sam = byName('Sam Okoro');
    const samUrl = published.body.recipients.find((r) => r.personId === sam.id)!.url!;
    const toSam = mails.find((m) => m.to.includes('sam@lowtide.example'));
    expect(toSam, 'a message to Sam').toBeDefined();
    expect(toSam!.raw.replace(/=\r?\n/g, '')).toContain(samUrl);
    expect(toSam!.raw).toMatch(/Content-Type: application\/pdf/i);
    expect(toSam!.raw).toMatch(/filename="?Low-Tide-day-1-rev-1\.pdf/);
    // base64 of "%PDF-"
    expect(toSam!.raw).toContain('JVBERi0');
    expect(toSam!.raw).toMatch(/^From: Office <office@lowtide\.example>/m);
    const withEmail = DEMO_PEOPLE.filter((p) => p.email).length;
    expect(mails).toHaveLength(withEmail);

    const nora = published.body.recipients.find((r) => r.name === 'Nora Nobody')!;
    expect(nora.delivery).toMatchObject({ status: 'failed', reason: expect.stringContaining('550') });
    expect(published.body.recipients.find((r) => r.personId === sam.id)!.delivery).toMatchObject({
      status: 'delivered',
    });
    const listing = await call<CallSheetRevisionsResponse>('GET', `${base}/1`, ad.token);
    const rows = listing.body.revisions[0]!.recipients;
    expect(rows.find((r) => r.name === 'Nora Nobody')!.delivery).toMatchObject({ status: 'failed' });
    expect(rows.find((r) => r.name === 'Kit Osei')).toMatchObject({ delivery: null, hasEmail: false });
  });
});
