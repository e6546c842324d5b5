/**
 * A crew of sixty watching one board. Stock providers re-send every awareness change they receive, other
 * people's included, so each renewal round makes every client echo about sixty frames. Only changes to a
 * connection's own state count against SETBOARD_MAX_AWARENESS_PER_SECOND; echoes must not close anyone.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';
import { loadConfig } from '../../server/config';
import {
  connectBoard,
  createProduction,
  startTestServer,
  whenSynced,
  type TestServer,
} from '../helpers/test-server';
import { connect, rawClient, startSync, synced } from './helpers';

const CREW = 60;
const servers: TestServer[] = [];
const providers: WebsocketProvider[] = [];
afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('awareness in a crowded room', () => {
  it(`keeps all ${CREW} stock clients connected through two rounds of presence changes`, async () => {
    const server = await startTestServer({ SETBOARD_MAX_AWARENESS_PER_SECOND: '10' });
    servers.push(server);
    const production = await createProduction(server.origin);
    const crew = await production.member('crew');
    const closes: number[] = [];
    for (let i = 0; i < CREW; i++) {
      const { provider } = connectBoard(server.wsOrigin, production.productionId, 'schedule', crew.token);
      provider.on('connection-close', (event: CloseEvent | null) => {
        if (event && event.code !== 1000) closes.push(event.code);
      });
      providers.push(provider);
    }
    await Promise.all(providers.map((p) => whenSynced(p, 20_000)));

    for (const round of [1, 2]) {
      providers.forEach((p, i) => p.awareness.setLocalStateField('cursor', { row: i, round }));
      await expect
        .poll(
          () =>
            providers.every(
              (p) =>
                [...p.awareness.getStates().values()].filter(
                  (state) => (state as { cursor?: { round: number } }).cursor?.round === round,
                ).length === CREW,
            ),
          { timeout: 20_000 },
        )
        .toBe(true);
    }
    expect(closes).toEqual([]);
  });
});

/** An awareness message: `states` as [clientId, clock, state] under new client ids. */
function awarenessMessage(states: Array<[number, number, unknown]>): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, states.length);
  for (const [clientId, clock, state] of states) {
    encoding.writeVarUint(update, clientId);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, JSON.stringify(state));
  }
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, 1);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return encoding.toUint8Array(message);
}

describe('awareness from a hostile member', () => {
  it('[R5] a crew token floods awareness (thousands of client ids, big states); a director joining afterwards syncs within 2 s', async () => {
    const server = await startSync({ limits: loadConfig({}).limits });
    const { tokens } = server.backend.team;
    const flooder = await rawClient(server, 'schedule', tokens.crew);
    const pad = 'x'.repeat(2_000);
    let clientId = 1_000_000;
    // ~19 MiB: 25 frames of 384 new client ids with 2 KB states, then states of 8 KiB, all sent at once.
    for (let frame = 0; frame < 25; frame++) {
      flooder.ws.send(awarenessMessage(Array.from({ length: 384 }, (_, i) => [clientId++, 1, { i, pad }])));
    }
    flooder.ws.send(awarenessMessage([[clientId++, 1, { pad: 'y'.repeat(8 * 1024) }]]));
    // The server has read a good part of it (it reads this member at its byte budget, 1 MiB/s).
    await vi.waitFor(
      async () =>
        expect((await server.metrics.bytesReceived.get()).values[0]?.value).toBeGreaterThan(2 * 2 ** 20),
      { timeout: 10_000 },
    );

    const started = performance.now();
    const director = connect(server, 'schedule', tokens.director);
    await vi.waitFor(() => expect(director.provider.synced).toBe(true), { timeout: 2_000, interval: 10 });
    console.log(
      `director synced ${(performance.now() - started).toFixed(0)} ms after joining a flooded board`,
    );
    // What the crew member holds in the room: a tab's worth of states, each small.
    await vi.waitFor(() => expect(director.provider.awareness.getStates().size).toBeGreaterThan(1));
    const others = [...director.provider.awareness.getStates()].filter(
      ([id]) => id !== director.doc.clientID,
    );
    expect(others.length).toBeLessThanOrEqual(4);
    for (const [, state] of others) expect(JSON.stringify(state).length).toBeLessThan(4 * 1024);
    expect(director.closes).toEqual([]);
    // Over its caps the flooder's entries were dropped, not the member: its socket stays open.
    expect(flooder.ws.readyState).toBe(flooder.ws.OPEN);
    const rejected = await server.metrics.rejectedFrames.get();
    expect(
      rejected.values.find((v) => v.labels.reason === 'awareness-too-many-clients')?.value,
    ).toBeGreaterThan(0);
  });

  it('[R6] a joiner whose room holds more presence than its frame limit gets it in frames its own echo fits in', async () => {
    const server = await startSync({ limits: { maxFrameBytes: 64 * 1024 } });
    const { tokens } = server.backend.team;
    // Thirty members with four tabs' worth of 3.5 KB states each: ~420 KB of presence, 6.5 frame limits.
    const pad = 'z'.repeat(3_500);
    const members = await Promise.all(
      Array.from({ length: 30 }, () => rawClient(server, 'breakdown', tokens.crew)),
    );
    members.forEach((member, m) =>
      member.ws.send(awarenessMessage([0, 1, 2, 3].map((t) => [10_000 + m * 4 + t, 1, { m, t, pad }]))),
    );
    const observer = connect(server, 'breakdown', tokens.producer);
    await vi.waitFor(() => expect(observer.provider.awareness.getStates().size).toBe(121), {
      timeout: 10_000,
    });
    observer.provider.destroy();

    const joiner = connect(server, 'breakdown', tokens.director);
    await synced(joiner.provider);
    await vi.waitFor(() => expect(joiner.provider.awareness.getStates().size).toBe(121), { timeout: 10_000 });
    // Its echo of the join frames went back to the server without passing the frame limit.
    const renewed = joiner.provider.awareness.getStates().size;
    joiner.doc.getMap('scenes').set('1', 'Harbour');
    const reader = connect(server, 'breakdown', tokens.ad);
    await vi.waitFor(() => expect(reader.doc.getMap('scenes').get('1')).toBe('Harbour'), { timeout: 10_000 });
    expect(renewed).toBe(121);
    expect(joiner.closes).toEqual([]);
    for (const member of members) expect(member.ws.readyState).toBe(member.ws.OPEN);
  });
});

describe('relaying presence', () => {
  it('[AW2] a round of renewals from twenty stock providers reaches every one of them, relayed as a few merged frames', async () => {
    const server = await startSync({ limits: loadConfig({}).limits });
    const { tokens } = server.backend.team;
    const tablets = Array.from({ length: 20 }, (_, i) => {
      const tablet = connect(server, 'schedule', tokens.crew);
      tablet.provider.awareness.setLocalStateField('board', `schedule-${i}`);
      return tablet;
    });
    await Promise.all(tablets.map((t) => synced(t.provider)));
    await vi.waitFor(
      () => expect(tablets.every((t) => t.provider.awareness.getStates().size === 20)).toBe(true),
      { timeout: 10_000 },
    );
    // A reader that never echoes: it counts what the server sends.
    const observer = await rawClient(server, 'schedule', tokens.crew);
    await vi.waitFor(() => expect(observer.frames.length).toBeGreaterThan(0));
    const clocks = tablets.map((t) => t.provider.awareness.meta.get(t.doc.clientID)!.clock);
    const before = observer.frames.length;
    // What the stock provider does every 15 s: the same state again, one clock later.
    for (const t of tablets) t.provider.awareness.setLocalState(t.provider.awareness.getLocalState());
    await vi.waitFor(
      () => {
        for (const t of tablets) {
          tablets.forEach((other, i) =>
            expect(t.provider.awareness.meta.get(other.doc.clientID)?.clock).toBe(clocks[i]! + 1),
          );
        }
      },
      { timeout: 10_000, interval: 20 },
    );
    const awarenessFrames = observer.frames.slice(before).filter((f) => f[0] === 1);
    // Relayed one by one, the observer would have had twenty frames (and every tablet would have echoed
    // each of them); merged, a handful.
    expect(awarenessFrames.length).toBeGreaterThan(0);
    expect(awarenessFrames.length).toBeLessThanOrEqual(3);
    for (const t of tablets) expect(t.closes).toEqual([]);
  });
});
