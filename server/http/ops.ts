/**
 * Operations endpoints: liveness, readiness and Prometheus metrics. Readiness asks every backing part, so a
 * load balancer stops sending tablets to an instance whose store is unreachable or that is shutting down.
 */
import express from 'express';
import type { Registry } from 'prom-client';

export interface ReadinessCheck {
  name: string;
  ready(): Promise<boolean>;
}

export function createOpsRouter(options: {
  registry: Registry;
  checks: ReadinessCheck[];
  isShuttingDown: () => boolean;
}): express.Router {
  const router = express.Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const results: Record<string, boolean> = {};
    await Promise.all(
      options.checks.map(async (check) => {
        // A check that throws is as unready as one that says so; readiness must never 500.
        results[check.name] = await check.ready().catch(() => false);
      }),
    );
    const shuttingDown = options.isShuttingDown();
    const ready = !shuttingDown && Object.values(results).every(Boolean);
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'unready', shuttingDown, checks: results });
  });

  router.get('/metrics', async (_req, res) => {
    res.type(options.registry.contentType).send(await options.registry.metrics());
  });

  return router;
}
