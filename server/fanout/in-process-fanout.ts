/**
 * Fan-out between sync services in one process (tests, and a cluster-free multi-service setup). A hub holds
 * the subscriptions; each service gets its own Fanout with its own instanceId. Delivery is asynchronous, as
 * over a network, so no room ever handles a peer's message inside its own publish.
 */
import { randomUUID } from 'node:crypto';
import type { Fanout, FanoutHandler, FanoutKind, FanoutSubscription } from './fanout';

interface Subscriber {
  instanceId: string;
  handler: FanoutHandler;
}

export class InProcessFanoutHub {
  /** docName -> its subscribers, each one subscribe call */
  private readonly subscriptions = new Map<string, Set<Subscriber>>();

  /** A Fanout for one service. */
  connect(instanceId: string = randomUUID()): Fanout {
    return new InProcessFanout(this, instanceId);
  }

  /** @internal */
  subscribe(instanceId: string, docName: string, handler: FanoutHandler): FanoutSubscription {
    let subscribers = this.subscriptions.get(docName);
    if (!subscribers) this.subscriptions.set(docName, (subscribers = new Set()));
    const subscriber: Subscriber = { instanceId, handler };
    subscribers.add(subscriber);
    return { unsubscribe: async () => this.remove(docName, subscriber) };
  }

  /** @internal */
  publish(instanceId: string, docName: string, kind: FanoutKind, payload: Uint8Array): void {
    const subscribers = this.subscriptions.get(docName);
    if (!subscribers) return;
    for (const subscriber of subscribers) {
      if (subscriber.instanceId === instanceId) continue;
      // Looked up again at delivery: a room unloaded meanwhile must not receive it.
      setImmediate(() => {
        if (this.subscriptions.get(docName)?.has(subscriber)) subscriber.handler.message(kind, payload);
      });
    }
  }

  /** @internal */
  disconnect(instanceId: string): void {
    for (const [docName, subscribers] of [...this.subscriptions]) {
      for (const subscriber of subscribers) {
        if (subscriber.instanceId === instanceId) this.remove(docName, subscriber);
      }
    }
  }

  private remove(docName: string, subscriber: Subscriber): void {
    const subscribers = this.subscriptions.get(docName);
    subscribers?.delete(subscriber);
    if (subscribers?.size === 0) this.subscriptions.delete(docName);
  }
}

class InProcessFanout implements Fanout {
  constructor(
    private readonly hub: InProcessFanoutHub,
    readonly instanceId: string,
  ) {}

  async subscribe(docName: string, handler: FanoutHandler): Promise<FanoutSubscription> {
    return this.hub.subscribe(this.instanceId, docName, handler);
  }

  publish(docName: string, kind: FanoutKind, payload: Uint8Array): void {
    this.hub.publish(this.instanceId, docName, kind, payload);
  }

  async close(): Promise<void> {
    this.hub.disconnect(this.instanceId);
  }
}
