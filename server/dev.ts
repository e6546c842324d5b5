/**
 * `npm run dev`: the API and sync server on :8080, restarted when server or shared code changes, and Vite's
 * dev server on :5173 with hot reload, proxying /api, /sync and /socket.io to the server (vite.config.ts).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'vite';

const server = spawn(process.execPath, ['--import', 'tsx', '--watch', 'server/main.ts'], {
  stdio: 'inherit',
  env: { ...process.env, PORT: process.env.PORT ?? '8080', HOST: process.env.HOST ?? '127.0.0.1' },
});

const vite = await createServer({ configFile: 'vite.config.ts', server: { host: true, port: 5173 } });
await vite.listen();
vite.printUrls();
console.log('API and sync server: http://127.0.0.1:8080 (proxied by Vite)');

function stop(): void {
  server.kill('SIGTERM');
  void vite.close().then(() => process.exit(0));
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => {
  if (code !== null && code !== 0) console.error(`The server exited with code ${code}`);
});
