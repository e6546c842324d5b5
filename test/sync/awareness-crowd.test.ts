/**
 * A crew of sixty watching one board. Stock providers re-send every awareness change they receive, other
 * people's included, so each renewal round makes every client echo about sixty frames. Only changes to a
 * connection's own state count against SETBOARD_MAX_AWARENESS_PER_SECOND; echoes must not close anyone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import {
  connectBoard,
  createProduction,
  startTestServer,
  whenSynced,
  type TestServer,
} from '../helpers/test-server';

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
