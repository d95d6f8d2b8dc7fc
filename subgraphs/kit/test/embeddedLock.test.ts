import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../src/database.ts';

const root = mkdtempSync(join(tmpdir(), 'gzequip-lock-'));
const dataDir = join(root, 'pglite');

describe('the embedded database folder', () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is refused while another live process holds it, and taken over from a dead one', async () => {
    writeFileSync(`${dataDir}.lock`, String(process.ppid));
    await expect(Database.open({ schema: 'instruments', dataDir })).rejects.toThrow(
      `in use by process ${process.ppid}`,
    );

    writeFileSync(`${dataDir}.lock`, '2147483646');
    const first = await Database.open({ schema: 'instruments', dataDir });
    // Subgraphs of one process share the one instance rather than locking each other out.
    const second = await Database.open({ schema: 'enterprises', dataDir });
    expect(await first.raw('select 1 as one')).toEqual([{ one: 1 }]);
    await first.close();
    await second.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
