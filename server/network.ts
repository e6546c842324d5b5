import os from 'node:os';

/**
 * The origin tablets on the set's network should use. Listening on every interface means "localhost" is of no
 * use to a tablet, so the first private IPv4 address is the best guess; PUBLIC_URL overrides it.
 */
export function reachableOrigin(host: string, port: number, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl;
  if (host !== '0.0.0.0' && host !== '::') return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return `http://${address.address}:${port}`;
    }
  }
  return `http://localhost:${port}`;
}
