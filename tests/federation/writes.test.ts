/**
 * The write path, through the gateway: one transaction, the database's constraints named as
 * fields, optimistic concurrency on `version`, a history of every change — and, for every bad
 * input, a clear error with nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  database,
  gatewayQuery,
  instrumentRow,
  removeScratchInstrument,
  scratchInstrument,
  token,
} from '../support/federation.ts';

const ID = 'zz-write-instrument';
const UPDATE = `mutation ($id: ID!, $version: Int!, $input: InstrumentOperationsInput!) {
  updateInstrumentOperations(id: $id, version: $version, input: $input) { id version status feeText serviceUrl updatedAt }
}`;
const READ = `query ($id: ID!) { instrument(id: $id) {
  version feeText status
  history { totalCount edges { node { version changedBy role fields { field from to } } } }
} }`;

interface Updated {
  updateInstrumentOperations: { id: string; version: number; status: string; feeText: string | null } | null;
}

let owner: string;
let ownerToken: string;

function stored() {
  return instrumentRow<{ version: number; fee_text: string | null; status: string }>({ id: ID });
}

async function historyRows() {
  return (await database('instruments')).table('change_history').where({ entity: 'Instrument', record_id: ID });
}

describe('editing an instrument on the write path', () => {
  beforeAll(async () => {
    owner = (await scratchInstrument(ID, { status: 'NORMAL' })).owner_id as string;
    ownerToken = await token({ role: 'ENTERPRISE_USER', enterpriseId: owner, sub: 'owner-user' });
  });

  afterAll(() => removeScratchInstrument(ID));

  it("lets the owner's user change it, bumps the version and keeps who changed what", async () => {
    const result = await gatewayQuery<Updated>(
      UPDATE,
      { id: ID, version: 1, input: { status: 'STANDBY', feeText: '  按机时收费，300元/小时  ' } },
      { bearer: ownerToken },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateInstrumentOperations).toMatchObject({
      id: ID,
      version: 2,
      status: 'STANDBY',
      feeText: '按机时收费，300元/小时',
    });

    const read = await gatewayQuery<{
      instrument: { version: number; history: { totalCount: number; edges: { node: Record<string, unknown> }[] } };
    }>(READ, { id: ID }, { bearer: ownerToken });
    expect(read.data?.instrument.version).toBe(2);
    expect(read.data?.instrument.history.totalCount).toBe(1);
    const change = read.data?.instrument.history.edges[0]?.node;
    expect(change).toMatchObject({ version: 2, changedBy: 'owner-user', role: 'ENTERPRISE_USER' });
    expect(change?.fields).toEqual(
      expect.arrayContaining([
        { field: 'status', from: '"NORMAL"', to: '"STANDBY"' },
        expect.objectContaining({ field: 'feeText', to: '"按机时收费，300元/小时"' }),
      ]),
    );

    // The public sees the instrument, not its history.
    const asPublic = await gatewayQuery<{ instrument: { history: unknown } }>(READ, { id: ID });
    expect(asPublic.data?.instrument.history).toBeNull();
  });

  it('stores nothing and adds no history for an edit that changes nothing', async () => {
    const { version } = await stored();
    const before = (await historyRows()).length;
    const result = await gatewayQuery<Updated>(
      UPDATE,
      { id: ID, version, input: { status: 'STANDBY' } },
      { bearer: ownerToken },
    );
    expect(result.data?.updateInstrumentOperations?.version).toBe(version);
    expect((await historyRows()).length).toBe(before);
  });

  it.each([
    { case: 'a stale version', args: { version: 1, input: { feeText: 'x' } }, code: 'CONFLICT', field: 'version' },
    {
      case: 'text over its limit',
      args: { input: { feeText: '费'.repeat(1001) } },
      code: 'BAD_USER_INPUT',
      field: 'input.feeText',
    },
    {
      case: 'a service URL that is not http(s)',
      args: { input: { serviceUrl: 'ftp://files.example' } },
      code: 'BAD_USER_INPUT',
      field: 'input.serviceUrl',
    },
    { case: 'clearing the status', args: { input: { status: null } }, code: 'BAD_USER_INPUT', field: 'input.status' },
    {
      case: 'a version below 1',
      args: { version: 0, input: { feeText: 'x' } },
      code: 'BAD_USER_INPUT',
      field: 'version',
    },
  ])('refuses $case with $code naming $field, and stores nothing', async ({ args, code, field }) => {
    const before = await stored();
    const historyBefore = (await historyRows()).length;
    const result = await gatewayQuery<Updated>(
      UPDATE,
      { id: ID, version: before.version, ...args },
      { bearer: ownerToken },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code, field });
    expect(result.errors?.[0]?.message).not.toMatch(/insert|update|constraint|violates/i);
    expect(result.data?.updateInstrumentOperations ?? null).toBeNull();
    expect(await stored()).toEqual(before);
    expect((await historyRows()).length).toBe(historyBefore);
  });

  it('refuses other enterprises and the public (FORBIDDEN), and hides unshared instruments (NOT_FOUND)', async () => {
    const { version } = await stored();
    const stranger = await token({ role: 'ENTERPRISE_USER', enterpriseId: 'ent-not-the-owner' });
    for (const bearer of [stranger, undefined]) {
      const result = await gatewayQuery<Updated>(
        UPDATE,
        { id: ID, version, input: { feeText: 'hijacked' } },
        bearer ? { bearer } : {},
      );
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const hidden = await instrumentRow<{ id: string; version: number }>({ sharing_mode: 'NOT_SHARED' });
    const result = await gatewayQuery<Updated>(
      UPDATE,
      { id: hidden.id, version: hidden.version, input: { feeText: 'x' } },
      { bearer: stranger },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await stored()).fee_text).not.toBe('hijacked');
  });

  it('lets exactly one of two concurrent edits of the same version win; the other gets CONFLICT', async () => {
    const { version } = await stored();
    const admin = await token({ role: 'ADMIN', sub: 'admin-user' });
    const results = await Promise.all(
      ['第一位编辑', '第二位编辑'].map((feeText, i) =>
        gatewayQuery<Updated>(UPDATE, { id: ID, version, input: { feeText } }, { bearer: i ? admin : ownerToken }),
      ),
    );
    const won = results.filter((result) => result.data?.updateInstrumentOperations);
    const lost = results.filter((result) => result.errors?.[0]?.extensions?.code === 'CONFLICT');
    expect([won.length, lost.length]).toEqual([1, 1]);
    const row = await stored();
    expect(row.version).toBe(version + 1);
    expect(row.fee_text).toBe(won[0]?.data?.updateInstrumentOperations?.feeText);
    expect((await historyRows()).filter((h) => h.version === version + 1)).toHaveLength(1);
  });
});
