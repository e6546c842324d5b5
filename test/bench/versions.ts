/**
 * The installed versions of the servers and clients under test, read from node_modules at run time, so each
 * table says what it measured (a lock file can move under a published table; node_modules is what ran).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Packages whose version decides a figure: the two reference servers, the stock providers, Yjs itself. */
export const MEASURED_PACKAGES = [
  '@y/websocket-server',
  '@hocuspocus/server',
  '@hocuspocus/provider',
  'y-websocket',
  'yjs',
] as const;

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The package.json Node's resolution would find from this folder up (not `require.resolve`: `exports` maps may hide it). */
function packageJson(name: string): string | null {
  for (let dir = HERE; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) return file;
    if (path.dirname(dir) === dir) return null;
  }
}

/** `{name: version}`; a package that is not installed reads as 'missing' rather than failing the run. */
export function installedVersions(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of MEASURED_PACKAGES) {
    const file = packageJson(name);
    const pkg = file ? (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }) : null;
    out[name] = pkg ? (pkg.version ?? 'unknown') : 'missing';
  }
  return out;
}

/** `@y/websocket-server 0.1.1, @hocuspocus/server 4.7.0, …` for a table's header line. */
export function formatVersions(versions: Record<string, string>): string {
  return Object.entries(versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
}
