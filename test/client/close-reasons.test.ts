// @vitest-environment happy-dom
/**
 * The app's board session gives up on exactly the codes a stock provider gives up on (4400-4499) and says
 * why in words; after a transient close it reconnects by itself and shows no error.
 */
import http from 'node:http';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { BoardSession } from '../../client/src/sync/board-session';
import { CLOSE_REASONS, CloseCode } from '../../shared/close-codes';

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
  return { url: `ws://127.0.0.1:${(server.address() as { port: number }).port}`, attempts: () => attempts };
}

function session(url: string): BoardSession {
  const board = new BoardSession({
    productionId: 'p1',
    board: 'moodboard',
    token: 't',
    serverUrl: url,
    persist: false,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  onTestFinished(() => board.destroy());
  return board;
}

describe('board session close handling', () => {
  it.each([CloseCode.DocumentTooLarge, CloseCode.Unauthorized, CloseCode.MalformedMessage])(
    '[R1] after %i it stops and shows the reason',
    async (code) => {
      const server = await closingServer(code);
      const board = session(server.url);
      await vi.waitFor(() => expect(board.getState().status).toBe('error'), { timeout: 5_000 });
      expect(board.getState().message).toBe(CLOSE_REASONS[code]);
      expect(board.provider.shouldConnect).toBe(false);
      expect(server.attempts()).toBe(1);
    },
  );

  it.each([CloseCode.SlowConsumer, CloseCode.Timeout, CloseCode.RateLimited, CloseCode.StorageUnavailable])(
    '[R1] after %i it reconnects by itself and shows no error',
    async (code) => {
      const server = await closingServer(code);
      const board = session(server.url);
      await vi.waitFor(() => expect(server.attempts()).toBeGreaterThanOrEqual(2), { timeout: 5_000 });
      expect(board.getState().status).not.toBe('error');
      expect(board.provider.shouldConnect).toBe(true);
    },
  );
});
