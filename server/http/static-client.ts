/**
 * Serves the built client (dist/client) with a single-page-app fallback. Hashed assets are cached forever;
 * the HTML shell and the service worker never are, so a deploy reaches tablets on their next load.
 */
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';

export function createStaticClientRouter(clientDir: string): express.Router {
  const router = express.Router();
  const indexFile = path.join(clientDir, 'index.html');

  if (!fs.existsSync(indexFile)) {
    router.get('/', (_req, res) => {
      res
        .status(503)
        .type('text/plain')
        .send(`The Setboard client is not built (${indexFile} is missing). Run "npm run build:client".`);
    });
    return router;
  }

  router.use(
    express.static(clientDir, {
      index: false,
      setHeaders(res, filePath) {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );

  // Client-side routes (/join/:code, /p/:id/...) all load the shell; API and sync paths never reach here.
  router.get(/^\/(?!api\/|sync\/|socket\.io\/).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });

  return router;
}
