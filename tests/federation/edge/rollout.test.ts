/**
 * Supergraph rollout: a running gateway picks up a new supergraph written to its file, under load,
 * without a restart and without a failed request; a file that is not a supergraph is refused and
 * the previous one served.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from '../../../scripts/compose.ts';
import { closeTestGateways, send, testGateway } from '../../support/edge.ts';
import { SUPERGRAPH_PATH } from '../../support/federation.ts';

const folder = mkdtempSync(join(tmpdir(), 'gzequip-rollout-'));
const supergraphPath = join(folder, 'supergraph.graphql');

const SHOWCASE =
  '{ instruments(first: 20) { edges { node { name owner { name } platform { name latestAssessment { year grade } } } } } }';
const NAME_EN = '{ instruments(first: 1) { edges { node { nameEn } } } }';

/** The supergraph composed with Instrument.nameEn taken out of the instruments subgraph. */
function withoutNameEn(): string {
  const field = '  "Chinese name"\n  name: String!\n  nameEn: String\n  "Six-digit NRII';
  return composeSupergraph({
    instruments: (sdl) => {
      if (!sdl.includes(field)) throw new Error('the instruments SDL no longer has the field this test removes');
      return sdl.replace(field, '  "Chinese name"\n  name: String!\n  "Six-digit NRII');
    },
  });
}

/** Sends the showcase query from `workers` clients one after another until `stop` resolves. */
async function load(url: string, workers: number, stop: Promise<void>) {
  let stopped = false;
  void stop.then(() => {
    stopped = true;
  });
  const outcomes = { answered: 0, failed: [] as string[] };
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (!stopped) {
        const response = await send(url, { query: SHOWCASE });
        const rows = (response.json.data?.instruments as { edges: unknown[] } | undefined)?.edges.length;
        if (response.status === 200 && !response.json.errors && rows === 20) outcomes.answered += 1;
        else outcomes.failed.push(`${response.status} ${response.text.slice(0, 200)}`);
      }
    }),
  );
  return outcomes;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not so after ${timeoutMs} ms`);
    await wait(50);
  }
}

describe('a supergraph rollout', () => {
  afterAll(async () => {
    await closeTestGateways();
    rmSync(folder, { recursive: true, force: true });
  });

  it('is picked up by a running gateway under load, with no request failed, and back again', async () => {
    writeFileSync(supergraphPath, readFileSync(SUPERGRAPH_PATH, 'utf8'));
    const { gateway, logs } = await testGateway({ supergraphPath, supergraphPollMs: 50 });
    const nameEnServed = async () => !(await send(gateway.url, { query: NAME_EN })).json.errors;
    expect(await nameEnServed()).toBe(true);

    // Composed before the load starts: composition holds this process's event loop for a while.
    const changed = withoutNameEn();
    let finish = () => {};
    const running = load(
      gateway.url,
      4,
      new Promise<void>((resolve) => {
        finish = resolve;
      }),
    );
    await wait(300);
    writeFileSync(supergraphPath, changed);
    await until(async () => !(await nameEnServed()));
    const refused = await send(gateway.url, { query: NAME_EN });
    expect(refused.json.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    await wait(300);
    writeFileSync(supergraphPath, readFileSync(SUPERGRAPH_PATH, 'utf8'));
    await until(nameEnServed);
    await wait(300);
    finish();
    const outcomes = await running;

    expect(outcomes.failed).toEqual([]);
    expect(outcomes.answered).toBeGreaterThan(20);
    expect(logs.filter((line) => line.msg === 'supergraph updated')).toHaveLength(2);
  });

  it('refuses a file that is not a supergraph and keeps serving the previous one', async () => {
    writeFileSync(supergraphPath, readFileSync(SUPERGRAPH_PATH, 'utf8'));
    const { gateway, logs } = await testGateway({ supergraphPath, supergraphPollMs: 50 });
    // A copy cut off half-way, as a writer that does not rename into place may leave it for a moment.
    const whole = withoutNameEn();
    writeFileSync(supergraphPath, whole.slice(0, whole.length / 2));
    await until(async () => logs.some((line) => line.msg === 'new supergraph refused; still serving the previous one'));
    const answer = await send(gateway.url, { query: NAME_EN });
    expect(answer.status).toBe(200);
    expect(answer.json.errors).toBeUndefined();

    writeFileSync(supergraphPath, whole);
    await until(async () => !!(await send(gateway.url, { query: NAME_EN })).json.errors);
  });
});
