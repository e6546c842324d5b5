/**
 * Control events that must reach every live connection of a production at once, on every instance:
 * revocations and permission changes. In-process here; a Redis implementation spans instances.
 */
import type { PermissionMatrix } from '../../shared/boards';

export type ControlEvent =
  | { type: 'member-revoked'; productionId: string; memberId: string }
  | { type: 'permissions-changed'; productionId: string; permissions: PermissionMatrix };

export interface ControlBus {
  publish(event: ControlEvent): Promise<void>;
  /** Returns the unsubscribe function. Handlers must not throw; errors are theirs to log. */
  subscribe(handler: (event: ControlEvent) => void): () => void;
  close(): Promise<void>;
}

export class InProcessControlBus implements ControlBus {
  private readonly handlers = new Set<(event: ControlEvent) => void>();

  async publish(event: ControlEvent): Promise<void> {
    for (const handler of this.handlers) handler(event);
  }

  subscribe(handler: (event: ControlEvent) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
