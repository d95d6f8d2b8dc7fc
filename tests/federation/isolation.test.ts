import { checkCharacter } from '@gzequip/enterprises';
import { afterAll, describe, expect, it } from 'vitest';
import { database, insertable } from '../support/federation.ts';

const INSTRUMENT_ID = 'zz-isolation-instrument';
const ENTERPRISE_ID = 'zz-isolation-enterprise';

describe('subgraphs stay independent on one database engine', () => {
  afterAll(async () => {
    await (await database('enterprises')).table('enterprise').where({ id: ENTERPRISE_ID }).del();
    await (await database('instruments')).table('instrument').where({ id: INSTRUMENT_ID }).del();
  });

  it("a transaction rolled back in one subgraph never takes another subgraph's write with it", async () => {
    const instruments = await database('instruments');
    const enterprises = await database('enterprises');
    const template = insertable(await instruments.table<Record<string, unknown>>('instrument').first());
    const code17 = '91520115ISOLATE01'.replace(/[IOSVZ]/g, '1');

    let concurrentWrite: Promise<unknown> | undefined;
    await expect(
      instruments.transaction(async (tx) => {
        await tx.table('instrument').insert({ ...template, id: INSTRUMENT_ID, asset_number: 'ISOLATION-1' });
        // Issued while the instruments transaction is open: on PGlite, a second session-less
        // handle would run this inside that transaction and lose it on rollback.
        concurrentWrite = enterprises.table('enterprise').insert({
          id: ENTERPRISE_ID,
          credit_code: code17 + checkCharacter(code17),
          name: '隔离测试有限公司',
          type: 'MANUFACTURER',
          region_code: '520100',
          industries: ['AVIATION'],
        });
        await new Promise((resolve) => setTimeout(resolve, 100));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await concurrentWrite;

    expect(await instruments.table('instrument').where({ id: INSTRUMENT_ID }).first()).toBeUndefined();
    expect(await enterprises.table('enterprise').where({ id: ENTERPRISE_ID }).first()).toMatchObject({
      name: '隔离测试有限公司',
    });
  });

  it('keeps each subgraph in its own schema: one cannot see the tables of another by name', async () => {
    await expect((await database('instruments')).table('enterprise').first()).rejects.toThrow(/does not exist/);
  });
});
