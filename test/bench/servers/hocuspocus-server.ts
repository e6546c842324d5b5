/**
 * Hocuspocus with its defaults and no extensions (so no persistence), in its own process.
 */
import { Server } from '@hocuspocus/server';

const server = new Server({ port: Number(process.env.PORT ?? 0), address: '127.0.0.1', quiet: true });
await server.listen();
