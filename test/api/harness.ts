/**
 * The API router and the set channel on a real HTTP server (127.0.0.1, port 0) over the real SqliteDirectory
 * in a temp dir, with an in-process control bus. Composed here the way server/app.ts composes them, without the
 * sync service, so these tests exercise only this part.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { Registry } from 'prom-client';
import { io as ioClient, type Socket } from 'socket.io-client';
import { InProcessControlBus, type ControlEvent } from '../../server/control/control-bus';
import { SqliteDirectory } from '../../server/directory/sqlite-directory';
import { createApiRouter } from '../../server/http/api-router';
import { apiErrorHandler, apiNotFound } from '../../server/http/errors';
import { createLogger, type Logger } from '../../server/logger';
import {
  attachSetChannel,
  type SetChannel,
  type SetChannelOptions,
} from '../../server/setchannel/set-channel';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/set-channel';

export interface Harness {
  origin: string;
  directory: SqliteDirectory;
  controlBus: InProcessControlBus;
  registry: Registry;
  channel: SetChannel;
  /** Every control event published so far. */
  events: ControlEvent[];
  /** Moves the directory's clock forward (token and invite expiry). */
  advanceDays(days: number): void;
  close(): Promise<void>;
}

export async function startHarness(
  options: { publicUrl?: string; logger?: Logger; setChannel?: Partial<SetChannelOptions> } = {},
): Promise<Harness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'setboard-api-'));
  let offsetMs = 0;
  const directory = new SqliteDirectory({ dataDir, now: () => new Date(Date.now() + offsetMs) });
  const controlBus = new InProcessControlBus();
  const events: ControlEvent[] = [];
  controlBus.subscribe((event) => events.push(event));
  const logger = options.logger ?? createLogger('silent');
  const registry = new Registry();

  const app = express();
  app.use('/api', createApiRouter({ directory, controlBus, publicUrl: options.publicUrl, logger }));
  app.use('/api', apiNotFound);
  app.use('/api', apiErrorHandler(logger));
  const server = http.createServer(app);
  const channel = attachSetChannel(server, {
    directory,
    controlBus,
    logger,
    authTimeoutMs: 5_000,
    registry,
    ...options.setChannel,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  return {
    origin: `http://127.0.0.1:${port}`,
    directory,
    controlBus,
    channel,
    registry,
    events,
    advanceDays: (days) => (offsetMs += days * 86_400_000),
    async close() {
      await channel.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await directory.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Reply<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** A JSON request; `body` as a string is sent verbatim (for malformed JSON), with `contentType` if given. */
export async function call<T = unknown>(
  origin: string,
  method: string,
  url: string,
  options: { token?: string; body?: unknown; contentType?: string } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = await fetch(`${origin}${url}`, {
    method,
    headers,
    ...(options.body === undefined
      ? {}
      : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}

export type SetSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client as the web client makes it; the caller registers its disconnect as teardown. */
export function setSocket(origin: string, auth: { token?: string } = {}): SetSocket {
  return ioClient(origin, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
}
