/**
 * `pnpm pay:simulate --payment ID --amount FEN [--fail] [--times N] [--url URL]`: the SIMULATED
 * payment provider, for trying the payment flow by hand against `pnpm start`: it sends the signed
 * callback a real provider would (with this checkout's development PAYMENT_CALLBACK_SECRET) to the
 * platforms subgraph, N times if asked (a provider retrying), and prints each answer.
 */
import { SimulatedPaymentProvider } from '../subgraphs/platforms/src/payments/simulator.ts';
import { parseCommandLine, pnpmCommand, stop } from './lib/cli.ts';
import { devSecrets } from './lib/devEnvironment.ts';

const HELP = `Usage: ${pnpmCommand()} pay:simulate --payment ID --amount FEN [--fail] [--times N] [--url URL]

A simulated payment provider: confirms (or, with --fail, refuses) a payment by the signed callback
a real provider sends. The amount is the payment's cashFen.

Options:
  --payment ID   the payment (payOrder answers its id)
  --amount FEN   what the SME paid, in fen (the payment's cashFen)
  --fail         the provider refused the payment
  --times N      deliver the same event N times, as a provider retrying (default 1)
  --url URL      the platforms subgraph (default: http://127.0.0.1:$PLATFORMS_PORT, port 4003)
`;

const { values } = parseCommandLine(HELP, {
  payment: { type: 'string' },
  amount: { type: 'string' },
  fail: { type: 'boolean', default: false },
  times: { type: 'string', default: '1' },
  url: { type: 'string' },
});
if (!values.payment || !values.amount) stop(`--payment and --amount are required. Run with --help.`, 2);
const amountFen = Number(values.amount);
const times = Number(values.times);
if (!Number.isSafeInteger(amountFen) || amountFen < 0) stop(`--amount takes whole fen, not ${values.amount}`, 2);
if (!Number.isInteger(times) || times < 1 || times > 100) stop(`--times takes 1 to 100, not ${values.times}`, 2);

const url = values.url ?? `http://127.0.0.1:${process.env.PLATFORMS_PORT || 4003}`;
const provider = new SimulatedPaymentProvider(
  url,
  process.env.PAYMENT_CALLBACK_SECRET || devSecrets().PAYMENT_CALLBACK_SECRET,
);
const eventId = `evt-sim-${Date.now()}`;
for (let i = 0; i < times; i++) {
  try {
    const answer = await provider.deliver({
      eventId,
      paymentId: values.payment,
      amountFen,
      outcome: values.fail ? 'FAILED' : 'SUCCEEDED',
    });
    console.log(`delivery ${i + 1}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  } catch (error) {
    stop(
      `Cannot reach the platforms subgraph at ${url} (${(error as Error).message}): is ${pnpmCommand()} start running?`,
    );
  }
}
