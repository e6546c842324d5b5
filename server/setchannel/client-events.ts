/**
 * How a client event with an ack is run: a per-socket rate budget, one ack whatever happens (refusal, success
 * or a server error), and a metric per outcome. Handlers return an error string for the client, or null.
 */
import type { Ack } from '../../shared/set-channel';
import type { Logger } from '../logger';
import type { SetChannelMetrics } from './metrics';

export interface EventRunner {
  /** A fresh budget for one socket: call it once per event; false once the second's budget is spent. */
  budget(): () => boolean;
  run(
    event: string,
    ack: Ack,
    allow: () => boolean,
    context: { productionId: string },
    handler: () => Promise<string | null>,
  ): void;
}

export function createEventRunner(options: {
  maxEventsPerSecond: number;
  metrics: SetChannelMetrics;
  logger: Logger;
}): EventRunner {
  const { maxEventsPerSecond, metrics, logger } = options;
  return {
    budget: () => eventBudget(maxEventsPerSecond),
    run(event, ack, allow, context, handler) {
      // A client may omit the ack; never let that throw inside socket.io's dispatch.
      const reply: Ack = typeof ack === 'function' ? ack : () => {};
      if (!allow()) {
        metrics.event(event, 'rejected');
        reply({ ok: false, error: `Too many messages; at most ${maxEventsPerSecond} per second.` });
        return;
      }
      handler().then(
        (error) => {
          metrics.event(event, error ? 'rejected' : 'ok');
          reply(error ? { ok: false, error } : { ok: true });
        },
        (err: unknown) => {
          metrics.event(event, 'rejected');
          logger.error({ err, event, productionId: context.productionId }, 'set channel: event failed');
          reply({ ok: false, error: 'The server could not handle this right now; retry.' });
        },
      );
    },
  };
}

/** A fixed one-second window: cheap, and precise enough to stop a runaway loop. */
function eventBudget(perSecond: number): () => boolean {
  let windowStart = 0;
  let used = 0;
  return () => {
    const now = Date.now();
    if (now - windowStart >= 1_000) {
      windowStart = now;
      used = 0;
    }
    used += 1;
    return used <= perSecond;
  };
}
