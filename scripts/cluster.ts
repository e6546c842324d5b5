/**
 * Starts N Setboard instances on consecutive ports against one Redis and one PostgreSQL, the way a load
 * balancer would see them. For trying scale-out locally, not for production (use your process manager there).
 *
 *   REDIS_URL=redis://127.0.0.1:6379 DATABASE_URL=postgres://postgres@127.0.0.1:5432/setboard \
 *     npm run cluster -- --instances 3 --base-port 8081
 *
 * Every other variable is passed through unchanged. Instance i gets PORT=base+i and its own data directory
 * (SETBOARD_DATA_DIR/instance-i); only instance 0 creates the demo production, so two instances never race
 * to create it. Ctrl-C stops them all gracefully.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '3' },
    'base-port': { type: 'string', default: '8081' },
  },
});
const instances = Number(values.instances);
const basePort = Number(values['base-port']);
if (!Number.isInteger(instances) || instances < 1 || instances > 32) {
  fail(`--instances must be an integer from 1 to 32, got ${values.instances}`);
}
if (!Number.isInteger(basePort) || basePort < 1 || basePort + instances > 65_535) {
  fail(`--base-port must leave room for ${instances} ports below 65536, got ${values['base-port']}`);
}
if (!process.env.REDIS_URL || !process.env.DATABASE_URL) {
  fail(
    'Set REDIS_URL and DATABASE_URL: instances share nothing else, so without them they would be strangers.',
  );
}

const dataRoot = path.resolve(process.env.SETBOARD_DATA_DIR ?? './data');
// Every instance must verify the image and export links any other one signed.
const linkSecret = process.env.SETBOARD_LINK_SECRET ?? randomBytes(32).toString('base64url');
const children = new Map<number, ChildProcess>();
let stopping = false;

for (let i = 0; i < instances; i++) {
  const port = basePort + i;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      SETBOARD_DATA_DIR: path.join(dataRoot, `instance-${i}`),
      SETBOARD_LINK_SECRET: linkSecret,
      SETBOARD_DEMO: i === 0 ? (process.env.SETBOARD_DEMO ?? 'true') : 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.set(i, child);
  prefixLines(child.stdout, `[${i}:${port}] `, process.stdout);
  prefixLines(child.stderr, `[${i}:${port}] `, process.stderr);
  child.on('exit', (code, signal) => {
    children.delete(i);
    if (!stopping) {
      console.error(
        `[cluster] instance ${i} (port ${port}) exited (${signal ?? code}); the others keep serving`,
      );
    }
    if (children.size === 0) process.exit(stopping ? 0 : 1);
  });
}
console.error(
  `[cluster] ${instances} instance(s) on ports ${basePort}-${basePort + instances - 1}; Ctrl-C stops them all`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopping = true;
    for (const child of children.values()) child.kill('SIGTERM');
  });
}

function prefixLines(from: NodeJS.ReadableStream | null, prefix: string, to: NodeJS.WritableStream): void {
  let pending = '';
  from?.setEncoding('utf8');
  from?.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) to.write(`${prefix}${line}\n`);
  });
  from?.on('end', () => {
    if (pending) to.write(`${prefix}${pending}\n`);
  });
}

function fail(message: string): never {
  console.error(`[cluster] ${message}`);
  process.exit(64); // EX_USAGE
}
