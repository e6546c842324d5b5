/** Seeds a fresh production over the public API and the stock sync client, as a second device would. */
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { CreateInviteResponse, CreateProductionResponse, JoinResponse } from '../../shared/api-types';
import { addScene } from '../../shared/model/breakdown';
import { addShots } from '../../shared/model/shotlist';

export async function post<T>(origin: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** Pushes a locally built document to the server and waits until the server's copy holds all of it. */
export async function push(
  origin: string,
  productionId: string,
  board: string,
  token: string,
  doc: Y.Doc,
): Promise<void> {
  const provider = new WebsocketProvider(`${origin.replace('http', 'ws')}/sync/${productionId}`, board, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${board} did not sync in 30 s`)), 30_000);
      provider.once('sync', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    // The server acknowledges durable writes with its state vector; a second reader proves it is there.
    const check = new Y.Doc();
    const reader = new WebsocketProvider(
      `${origin.replace('http', 'ws')}/sync/${productionId}`,
      board,
      check,
      {
        params: { token },
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
      },
    );
    try {
      const want = Y.encodeStateVector(doc);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${board} never reached the server`)), 30_000);
        const test = () => {
          if (Buffer.from(Y.encodeStateVector(check)).equals(Buffer.from(want))) {
            clearTimeout(timer);
            resolve();
          }
        };
        check.on('update', test);
        test();
      });
    } finally {
      reader.destroy();
    }
  } finally {
    provider.destroy();
  }
}

/** A production with `shots` shots over `shots / 10` scenes; returns a director's join link. */
export async function seedLargeShotList(origin: string, shots: number): Promise<{ directorLink: string }> {
  const created = await post<CreateProductionResponse>(origin, '/api/productions', {
    name: 'Big Picture',
    ownerName: 'Owner',
  });
  const productionId = created.production.id;
  const invite = await post<CreateInviteResponse>(
    origin,
    `/api/productions/${productionId}/invites`,
    { role: 'director' },
    created.token,
  );
  const seeder = await post<JoinResponse>(origin, '/api/join', { code: invite.code, name: 'Seeder' });
  const directorInvite = await post<CreateInviteResponse>(
    origin,
    `/api/productions/${productionId}/invites`,
    { role: 'director' },
    created.token,
  );

  const breakdown = new Y.Doc();
  const shotlist = new Y.Doc();
  const scenes = Math.ceil(shots / 10);
  const sceneIds: string[] = [];
  for (let i = 0; i < scenes; i++) {
    sceneIds.push(
      addScene(breakdown, {
        number: String(i + 1),
        intExt: i % 2 ? 'EXT' : 'INT',
        set: `SET ${i + 1}`,
        time: i % 3 ? 'DAY' : 'NIGHT',
        eighths: 4 + (i % 9),
        synopsis: '',
        castIds: [],
        locationId: null,
        omitted: false,
      }),
    );
  }
  addShots(
    shotlist,
    Array.from({ length: shots }, (_, i) => {
      const scene = Math.floor(i / 10);
      return {
        sceneId: sceneIds[scene]!,
        sceneNumber: String(scene + 1),
        description: `Shot ${i + 1}: coverage of scene ${scene + 1}`,
      };
    }),
  );
  await push(origin, productionId, 'breakdown', seeder.token, breakdown);
  await push(origin, productionId, 'shotlist', seeder.token, shotlist);
  return { directorLink: `${origin}/join/${directorInvite.code}` };
}
