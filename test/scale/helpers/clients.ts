/** Stock y-websocket clients for the cluster tests, destroyed when the test finishes. */
import { onTestFinished } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { connectBoard, whenSynced } from '../../helpers/test-server';
import type { Board } from '../../../shared/boards';

export interface BoardClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close events the provider saw, with their codes. */
  closes: number[];
  items(): string[];
  add(item: string): void;
}

/** The probe array every cluster test writes to; board content rules do not matter for fan-out. */
export const PROBE = 'scale-probe';

export async function openClient(
  wsOrigin: string,
  productionId: string,
  token: string,
  options: { board?: Board; doc?: Y.Doc; waitForSync?: boolean } = {},
): Promise<BoardClient> {
  const { doc, provider } = connectBoard(
    wsOrigin,
    productionId,
    options.board ?? 'schedule',
    token,
    options.doc,
  );
  onTestFinished(() => provider.destroy());
  const closes: number[] = [];
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) closes.push(event.code);
  });
  if (options.waitForSync ?? true) await whenSynced(provider);
  const array = doc.getArray<string>(PROBE);
  return {
    doc,
    provider,
    closes,
    items: () => [...array.toArray()].sort(),
    add: (item) => array.push([item]),
  };
}
