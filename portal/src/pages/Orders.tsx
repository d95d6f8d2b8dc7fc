import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { ErrorNotice, FailureNotice, SignInFirst } from '../components/Layout.tsx';
import { yuan } from '../format.ts';
import { request } from '../graph.ts';
import type { OrderStatus, OrdersQuery } from '../graphql/graphql.ts';
import { graphql } from '../graphql/index.ts';
import { useT } from '../i18n.ts';
import { session } from '../session.ts';
import { useAction, useQuery } from '../useGraph.ts';

const Orders = graphql(`
  query Orders($mine: Boolean!) {
    orders(first: 50) {
      totalCount
      edges {
        node {
          id
          version
          status
          amountFen
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
            id
            status
            voucherFen
            cashFen
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

const MoveOrder = graphql(`
  mutation MoveOrder($id: ID!, $version: Int!, $to: OrderStatus!) {
    moveOrder(orderId: $id, version: $version, to: $to) {
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

type Order = NonNullable<OrdersQuery['orders']>['edges'][number]['node'];
type Voucher = NonNullable<OrdersQuery['vouchers']>['edges'][number]['node'];

/** The moves each side makes from each state (the platforms source's table decides). */
const MOVES: Record<string, Partial<Record<OrderStatus, OrderStatus[]>>> = {
  PLATFORM_OPERATOR: { PLACED: ['IN_PROGRESS'], IN_PROGRESS: ['DELIVERED'] },
  ENTERPRISE_USER: { DELIVERED: ['ACCEPTED'] },
};

function OrderActions({ order, vouchers, done }: { order: Order; vouchers: Voucher[]; done: () => void }) {
  const t = useT();
  const role = session.value?.claims.role ?? '';
  const [voucherId, setVoucherId] = useState(vouchers.find((v) => v.balanceFen > 0)?.id ?? '');
  // One key per payment shown: a payment sent twice (a double click, a retry) is made once.
  const [key] = useState(() => crypto.randomUUID());
  const { failure, run: act } = useAction(done);
  const moves = MOVES[role]?.[order.status] ?? [];
  const payable = role === 'ENTERPRISE_USER' && order.status === 'ACCEPTED' && order.payments.length === 0;
  return (
    <div class="decisions">
      {moves.map((to) => (
        <button
          type="button"
          key={to}
          onClick={() => act(() => request(MoveOrder, { id: order.id, version: order.version, to }))}
        >
          {t.orderMoves[to] ?? to}
        </button>
      ))}
      {payable && (
        <form
          class="pay-form"
          onSubmit={(event) => {
            event.preventDefault();
            act(() => request(PayOrder, { id: order.id, key, voucherId: voucherId || null }));
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
  const { data, error, loading, reload } = useQuery(Orders, { mine }, !session.value);
  if (!session.value) return <SignInFirst />;
  const orders = data?.orders;
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
        {orders?.edges.map(({ node }) => (
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
                <span class="status">{t.orderStatuses[node.status] ?? node.status}</span>
              </dd>
              <dt>{t.amount}</dt>
              <dd>¥{yuan(node.amountFen)}</dd>
              {node.payments.map((payment) => (
                <Fragment key={payment.id}>
                  <dt>{t.payment}</dt>
                  <dd class="payment">
                    {t.paymentLine(yuan(payment.voucherFen), yuan(payment.cashFen))} ·{' '}
                    {t.paymentStatuses[payment.status] ?? payment.status}
                  </dd>
                </Fragment>
              ))}
            </dl>
            <OrderActions order={node} vouchers={vouchers} done={reload} />
          </li>
        ))}
      </ul>
    </section>
  );
}
