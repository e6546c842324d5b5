/** Set-channel metrics, registered only when the app passes a prom-client registry. */
import { Counter, Gauge, type Registry } from 'prom-client';

export interface SetChannelMetrics {
  connected(delta: 1 | -1): void;
  refused(reason: string): void;
  event(event: string, outcome: 'ok' | 'rejected'): void;
  /** Removes the metrics from the registry so a new channel can register them again (tests, restarts). */
  unregister(): void;
}

const NAMES = {
  connections: 'setboard_setchannel_connections',
  refused: 'setboard_setchannel_handshakes_refused_total',
  events: 'setboard_setchannel_events_total',
} as const;

export function createSetChannelMetrics(registry: Registry | undefined): SetChannelMetrics {
  if (!registry) return { connected() {}, refused() {}, event() {}, unregister() {} };
  const connections = new Gauge({
    name: NAMES.connections,
    help: 'Set-channel sockets connected to this instance.',
    registers: [registry],
  });
  const refused = new Counter({
    name: NAMES.refused,
    help: 'Set-channel handshakes refused, by reason.',
    labelNames: ['reason'],
    registers: [registry],
  });
  const events = new Counter({
    name: NAMES.events,
    help: 'Set-channel client events handled, by event and outcome.',
    labelNames: ['event', 'outcome'],
    registers: [registry],
  });
  return {
    connected: (delta) => connections.inc(delta),
    refused: (reason) => refused.inc({ reason }),
    event: (event, outcome) => events.inc({ event, outcome }),
    unregister: () => Object.values(NAMES).forEach((name) => registry.removeSingleMetric(name)),
  };
}
