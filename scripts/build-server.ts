/**
 * `npm run build:server`: the server as plain JavaScript in dist/server (main.js and the PDF worker beside
 * it), so production runs without transpiling TypeScript at start and without tsx's loader thread and source
 * maps in memory (measured: 163 MB resident at start under tsx, 115 MB built). Packages stay external and
 * resolve from node_modules. `npm run dev` and the tests keep running the sources through tsx.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** How every Node entry is built: ESM for Node 20, packages left to node_modules. */
export const NODE_BUNDLE: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
};

/** Bundles the server's entry points (and any extra ones, e.g. the benchmark's) into `outdir`. */
export async function buildServer(
  root = ROOT,
  outdir = path.join(root, 'dist/server'),
  extraEntries: string[] = [],
): Promise<void> {
  await build({
    entryPoints: [
      path.join(root, 'server/main.ts'),
      // Loaded by path at run time (server/http/pdf-renderer.ts), so it is an entry of its own.
      path.join(root, 'server/http/pdf-render-worker.ts'),
      ...extraEntries,
    ],
    outdir,
    entryNames: '[name]',
    ...NODE_BUNDLE,
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer();
}
