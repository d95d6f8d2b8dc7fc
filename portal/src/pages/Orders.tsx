import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice, FailureNotice, SignInFirst } from '../components/Layout.tsx';
import { dateTime, yuan } from '../format.ts';
import { request } from '../graph.ts';
import type { OrderStatus, OrdersQuery, PaymentCardFragment } from '../graphql/graphql.ts';
import { graphql } from '../graphql/index.ts';
import { useLocale, useT } from '../i18n.ts';
import { session } from '../session.ts';
import { useAction, usePages, useQuery } from '../useGraph.ts';

graphql(`
  fragment PaymentCard on Payment {
    id
    status
    voucherFen
    cashFen
    createdAt
    succeededAt
    redemption {
      id
      version
      status
      amountFen
      decisionReason
    }
  }
`);

/** Orders a page shows at once; more on request. */
const PAGE = 20;

const Orders = graphql(`
  query Orders($mine: Boolean!, $first: Int, $after: String) {
    orders(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          version
          status
          amountFen
          disputeReason
          resolution
          platform {
            name
          }
          enterprise {
            name
          }
          quote {
            description
          }
          payments {
            ...PaymentCard
          }
        }
      }
    }
    vouchers(filter: { status: GRANTED }, first: 20) @include(if: $mine) {
      edges {
        node {
          id
          schemeYear
          balanceFen
        }
      }
    }
  }
`);

/** A waiting payment's order, read again until the provider's verdict is in. */
const OrderPayments = graphql(`
  query OrderPayments($id: ID!) {
    order(id: $id) {
      id
      status
      payments {
        id
        status
      }
    }
  }
`);

const MoveOrder = graphql(`
  mutation MoveOrder($id: ID!, $version: Int!, $to: OrderStatus!, $reason: String) {
    moveOrder(orderId: $id, version: $version, to: $to, reason: $reason) {
      id
    }
  }
`);

const PayOrder = graphql(`
  mutation PayOrder($id: ID!, $key: String!, $voucherId: ID) {
    payOrder(orderId: $id, idempotencyKey: $key, voucherId: $voucherId) {
      id
      status
    }
  }
`);

const ClaimRedemption = graphql(`
  mutation ClaimRedemption($paymentId: ID!) {
    claimRedemption(paymentId: $paymentId) {
      id
      status
    }
  }
`);

type Order = NonNullable<OrdersQuery['orders']>['edges'][number]['node'];
type Voucher = NonNullable<OrdersQuery['vouchers']>['edges'][number]['node'];

/** The moves each side makes from each state (the platforms source's table decides). */
const MOVES: Record<string, Partial<Record<OrderStatus, OrderStatus[]>>> = {
  PLATFORM_OPERATOR: { PLACED: ['IN_PROGRESS'], IN_PROGRESS: ['DELIVERED'] },
  ENTERPRISE_USER: { DELIVERED: ['ACCEPTED'] },
};

/** The enterprise disputes work under way or delivered, saying what is wrong. */
const DISPUTABLE: OrderStatus[] = ['IN_PROGRESS', 'DELIVERED'];
/** What an administrator may make of a disputed order, with what was decided. */
const RESOLUTIONS: OrderStatus[] = ['IN_PROGRESS', 'ACCEPTED', 'CANCELLED'];

/** How often a payment waiting for the provider is read again. */
const PAYMENT_POLL_MS = 5_000;

/** One payment of an order, as `<dt>`/`<dd>` pairs: its parts, its state, and the voucher's redemption. */
export function PaymentSummary({ payment }: { payment: PaymentCardFragment }) {
  const t = useT();
  const { locale } = useLocale();
  const redemption = payment.redemption;
  return (
    <>
      <dt>{t.payment}</dt>
      <dd class="payment" data-payment={payment.id}>
        {t.paymentLine(yuan(payment.voucherFen + payment.cashFen), yuan(payment.voucherFen), yuan(payment.cashFen))} ·{' '}
        <span class={`payment-status payment-${payment.status.toLowerCase()}`}>
          {t.paymentStatuses[payment.status] ?? payment.status}
        </span>
        {payment.status === 'SUCCEEDED' && payment.succeededAt && (
          <span class="meta"> {t.paidAt(dateTime(payment.succeededAt, locale))}</span>
        )}
        {payment.status === 'PENDING' && (
          <div class="notice payment-waiting">
            <p>{t.cashAwaiting(yuan(payment.cashFen))}</p>
            {payment.voucherFen > 0 && <p>{t.voucherTaken(yuan(payment.voucherFen))}</p>}
            <p>
              {t.paymentReference}
              <code class="reference">{payment.id}</code> {t.paymentReferenceNote}
            </p>
          </div>
        )}
        {payment.status === 'FAILED' && <p class="notice error">{t.paymentFailed}</p>}
      </dd>
      {payment.voucherFen > 0 && payment.status === 'SUCCEEDED' && (
        <>
          <dt>{t.redemption}</dt>
          <dd class="redemption">
            {redemption ? (
              <>
                <span class={`redemption-status redemption-${redemption.status.toLowerCase()}`}>
                  {t.redemptionLine(yuan(redemption.amountFen), t.redemptionStatuses[redemption.status] ?? '')}
                </span>
                {redemption.decisionReason ? ` (${redemption.decisionReason})` : ''}
              </>
            ) : (
              t.notClaimed
            )}
          </dd>
        </>
      )}
    </>
  );
}

/**
 * An order whose payment waits for the provider: its payments read again every few seconds (and
 * on request) until the provider's verdict is in, and then the list with them.
 */
function PaymentWatch({ orderId, done }: { orderId: string; done: () => void }) {
  const t = useT();
  const [ticks, setTicks] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTicks((n) => n + 1), PAYMENT_POLL_MS);
    return () => clearInterval(timer);
  }, []);
  // The list was read just now: the first read is one interval later.
  const { data, reload } = useQuery(OrderPayments, { id: orderId }, ticks === 0);
  useEffect(() => {
    if (ticks > 1) reload();
  }, [ticks, reload]);
  const decided = data?.order ? data.order.payments.every((payment) => payment.status !== 'PENDING') : false;
  useEffect(() => {
    if (decided) done();
  }, [decided, done]);
  return (
    <p class="meta payment-watch">
      {t.paymentWatching}{' '}
      <button type="button" class="link" onClick={done}>
        {t.checkPayment}
      </button>
    </p>
  );
}

function OrderActions({ order, vouchers, done }: { order: Order; vouchers: Voucher[]; done: () => void }) {
  const t = useT();
  const role = session.value?.claims.role ?? '';
  const [voucherId, setVoucherId] = useState(vouchers.find((v) => v.balanceFen > 0)?.id ?? '');
  const [dispute, setDispute] = useState('');
  const [resolution, setResolution] = useState({ to: 'ACCEPTED' as OrderStatus, reason: '' });
  // One key per payment attempt shown: a payment sent twice (a double click, a retry) is made
  // once; after one the provider refused, the next attempt is a new payment with a new key.
  const [key] = useState(() => crypto.randomUUID());
  const { failure, run: act } = useAction(done);
  const moves = MOVES[role]?.[order.status] ?? [];
  const move = (to: OrderStatus, reason?: string) =>
    act(() => request(MoveOrder, { id: order.id, version: order.version, to, reason: reason ?? null }));
  const payable =
    role === 'ENTERPRISE_USER' &&
    order.status === 'ACCEPTED' &&
    order.payments.every((payment) => payment.status === 'FAILED');
  const disputable = role === 'ENTERPRISE_USER' && DISPUTABLE.includes(order.status);
  const resolvable = role === 'ADMIN' && order.status === 'DISPUTED';
  const claimable =
    role === 'PLATFORM_OPERATOR'
      ? order.payments.filter((p) => p.status === 'SUCCEEDED' && p.voucherFen > 0 && !p.redemption)
      : [];
  return (
    <div class="decisions">
      {moves.map((to) => (
        <button type="button" key={to} onClick={() => move(to)}>
          {t.orderMoves[to] ?? to}
        </button>
      ))}
      {claimable.map((payment) => (
        <button
          type="button"
          key={payment.id}
          onClick={() => act(() => request(ClaimRedemption, { paymentId: payment.id }))}
        >
          {t.claimRedemption(yuan(payment.voucherFen))}
        </button>
      ))}
      {disputable && (
        <form
          class="dispute-form"
          onSubmit={(event) => {
            event.preventDefault();
            move('DISPUTED', dispute);
          }}
        >
          <label>
            {t.disputeReason}
            <textarea required maxLength={500} value={dispute} onInput={(e) => setDispute(e.currentTarget.value)} />
          </label>
          <button type="submit" class="secondary">
            {t.disputeSend}
          </button>
        </form>
      )}
      {resolvable && (
        <form
          class="resolve-form"
          onSubmit={(event) => {
            event.preventDefault();
            move(resolution.to, resolution.reason);
          }}
        >
          <label>
            {t.resolveAs}
            <select
              value={resolution.to}
              onChange={(e) => setResolution({ ...resolution, to: e.currentTarget.value as OrderStatus })}
            >
              {RESOLUTIONS.map((to) => (
                <option key={to} value={to}>
                  {t.resolutions[to] ?? to}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.resolution}
            <textarea
              required
              maxLength={500}
              value={resolution.reason}
              onInput={(e) => setResolution({ ...resolution, reason: e.currentTarget.value })}
            />
          </label>
          <button type="submit">{t.resolveSend}</button>
        </form>
      )}
      {payable && (
        <form
          class="pay-form"
          onSubmit={(event) => {
            event.preventDefault();
            act(() =>
              request(PayOrder, { id: order.id, key: `${key}:${order.payments.length}`, voucherId: voucherId || null }),
            );
          }}
        >
          <label>
            {t.payWith}
            <select value={voucherId} onChange={(e) => setVoucherId(e.currentTarget.value)}>
              <option value="">{t.noVoucher}</option>
              {vouchers.map((voucher) => (
                <option key={voucher.id} value={voucher.id}>
                  {t.voucherOption(voucher.schemeYear, yuan(voucher.balanceFen))}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t.pay}</button>
        </form>
      )}
      <FailureNotice failure={failure} />
    </div>
  );
}

export function OrdersPage() {
  const t = useT();
  const mine = session.value?.claims.role === 'ENTERPRISE_USER';
  const { data, error, loading, reload } = useQuery(Orders, { mine, first: PAGE }, !session.value);
  const orders = data?.orders;
  // The pages after the first leave the vouchers out: the first page's are the ones used.
  const { edges, hasNext, loadMore } = usePages(
    orders,
    async (after) => (await request(Orders, { mine: false, first: PAGE, after })).orders,
  );
  const { failure, run } = useAction();
  if (!session.value) return <SignInFirst />;
  const vouchers = data?.vouchers?.edges.map(({ node }) => node) ?? [];
  return (
    <section>
      <h1>{t.ordersTitle}</h1>
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      <p aria-live="polite" class="count">
        {loading ? t.loading : ''}
      </p>
      {orders && orders.totalCount === 0 && <p>{t.none}</p>}
      <ul class="results">
        {edges.map(({ node }) => (
          <li key={node.id} class="card order" data-order={node.id}>
            <h2>{node.quote.description}</h2>
            <dl>
              <dt>{t.platform}</dt>
              <dd>{node.platform.name}</dd>
              {node.enterprise && (
                <>
                  <dt>{t.requester}</dt>
                  <dd>{node.enterprise.name}</dd>
                </>
              )}
              <dt>{t.status}</dt>
              <dd>
                <span class={`status status-${node.status.toLowerCase()}`}>
                  {t.orderStatuses[node.status] ?? node.status}
                </span>
                {node.status === 'DISPUTED' && <span class="meta"> · {t.disputeAwaiting}</span>}
              </dd>
              <dt>{t.amount}</dt>
              <dd>¥{yuan(node.amountFen)}</dd>
              {node.disputeReason && (
                <>
                  <dt>{t.disputeReason}</dt>
                  <dd class="dispute-reason">{node.disputeReason}</dd>
                </>
              )}
              {node.resolution && (
                <>
                  <dt>{t.resolution}</dt>
                  <dd class="resolution">{node.resolution}</dd>
                </>
              )}
              {node.payments.map((payment) => (
                <PaymentSummary key={payment.id} payment={payment} />
              ))}
            </dl>
            {node.payments.some((payment) => payment.status === 'PENDING') && (
              <PaymentWatch orderId={node.id} done={reload} />
            )}
            <OrderActions order={node} vouchers={vouchers} done={reload} />
          </li>
        ))}
      </ul>
      {hasNext && (
        <button type="button" onClick={() => run(loadMore)}>
          {t.loadMore}
        </button>
      )}
      <FailureNotice failure={failure} />
    </section>
  );
}
