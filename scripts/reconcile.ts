/**
 * `pnpm reconcile [--url URL] [--token T]`: asks the running graph for the settlement ledger's
 * reconciliation — its trial balance and every order whose payments and ledger disagree — and
 * prints it. Exit code 1 when anything disagrees, so a scheduler can alert on it. Without a token
 * it mints a development administrator's (the `pnpm start` of this checkout).
 */
import { Role } from '@gzequip/kit';
import { parseCommandLine, pnpmCommand, stop } from './lib/cli.ts';
import { mintDevToken } from './lib/devToken.ts';

const HELP = `Usage: ${pnpmCommand()} reconcile [--url URL] [--token T]

Prints the settlement ledger's trial balance and every order whose payments and ledger disagree.
Exits 1 when anything disagrees.

Options:
  --url URL    the gateway (default: http://127.0.0.1:$PORT/graphql, PORT 4000)
  --token T    an administrator's bearer token (default: $GZEQUIP_TOKEN, else a development one)
`;

const { values } = parseCommandLine(HELP, { url: { type: 'string' }, token: { type: 'string' } });
const url = values.url ?? `http://127.0.0.1:${process.env.PORT || 4000}/graphql`;
const token =
  values.token ?? process.env.GZEQUIP_TOKEN ?? (await mintDevToken({ role: Role.ADMIN, sub: 'reconcile' }, '5m'));

interface Report {
  ledgerTotalFen: number;
  byAccountKind: { kind: string; balanceFen: number }[];
  unbalancedTransactions: string[];
  negativeVouchers: { voucherId: string; balanceFen: number }[];
  discrepancies: { orderId: string; problem: string }[];
}

let answer: { data?: { reconciliation: Report | null }; errors?: { message: string }[] };
try {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: `{ reconciliation { ledgerTotalFen byAccountKind { kind balanceFen } unbalancedTransactions
        negativeVouchers { voucherId balanceFen } discrepancies { orderId problem } } }`,
    }),
  });
  answer = (await response.json()) as typeof answer;
} catch (error) {
  stop(`Cannot reach the graph at ${url} (${(error as Error).message}): is ${pnpmCommand()} start running?`);
}
const report = answer.data?.reconciliation;
if (!report) stop(`The graph refused: ${answer.errors?.map((e) => e.message).join('; ') ?? 'no answer'}`);

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en', { minimumFractionDigits: 2 })}`;
console.log(`Ledger total: ${yuan(report.ledgerTotalFen)} (zero when every transaction balances)`);
for (const { kind, balanceFen } of report.byAccountKind) console.log(`  ${kind.padEnd(14)} ${yuan(balanceFen)}`);
const problems = [
  ...report.unbalancedTransactions.map((id) => `transaction ${id} does not balance`),
  ...report.negativeVouchers.map(
    ({ voucherId, balanceFen }) => `voucher ${voucherId} is below zero: ${yuan(balanceFen)}`,
  ),
  ...report.discrepancies.map(({ orderId, problem }) => `order ${orderId}: ${problem}`),
];
if (report.ledgerTotalFen !== 0) problems.unshift(`the ledger sums to ${yuan(report.ledgerTotalFen)}, not zero`);
if (problems.length === 0) {
  console.log('Reconciled: every order agrees with its payments and the ledger.');
} else {
  for (const problem of problems) console.log(`DISAGREES: ${problem}`);
  process.exitCode = 1;
}
