// @vitest-environment happy-dom
/**
 * "All edits saved" against the real server, with a socket whose uplink the test can hold (frames the client
 * sends wait in a queue until released, as on a congested set network). Nothing that the server does not
 * have may look saved: not an insert, and not a delete, which moves no clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { BoardSession, type SyncStatus } from '../../client/src/sync/board-session';
import { DeleteAcknowledgements } from '../../client/src/sync/saved';
import {
  connectBoard,
  createProduction,
  startTestServer,
  whenSynced,
  type TestServer,
} from '../helpers/test-server';

const teardown: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const step of teardown.splice(0).reverse()) await step();
});

/** The uplink of every socket made through it: open, or holding what the client sends. */
class Uplink {
  held = false;
  private readonly queue: Array<() => void> = [];
  /** Server step 1 frames received, [0, 0, ...]: the "saved" acknowledgements and the one on connect. */
  stepOnes = 0;

  hold() {
    this.held = true;
  }

  release() {
    this.held = false;
    for (const send of this.queue.splice(0)) send();
  }

  socketClass(): typeof globalThis.WebSocket {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the socket class closes over its uplink
    const uplink = this;
    class HeldSocket extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('message', (event) => {
          const data = new Uint8Array(event.data as ArrayBuffer);
          if (data[0] === 0 && data[1] === 0) uplink.stepOnes += 1;
        });
      }
      override send(data: Parameters<WebSocket['send']>[0]) {
        if (uplink.held) uplink.queue.push(() => super.send(data));
        else super.send(data);
      }
    }
    return HeldSocket as unknown as typeof globalThis.WebSocket;
  }
}

async function directorSession(server: TestServer, uplink: Uplink) {
  // The page comes from this server, as the app does: its fetch is then same-origin.
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${server.origin}/`);
  const production = await createProduction(server.origin);
  const director = await production.member('director', 'Dana');
  const session = new BoardSession({
    productionId: production.productionId,
    board: 'shotlist',
    token: director.token,
    serverUrl: `${server.wsOrigin}/sync/${production.productionId}`,
    persist: false,
    WebSocketPolyfill: uplink.socketClass(),
  });
  teardown.push(() => session.destroy());
  const statuses: SyncStatus[] = [];
  session.subscribe(() => statuses.push(session.getState().status));
  await expect.poll(() => session.getState().status, { timeout: 10_000 }).toBe('saved');
  return { session, production, director, statuses };
}

/** What a device that connects now gets from the server for the same board. */
async function serverText(server: TestServer, productionId: string, token: string): Promise<string> {
  const { doc, provider } = connectBoard(server.wsOrigin, productionId, 'shotlist', token);
  try {
    await whenSynced(provider);
    return doc.getText('probe').toString();
  } finally {
    provider.destroy();
  }
}

describe('saved indicator', () => {
  it('a delete made while the acknowledgement of an earlier edit is in flight is not shown as saved', async () => {
    const server = await startTestServer();
    teardown.push(() => server.close());
    const uplink = new Uplink();
    const { session, production, director, statuses } = await directorSession(server, uplink);
    const text = session.doc.getText('probe');

    const acksBefore = uplink.stepOnes;
    session.transact(() => text.insert(0, 'Scope 40mm')); // sent at once
    uplink.hold();
    session.transact(() => text.delete(5, 5)); // a delete only: held on the device
    // The server acknowledges the insert; that vector covers every clock this device has.
    await expect.poll(() => uplink.stepOnes, { timeout: 5000 }).toBeGreaterThan(acksBefore);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    statuses.length = 0;
    expect(session.getState().status).toBe('syncing');
    expect(await serverText(server, production.productionId, director.token)).toBe('Scope 40mm');

    uplink.release();
    await expect.poll(() => session.getState().status, { timeout: 5000 }).toBe('saved');
    expect(statuses).not.toContain('error');
    expect(await serverText(server, production.productionId, director.token)).toBe('Scope');
  });

  it('a delete right after "saved" shows syncing at once, until the server has it', async () => {
    const server = await startTestServer();
    teardown.push(() => server.close());
    const uplink = new Uplink();
    const { session, production, director } = await directorSession(server, uplink);
    const text = session.doc.getText('probe');
    session.transact(() => text.insert(0, 'Take 3'));
    await expect.poll(() => session.getState().status, { timeout: 5000 }).toBe('saved');

    uplink.hold();
    session.transact(() => text.delete(4, 2));
    // No server vector has arrived since: only the "local edits since the last server vector" flag knows.
    expect(session.getState().status).toBe('syncing');
    expect(await serverText(server, production.productionId, director.token)).toBe('Take 3');
    uplink.release();
    await expect.poll(() => session.getState().status, { timeout: 5000 }).toBe('saved');
    expect(await serverText(server, production.productionId, director.token)).toBe('Take');
  });
});

describe('DeleteAcknowledgements', () => {
  it('asks for a proof after a server vector that follows a delete, and again on a new socket', () => {
    const acks = new DeleteAcknowledgements();
    acks.connected(); // the provider's step 1 is query 1
    acks.answered(); // its answer
    expect(acks.serverStepOne()).toBe(false); // no delete: a vector speaks for everything
    acks.localDelete();
    expect(acks.pending).toBe(false); // until a vector arrives, the session's flag says "syncing"
    expect(acks.serverStepOne()).toBe(true);
    expect(acks.pending).toBe(true);
    acks.querySent(); // query 2
    expect(acks.serverStepOne()).toBe(false); // one query out is enough
    // The socket drops before the answer: the new socket's first server vector asks again.
    acks.connected();
    expect(acks.pending).toBe(false);
    acks.answered(); // the answer to the new socket's query 1 proves nothing about the delete
    expect(acks.serverStepOne()).toBe(true);
    acks.querySent(); // query 2 on the new socket
    acks.localDelete(); // a delete after the query: that answer cannot prove it
    acks.answered();
    expect(acks.serverStepOne()).toBe(true);
    acks.querySent(); // query 3
    acks.answered();
    expect(acks.pending).toBe(false);
    expect(acks.serverStepOne()).toBe(false);
  });
});
