/**
 * Board exports (CSV today, PDF and any `export.<format>` route tomorrow) are fetched with the Authorization
 * header and handed to the browser as a `blob:` URL to save, so the member's token never appears in a URL.
 */
import type { Board } from '../../../shared/boards';
import { ApiFailure, failureOf } from './http';

/** `/api/productions/:id/boards/:board/export.<format>`, with an optional query (e.g. `{view: 'lines'}`). */
export function exportPath(
  productionId: string,
  board: Board,
  format: string,
  query: Record<string, string> = {},
): string {
  const search = new URLSearchParams(query).toString();
  const path = `/api/productions/${encodeURIComponent(productionId)}/boards/${board}/export.${format}`;
  return search ? `${path}?${search}` : path;
}

/** The file name the server gave (`Content-Disposition: attachment; filename="x.csv"`), else the path's. */
function fileName(response: Response, path: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const quoted = /filename="([^"]+)"/.exec(header)?.[1];
  if (quoted) return quoted;
  return path.split('?')[0]!.split('/').pop() ?? 'export';
}

/** Downloads an export route as the signed-in member; rejects with an ApiFailure whose message says why. */
export async function downloadExport(path: string, token: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
  } catch {
    throw new ApiFailure('unreachable', 'Exports download only while this device reaches the server.', 0);
  }
  if (!response.ok) throw failureOf(response, await response.json().catch(() => null));
  const name = fileName(response, path);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the blob after click() returns; release it once the save has surely started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/** `/api/productions/:id/boards/:board/import.csv`. */
export function importPath(productionId: string, board: Board): string {
  return `/api/productions/${encodeURIComponent(productionId)}/boards/${board}/import.csv`;
}

/** Sends a CSV file to a board's import route; resolves to what it added and updated, or rejects saying why. */
export async function uploadImport(
  path: string,
  token: string,
  file: Blob,
): Promise<{ added: number; updated: number }> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: await file.text(),
    });
  } catch {
    throw new ApiFailure('unreachable', 'Imports work only while this device reaches the server.', 0);
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) throw failureOf(response, payload);
  return (payload as { imported: { added: number; updated: number } }).imported;
}
