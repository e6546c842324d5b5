import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteDirectory } from '../../server/directory/sqlite-directory';
import { registerDirectoryContract } from './contract';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'setboard-directory-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

registerDirectoryContract('SQLite', async (options) => new SqliteDirectory({ ...options, dataDir: dir }));

describe('SqliteDirectory', () => {
  it('writes no token or invite code to disk, only their hashes', async () => {
    const file = path.join(dir, 'secrets', 'directory.sqlite');
    const directory = new SqliteDirectory({ file });
    const { production, token } = await directory.createProduction({ name: 'Docs', ownerName: 'Pat' });
    const { code } = await directory.createInvite(production.id, 'crew');
    await directory.close();
    const onDisk = Buffer.concat(
      fs.readdirSync(path.dirname(file)).map((name) => fs.readFileSync(path.join(path.dirname(file), name))),
    ).toString('latin1');
    expect(onDisk).toContain(production.id);
    expect(onDisk).not.toContain(token);
    expect(onDisk).not.toContain(code);
  });
});
