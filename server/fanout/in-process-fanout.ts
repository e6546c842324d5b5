/**
 * Fan-out between sync services in one process (tests, and a cluster-free multi-service setup). A hub holds
 * the subscriptions; each service gets its own Fanout with its own instanceId. Delivery is asynchronous, as
 * over a network, so no room ever handles a peer's message inside its own publish.
 */
import { randomUUID } from 'node:crypto';
import type { Fanout, FanoutHandler, FanoutKind } from './fanout';

export class InProcessFanoutHub {
  /** docName -> instanceId -> handler */
  private readonly subscriptions = new Map<string, Map<string, FanoutHandler>>();

  /** A Fanout for one service. */
  connect(instanceId: string = randomUUID()): Fanout {
    return new InProcessFanout(this, instanceId);
  }

  /** @internal */
  subscribe(instanceId: string, docName: string, handler: FanoutHandler): void {
    let handlers = this.subscriptions.get(docName);
    if (!handlers) this.subscriptions.set(docName, (handlers = new Map()));
    handlers.set(instanceId, handler);
  }

  /** @internal */
  unsubscribe(instanceId: string, docName: string): void {
    const handlers = this.subscriptions.get(docName);
    handlers?.delete(instanceId);
    if (handlers?.size === 0) this.subscriptions.delete(docName);
  }

  /** @internal */
  publish(instanceId: string, docName: string, kind: FanoutKind, payload: Uint8Array): void {
    const handlers = this.subscriptions.get(docName);
    if (!handlers) return;
    for (const [id, handler] of handlers) {
      if (id === instanceId) continue;
      // Looked up again at delivery: a room unloaded meanwhile must not receive it.
      setImmediate(() => {
        if (this.subscriptions.get(docName)?.get(id) === handler) handler.message(kind, payload);
      });
    }
  }

  /** @internal */
  disconnect(instanceId: string): void {
    for (const docName of [...this.subscriptions.keys()]) this.unsubscribe(instanceId, docName);
  }
}

class InProcessFanout implements Fanout {
  constructor(
    private readonly hub: InProcessFanoutHub,
    readonly instanceId: string,
  ) {}

  async subscribe(docName: string, handler: FanoutHandler): Promise<void> {
    this.hub.subscribe(this.instanceId, docName, handler);
  }

  async unsubscribe(docName: string): Promise<void> {
    this.hub.unsubscribe(this.instanceId, docName);
  }

  publish(docName: string, kind: FanoutKind, payload: Uint8Array): void {
    this.hub.publish(this.instanceId, docName, kind, payload);
  }

  async close(): Promise<void> {
    this.hub.disconnect(this.instanceId);
  }
}
