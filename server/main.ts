/**
 * The production entry point: configuration, logging, the server, the demo production, and signals.
 */
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './logger';
import { createSetboardServer } from './app';
import { DEMO_PRODUCTION_NAME, ensureDemoProduction } from './demo';
import { reachableOrigin } from './network';
import { ROLE_LABELS } from '../shared/boards';

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78); // EX_CONFIG: the operator must fix the environment; restarting will not help.
  }
  throw error;
}

const logger = createLogger(config.logLevel);
const server = await createSetboardServer(config, logger);
const port = await server.listen();
const origin = reachableOrigin(config.host, port, config.publicUrl);
logger.info({ port, host: config.host, dataDir: config.dataDir, origin }, 'Setboard is listening');

if (config.demo) {
  const demo = await ensureDemoProduction({
    directory: server.directory,
    sync: server.sync,
    origin,
    today: new Date().toISOString().slice(0, 10),
  });
  if (demo) {
    // The landing page offers these same shared links ("Open the demo"), as paths on whatever origin it has.
    server.offerDemo({
      production: { name: DEMO_PRODUCTION_NAME },
      links: demo.links.map((link) => ({ role: link.role, path: new URL(link.url).pathname })),
    });
    console.log(`\nSetboard is running at ${origin}`);
    console.log(
      `Demo production "${DEMO_PRODUCTION_NAME}"${demo.created ? ' (created)' : ''}. Multi-use join links, ` +
        `one per role (each admits up to ${demo.uses} people until ${demo.expiresAt.toISOString().slice(0, 10)}):`,
    );
    for (const link of demo.links) console.log(`  ${ROLE_LABELS[link.role].padEnd(16)} ${link.url}`);
    console.log('');
  }
}

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'Shutting down: flushing edits and closing connections');
  // Storage that hangs must not keep a restarting server from exiting; the deadline wins.
  const deadline = setTimeout(() => {
    logger.error({ deadlineMs: config.shutdownDeadlineMs }, 'Shutdown deadline passed; exiting anyway');
    process.exit(1);
  }, config.shutdownDeadlineMs);
  deadline.unref();
  try {
    await server.close();
    logger.info('Shutdown complete');
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'Shutdown failed');
    process.exit(1);
  }
}

process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
