/**
 * Content-addressed image files under `<dataDir>/blobs/<productionId>/<sha256>`.
 * Files are keyed per production so a hash learned from one production never opens a file of another, and
 * written as temp file + rename so a crash mid-write never leaves a truncated image under a real name.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

export interface StoredBlob {
  id: string;
  contentType: ImageType;
  bytes: number;
}

export interface BlobStore {
  /** Stores the bytes (a no-op when the same content is already there) and returns its id. */
  put(productionId: string, data: Buffer): Promise<StoredBlob>;
  /** The file path and type of a stored blob, or null when the production holds no such blob. */
  locate(productionId: string, id: string): Promise<(StoredBlob & { path: string }) | null>;
}

const ID_PATTERN = /^[0-9a-f]{64}$/;
// Production ids come from the directory, but they also become folder names: refuse anything path-like.
const PRODUCTION_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** The image type from the file's first bytes, or null when it is not PNG, JPEG, WebP or GIF. */
export function sniffImageType(data: Uint8Array): ImageType | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => data[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x47, 0x49, 0x46, 0x38]) && (data[4] === 0x37 || data[4] === 0x39) && data[5] === 0x61) {
    return 'image/gif';
  }
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

export function createBlobStore(options: { dataDir: string }): BlobStore {
  const root = path.join(options.dataDir, 'blobs');

  function folderOf(productionId: string): string {
    if (!PRODUCTION_PATTERN.test(productionId)) {
      throw new Error(`Refusing production id ${JSON.stringify(productionId)} as a blob folder name`);
    }
    return path.join(root, productionId);
  }

  return {
    async put(productionId, data) {
      const contentType = sniffImageType(data);
      if (!contentType) throw new Error('Blob store accepts PNG, JPEG, WebP or GIF images only');
      const id = createHash('sha256').update(data).digest('hex');
      const folder = folderOf(productionId);
      const target = path.join(folder, id);
      const existing = await stat(target).catch(() => null);
      if (existing?.size === data.length) return { id, contentType, bytes: data.length };
      await mkdir(folder, { recursive: true });
      const temp = path.join(folder, `.${id}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        const handle = await open(temp, 'wx');
        try {
          await handle.writeFile(data);
          // The rename is only atomic for a reader if the bytes reached the disk before the name did.
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return { id, contentType, bytes: data.length };
    },

    async locate(productionId, id) {
      if (!ID_PATTERN.test(id) || !PRODUCTION_PATTERN.test(productionId)) return null;
      const file = path.join(folderOf(productionId), id);
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) return null;
      const head = Buffer.alloc(12);
      const handle = await open(file, 'r');
      try {
        await handle.read(head, 0, 12, 0);
      } finally {
        await handle.close();
      }
      const contentType = sniffImageType(head);
      if (!contentType) return null;
      return { id, contentType, bytes: info.size, path: file };
    },
  };
}
