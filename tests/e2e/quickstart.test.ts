/**
 * The README's first command, for real: `pnpm start` in a child process on the embedded
 * default (no database URL, nothing but Node), queried over HTTP through the gateway; then
 * started again on the same data, as a user's second day would.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, subgraphs } from '../../scripts/lib/devEnvironment.ts';
import { bareEnvironment, type FederationProcess, startFederation } from '../../scripts/lib/federationProcess.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'gzequip-e2e-'));
const ISSUE_QUERY =
  '{ instruments(first: 50) { edges { node { name owner { name creditCode } platform { name latestAssessment { year grade } } } } } }';

/** The pid of the process in `pnpm start`'s group whose command line mentions `script`. */
function processOf(group: number, script: string): number {
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state, , processGroup] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(processGroup) !== group || state === 'Z') continue;
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(script)) return Number(pid);
    } catch {
      // it ended meanwhile
    }
  }
  throw new Error(`no process running ${script}`);
}

async function query<T>(url: string, text: string, bearer?: string): Promise<{ data: T; errors?: unknown[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query: text }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { data: T; errors?: unknown[] };
}

/** `pnpm dev-token` signs with the secret `pnpm start` generated into the data folder. */
function adminToken(env: NodeJS.ProcessEnv): string {
  return execFileSync('pnpm', ['--silent', 'dev-token', '--role', 'ADMIN'], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
  }).trim();
}

type IssueResult = {
  instruments: {
    edges: {
      node: {
        name: string;
        owner: { name: string; creditCode: string };
        platform: { name: string; latestAssessment: { year: number; grade: string } | null } | null;
      };
    }[];
  };
};

describe('pnpm start on a machine with only Node', () => {
  const running: FederationProcess[] = [];
  afterAll(async () => {
    for (const started of running) await started.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('brings up every subgraph and the gateway, and answers the issue query from four databases', async () => {
    const started = await startFederation(await bareEnvironment(dataDir));
    running.push(started);

    const result = await query<IssueResult>(started.gatewayUrl, ISSUE_QUERY);
    expect(result.errors).toBeUndefined();
    const rows = result.data.instruments.edges.map((edge) => edge.node);
    expect(rows).toHaveLength(50);
    for (const row of rows) {
      expect(row.name).toMatch(/\p{Script=Han}/u);
      expect(row.owner.name).toMatch(/\p{Script=Han}/u);
      expect(row.owner.creditCode).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
    }
    expect(rows.filter((row) => row.platform?.latestAssessment?.grade).length).toBeGreaterThan(25);

    expect(await (await fetch(started.gatewayUrl.replace(/graphql$/, 'health'))).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(started.gatewayUrl.replace(/graphql$/, 'ready'))).json()).toEqual({
      status: 'ready',
      subgraphs: Object.fromEntries(subgraphs.map(({ name }) => [name, 'ok'])),
    });

    // The fifth source, planning, runs beside the others and joins the graph through the gateway.
    const planning = await query<{ zone: unknown }>(
      started.gatewayUrl,
      '{ zone(id: "zone-02") { region { name } quota(metal: CADMIUM) { remaining } } }',
    );
    expect(planning).toEqual({ data: { zone: { region: { name: '遵义市' }, quota: { remaining: 1 } } } });

    // An administrator sees the instruments their owners do not share; the public does not.
    const admin = adminToken(started.env);
    const total = '{ instruments { totalCount } }';
    const asPublic = await query<{ instruments: { totalCount: number } }>(started.gatewayUrl, total);
    const asAdmin = await query<{ instruments: { totalCount: number } }>(started.gatewayUrl, total, admin);
    expect(asAdmin.data.instruments.totalCount).toBeGreaterThan(asPublic.data.instruments.totalCount);

    // `pnpm integrity` against this start: the quality subgraph reads every source through the
    // gateway with the service token pnpm start minted, and every demo reference resolves.
    const { stdout: integrity } = await promisify(execFile)(
      'pnpm',
      ['--silent', 'integrity', '--url', started.gatewayUrl],
      { cwd: repoRoot, env: started.env, encoding: 'utf8' },
    );
    expect(integrity).toMatch(/instruments\s+Instrument\s+132\s/);
    expect(integrity).toContain('Every reference resolves.');
  });

  it('keeps answering while a 700-byte attack is refused, and outlives the gateway process dying', async () => {
    const started = running.at(-1) as FederationProcess;
    const url = started.gatewayUrl;
    let cycle = 'name';
    for (let i = 19; i >= 0; i--) cycle = i % 2 === 0 ? `platform { ${cycle} }` : `assessments { ${cycle} }`;
    const attack = JSON.stringify({ query: `{ assessments(first: 50) { edges { node { ${cycle} } } } }` });
    const post = (body: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    let attacking = true;
    const attacker = (async () => {
      let refused = 0;
      while (attacking) {
        const response = await post(attack);
        expect(response.status).toBe(400);
        await response.body?.cancel();
        refused += 1;
      }
      return refused;
    })();
    for (let i = 0; i < 3; i++) {
      const began = performance.now();
      const result = await query<IssueResult>(url, ISSUE_QUERY);
      expect(performance.now() - began).toBeLessThan(1_000);
      expect(result.data.instruments.edges).toHaveLength(50);
    }
    attacking = false;
    expect(await attacker).toBeGreaterThan(0);

    // The gateway runs in its own process: if it dies, it is started again, and the subgraphs
    // (with the embedded database) never notice.
    const gatewayPid = processOf(started.child.pid as number, 'gateway/src/main.ts');
    const hostPid = processOf(started.child.pid as number, 'scripts/start.ts');
    expect(gatewayPid).not.toBe(hostPid);
    process.kill(gatewayPid, 'SIGKILL');
    const deadline = Date.now() + 30_000;
    let answered: IssueResult | undefined;
    while (!answered && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      answered = await query<IssueResult>(url, ISSUE_QUERY)
        .then((result) => result.data)
        .catch(() => undefined);
    }
    expect(answered?.instruments.edges).toHaveLength(50);
    expect(processOf(started.child.pid as number, 'scripts/start.ts')).toBe(hostPid);
    expect(processOf(started.child.pid as number, 'gateway/src/main.ts')).not.toBe(gatewayPid);
  });

  it('starts again on the data it kept, without seeding twice', async () => {
    const first = running.pop() as FederationProcess;
    await first.stop();
    // A graceful stop closed the embedded database and released its folder.
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);
    const again = await startFederation(first.env);
    running.push(again);
    const admin = adminToken(again.env);
    const result = await query<{ instruments: { totalCount: number } }>(
      again.gatewayUrl,
      '{ instruments { totalCount } }',
      admin,
    );
    expect(result.data.instruments.totalCount).toBe(132);
  });
});
