/**
 * The composition root: picks an implementation for each part from the configuration and wires them to one
 * HTTP server. No part imports another's implementation; they meet here, through their interfaces.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Config } from './config';
import type { DemoResponse } from '../shared/api-types';
import { parseDocumentName } from '../shared/boards';
import { startMemoryRelease } from './memory-release';
import { migrate } from '../shared/model/migrations';
import { vetTransaction, vettedRoots } from '../shared/model/vetting';
import { cardActivity } from '../shared/model/card-activity';
import { notifyCardAuthors, type NotifyMember } from './card-notifications';
import type { Logger } from './logger';
import { directoryAccess, type AccessResolver } from './auth/access';
import { InProcessControlBus, type ControlBus } from './control/control-bus';
import type { Directory } from './directory/directory';
import type { DocumentStore } from './storage/document-store';
import type { VersionStore } from './storage/version-store';
import type { Fanout } from './fanout/fanout';
import type { CompactionLease } from './sync/compaction-lease';
import { createMetrics, type Metrics } from './metrics';
import { createSyncService, type SyncService } from './sync/sync-service';
import { attachSetChannel } from './setchannel/set-channel';
import type { SetStateStore } from './setchannel/set-state';
import { createApiRouter } from './http/api-router';
import { apiErrorHandler, apiNotFound } from './http/errors';
import { createCsvRouter } from './http/csv-routes';
import { createScriptRouter } from './http/script-routes';
import { createCommentRouter } from './http/comment-routes';
import { createPdfRouter } from './http/pdf-routes';
import { createVersionRouter } from './http/version-routes';
import { createDprRouter } from './http/dpr-routes';
import { createPdfRenderer } from './http/pdf-renderer';
import { createUploadRouter } from './http/uploads';
import { createLinkRouter } from './http/link-routes';
import { createPeopleRouter } from './http/people-routes';
import { createCallSheetPublisher, type StatusNotifier } from './http/callsheet-publisher';
import { createPublishRouter } from './http/publish-routes';
import { createPersonalLinkRouter } from './http/personal-link-routes';
import { createSmtpMailer } from './mail/mailer';
import { directoryLinkAuth, refuseQueryToken } from './http/principal';
import { createSignedLinks, randomLinkSecret } from './auth/signed-links';
import { createOpsRouter, type ReadinessCheck } from './http/ops';
import { createStaticClientRouter } from './http/static-client';
import { securityHeaders } from './http/security-headers';
import { openBackends } from './backends';

/** The built client, found from the project root: this module runs from server/ (tsx) or dist/server (built). */
const defaultClientDir = path.join(projectRoot(path.dirname(fileURLToPath(import.meta.url))), 'dist/client');

function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..');
  }
}

export interface SetboardServer {
  readonly httpServer: http.Server;
  readonly directory: Directory;
  readonly store: DocumentStore;
  readonly sync: SyncService;
  readonly access: AccessResolver;
  readonly metrics: Metrics;
  /** Offers the demo production's join links on the landing page (`GET /api/demo`); the entry point makes them. */
  offerDemo(demo: DemoResponse): void;
  /** Resolves with the bound port (useful with PORT=0). */
  listen(): Promise<number>;
  /** Graceful stop: refuse new work, flush every edit, close sockets with the restarting code, release stores. */
  close(): Promise<void>;
}

export interface ServerParts {
  store: DocumentStore;
  /** Named versions of the boards; both stores keep them next to the documents. */
  versions: VersionStore;
  directory: Directory;
  controlBus: ControlBus;
  fanout?: Fanout;
  /** socket.io adapter constructor for spanning instances; the in-memory adapter when absent. */
  setChannelAdapter?: Parameters<typeof attachSetChannel>[1]['adapter'];
  /** Set status and notification history shared by every instance; in memory when absent. */
  setState?: SetStateStore;
  /** Compaction runs under it when instances share the store; closed by `closeExtra`, after the sync service. */
  compactionLease?: CompactionLease;
  /** Extra readiness checks (e.g. Redis) and extra things to close after the server stops. */
  checks?: ReadinessCheck[];
  closeExtra?: () => Promise<void>;
}

export async function createSetboardServer(
  config: Config,
  logger: Logger,
  options: { clientDir?: string; parts?: ServerParts } = {},
): Promise<SetboardServer> {
  const parts = options.parts ?? (await openBackends(config, logger));
  const { store, directory, controlBus } = parts;
  const metrics = createMetrics();
  const access = directoryAccess(directory);
  let shuttingDown = false;
  let demo: DemoResponse | null = null;
  // The set channel is attached to the HTTP server built below; the sync hooks only run once it listens.
  const notifyMember: NotifyMember = (...args) => setChannel.notifyMember(...args);
  const cardLogger = logger.child({ part: 'card-notifications' });

  const sync = createSyncService({
    store,
    access,
    controlBus,
    limits: config.limits,
    reauthIntervalMs: config.reauthIntervalMs,
    logger: logger.child({ part: 'sync' }),
    metrics,
    ...(parts.fanout ? { fanout: parts.fanout } : {}),
    ...(parts.compactionLease ? { compactionLease: parts.compactionLease } : {}),
    // Clients only ever see the current layout: an older document is upgraded as it loads.
    prepareDocument: (docName, doc) => {
      const board = parseDocumentName(docName)?.board;
      if (board) migrate(board, doc);
    },
    // Entries shown "by X" name the member whose connection wrote them; meta stays this server's.
    vetClientUpdate: ({ docName, transaction, principal, edit }) => {
      const board = parseDocumentName(docName)?.board;
      const fix =
        board && vetTransaction(board, transaction, { id: principal.memberId, name: principal.name });
      if (fix) edit(fix);
      // Comments and review decisions in this update notify the card's author (card-notifications.ts).
      if (board === 'moodboard') {
        const activities = cardActivity(transaction);
        if (activities.length > 0) {
          notifyCardAuthors(
            { productionId: principal.productionId, doc: transaction.doc, activities, principal },
            notifyMember,
            cardLogger,
          );
        }
      }
    },
    // What the hook above reads: an edit touching none of it may be applied to a dormant document's bytes.
    vettedRoots: (docName) => {
      const board = parseDocumentName(docName)?.board;
      return board ? vettedRoots(board) : 'all';
    },
  });

  const stopMemoryRelease = startMemoryRelease({
    documents: () => sync.stats().documents,
    liveDocuments: () => sync.stats().live,
    logger: logger.child({ part: 'memory' }),
  });

  if (!config.linkSecret && (config.databaseUrl || config.redisUrl)) {
    logger.warn(
      'SETBOARD_LINK_SECRET is not set: image and export links signed here fail on other instances; ' +
        'give every instance the same secret',
    );
  }
  const links = createSignedLinks({ secret: config.linkSecret ?? randomLinkSecret() });
  const linkAuth = directoryLinkAuth(directory, links);

  const pdfRenderer = createPdfRenderer();
  const mailer = config.smtp ? createSmtpMailer(config.smtp) : undefined;
  // The set channel is attached to the HTTP server below; statuses only flow once requests arrive.
  const notify: StatusNotifier = (productionId, event) => setChannel.callSheetStatus(productionId, event);
  const publisher = createCallSheetPublisher({
    directory,
    versions: parts.versions,
    documents: sync,
    renderer: pdfRenderer,
    mailer,
    notify,
    logger: logger.child({ part: 'callsheets' }),
  });
  const app = express();
  app.disable('x-powered-by');
  // Behind a load balancer the proxy's X-Forwarded-* headers give invite links the origin tablets use.
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use(securityHeaders({ publicUrl: config.publicUrl }));
  app.use(refuseQueryToken);
  app.use(
    createOpsRouter({
      registry: metrics.registry,
      checks: [
        { name: 'store', ready: () => store.ready() },
        { name: 'directory', ready: () => directory.ready() },
        ...(parts.checks ?? []),
      ],
      isShuttingDown: () => shuttingDown,
    }),
  );
  app.use(
    '/api',
    createApiRouter({
      directory,
      controlBus,
      publicUrl: config.publicUrl,
      logger: logger.child({ part: 'api' }),
      demo: () => demo,
    }),
  );
  app.use('/api', createLinkRouter({ directory, links }));
  app.use('/api', createPeopleRouter({ directory, logger: logger.child({ part: 'people' }) }));
  app.use(
    '/api',
    createPublishRouter({
      directory,
      publisher,
      publicUrl: config.publicUrl,
      logger: logger.child({ part: 'callsheets' }),
    }),
  );
  app.use('/api', createPersonalLinkRouter({ directory, publisher, renderer: pdfRenderer, notify }));
  app.use('/api', createCsvRouter({ access, linkAuth, documents: sync, versions: parts.versions }));
  app.use('/api', createScriptRouter({ access, documents: sync }));
  app.use(
    '/api',
    createCommentRouter({
      access,
      documents: sync,
      onActivity: ({ productionId, doc, activity, principal }) =>
        notifyCardAuthors({ productionId, doc, activities: [activity], principal }, notifyMember, cardLogger),
    }),
  );
  app.use(
    '/api',
    createVersionRouter({ access, approvals: directory, versions: parts.versions, documents: sync }),
  );
  app.use('/api', createDprRouter({ access, directory, versions: parts.versions, documents: sync }));
  app.use(
    '/api',
    createPdfRouter({
      access,
      renderer: pdfRenderer,
      linkAuth,
      documents: sync,
      dataDir: config.dataDir,
      productionName: async (id) => (await directory.getProduction(id))?.name ?? null,
      people: (id) => directory.listPeople(id),
      versions: parts.versions,
      dprSignoff: (productionId, dayId) => directory.getDprSignoff(productionId, dayId),
    }),
  );
  app.use(
    '/api',
    createUploadRouter({ access, linkAuth, dataDir: config.dataDir, maxBytes: config.uploadMaxBytes }),
  );
  // After every /api router: an unknown API path is a JSON 404, never the client's HTML shell.
  app.use('/api', apiNotFound);
  app.use('/api', apiErrorHandler(logger.child({ part: 'api' })));
  app.use(createStaticClientRouter(options.clientDir ?? defaultClientDir));

  const httpServer = http.createServer(app);
  const setChannel = attachSetChannel(httpServer, {
    directory,
    controlBus,
    logger: logger.child({ part: 'set-channel' }),
    authTimeoutMs: config.limits.authTimeoutMs,
    sessionCheckIntervalMs: config.reauthIntervalMs,
    registry: metrics.registry,
    ...(parts.setState ? { state: parts.setState } : {}),
    ...(parts.setChannelAdapter ? { adapter: parts.setChannelAdapter } : {}),
  });

  httpServer.on('upgrade', (req, socket, head) => {
    const url = req.url ?? '';
    if (url.startsWith('/sync/')) {
      sync.handleUpgrade(req, socket, head);
    } else if (!url.startsWith('/socket.io/')) {
      // socket.io answers its own upgrades; anything else is not ours to keep open.
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  });

  return {
    httpServer,
    directory,
    store,
    sync,
    access,
    metrics,
    offerDemo: (offer) => {
      demo = offer;
    },
    listen: () =>
      new Promise<number>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          httpServer.off('error', reject);
          const address = httpServer.address();
          resolve(typeof address === 'object' && address ? address.port : config.port);
        });
      }),
    async close() {
      if (shuttingDown) return;
      shuttingDown = true;
      stopMemoryRelease();
      // Stop accepting first so nothing new arrives while edits are flushed.
      const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await sync.shutdown();
      await setChannel.close();
      await pdfRenderer.close();
      mailer?.close();
      httpServer.closeAllConnections();
      await httpClosed;
      await parts.closeExtra?.();
      await controlBus.close();
      await Promise.all([store.close(), directory.close()]);
    },
  };
}

export { InProcessControlBus };
