/**
 * The close-code contract: 4400-4499 only for what retrying cannot fix, every transient condition a code the
 * stock y-websocket provider (default options) retries, and docs/PROTOCOL.md saying which is which. The retry
 * column is checked against a real provider, not against our reading of its source.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { CLOSE_REASONS, CloseCode, stockClientRetries } from '../../shared/close-codes';

const TRANSIENT = ['Restarting', 'StorageUnavailable', 'Timeout', 'SlowConsumer', 'RateLimited'] as const;
const PERMANENT = [
  'MalformedMessage',
  'Unauthorized',
  'Forbidden',
  'FrameTooLarge',
  'DocumentTooLarge',
] as const;

/** A server that accepts every upgrade and closes it at once with `code`; counts the attempts. */
async function closingServer(code: number) {
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  let attempts = 0;
  wss.on('connection', (ws) => {
    attempts++;
    ws.close(code, CLOSE_REASONS[code] ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(async () => {
    for (const client of wss.clients) client.terminate();
    wss.close();
    await new Promise((resolve) => server.close(resolve));
  });
  const port = (server.address() as { port: number }).port;
  return { url: `ws://127.0.0.1:${port}`, attempts: () => attempts };
}

describe('close codes', () => {
  it('[R1] every code is classified, and only permanent conditions use 4400-4499', () => {
    expect([...TRANSIENT, ...PERMANENT].sort()).toEqual(Object.keys(CloseCode).sort());
    for (const name of TRANSIENT) expect(stockClientRetries(CloseCode[name]), name).toBe(true);
    for (const name of PERMANENT) expect(stockClientRetries(CloseCode[name]), name).toBe(false);
    // Close reasons must fit a close frame (123 bytes).
    for (const reason of Object.values(CLOSE_REASONS))
      expect(Buffer.byteLength(reason), reason).toBeLessThanOrEqual(123);
  });

  it.each([...TRANSIENT, ...PERMANENT].map((name) => [name, CloseCode[name]] as const))(
    '[R1] a stock provider with default options after %s (%i) retries exactly when the table says so',
    async (_name, code) => {
      const server = await closingServer(code);
      const provider = new WebsocketProvider(server.url, 'board', new Y.Doc(), {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
      });
      onTestFinished(() => provider.destroy());
      const closes: number[] = [];
      provider.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));
      const gaveUp = new Promise<boolean>((resolve) => provider.on('closed', () => resolve(true)));
      await vi.waitFor(() => expect(closes[0]).toBe(code), { timeout: 5_000 });
      if (stockClientRetries(code)) {
        await vi.waitFor(() => expect(server.attempts()).toBeGreaterThanOrEqual(2), { timeout: 5_000 });
      } else {
        // The provider decides on the close itself: it emits `closed` and stops wanting to connect.
        expect(await gaveUp).toBe(true);
        expect(provider.shouldConnect).toBe(false);
        expect(server.attempts()).toBe(1);
      }
    },
  );

  it('[R1] docs/PROTOCOL.md lists every code with the retry column the stock client follows', () => {
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/PROTOCOL.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Close codes'));
    const rows = new Map<number, { name: string; retries: string }>();
    for (const match of section.matchAll(/^\| (\d{4}) \| ([^|]+) \|[^|]+\| (yes|no) \|$/gm))
      rows.set(Number(match[1]), { name: match[2]!.trim(), retries: match[3]! });
    for (const [name, code] of Object.entries(CloseCode)) {
      expect(rows.get(code), `${name} (${code}) in docs/PROTOCOL.md`).toEqual({
        name,
        retries: stockClientRetries(code) ? 'yes' : 'no',
      });
    }
    for (const [code, row] of rows) expect(row.retries).toBe(stockClientRetries(code) ? 'yes' : 'no');
  });
});
