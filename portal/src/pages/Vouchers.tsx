import { useState } from 'preact/hooks';
import { ChoiceFilter, ErrorNotice, FailureNotice, SignInFirst } from '../components/Layout.tsx';
import { dateTime, yuan } from '../format.ts';
import { request } from '../graph.ts';
import type { PlatformKind, RedemptionStatus, VoucherCardFragment } from '../graphql/graphql.ts';
import { graphql } from '../graphql/index.ts';
import { useLocale, useT } from '../i18n.ts';
import { session } from '../session.ts';
import { useAction, usePages, useQuery } from '../useGraph.ts';
import { PaymentSummary } from './Orders.tsx';
import { KINDS } from './Platforms.tsx';

graphql(`
  fragment VoucherCard on Voucher {
    id
    version
    schemeYear
    status
    requestedFen
    grantedFen
    balanceFen
    decisionReason
    enterprise {
      name
    }
  }
`);

const Vouchers = graphql(`
  query Vouchers($filter: VoucherFilter) {
    vouchers(filter: $filter, first: 100) {
      totalCount
      edges {
        node {
          ...VoucherCard
        }
      }
    }
    voucherSchemes {
      year
      coveredSharePercent
      perOrderCapFen
      yearlyCapFen
      smallOrderFen
      qualifyingKinds
      open
      vouchersGranted
    }
  }
`);

const ApplyForVoucher = graphql(`
  mutation ApplyForVoucher($year: Int!, $requestedFen: Fen!) {
    applyForVoucher(year: $year, requestedFen: $requestedFen) {
      id
    }
  }
`);

const DecideVoucher = graphql(`
  mutation DecideVoucher($id: ID!, $version: Int!, $key: String!, $grantedFen: Fen, $reason: String) {
    decideVoucher(voucherId: $id, version: $version, idempotencyKey: $key, grantedFen: $grantedFen, reason: $reason) {
      id
    }
  }
`);

const OpenVoucherScheme = graphql(`
  mutation OpenVoucherScheme($input: VoucherSchemeInput!) {
    openVoucherScheme(input: $input) {
      year
    }
  }
`);

/**
 * The platforms' claims on what vouchers paid, for the department: newest claim first, a page at a
 * time, each with the payment it claims from and the order that payment settled.
 */
const RedemptionClaims = graphql(`
  query RedemptionClaims($filter: RedemptionFilter, $first: Int, $after: String) {
    redemptions(filter: $filter, first: $first, after: $after) {
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
          claimedAt
          payment {
            ...PaymentCard
            order {
              id
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
            }
          }
        }
      }
    }
  }
`);

const DecideRedemption = graphql(`
  mutation DecideRedemption($id: ID!, $version: Int!, $approve: Boolean!, $key: String!, $reason: String) {
    decideRedemption(redemptionId: $id, version: $version, approve: $approve, idempotencyKey: $key, reason: $reason) {
      id
      status
    }
  }
`);

/** Claims a page shows at once; more on request. */
const PAGE = 20;

const CLAIM_STATUSES: RedemptionStatus[] = ['CLAIMED', 'APPROVED', 'REJECTED'];

/** Yuan typed by a person, as whole fen. */
const fen = (yuanText: string) => Math.round(Number(yuanText) * 100);

function VoucherSummary({ voucher }: { voucher: VoucherCardFragment }) {
  const t = useT();
  return (
    <dl>
      <dt>{t.schemeYear}</dt>
      <dd>{voucher.schemeYear}</dd>
      {voucher.enterprise && (
        <>
          <dt>{t.requester}</dt>
          <dd>{voucher.enterprise.name}</dd>
        </>
      )}
      <dt>{t.status}</dt>
      <dd>
        <span class="status">{t.voucherStatuses[voucher.status]}</span>
      </dd>
      <dt>{t.requested}</dt>
      <dd>¥{yuan(voucher.requestedFen)}</dd>
      {voucher.grantedFen !== null && voucher.grantedFen !== undefined && (
        <>
          <dt>{t.granted}</dt>
          <dd>¥{yuan(voucher.grantedFen)}</dd>
          <dt>{t.balance}</dt>
          <dd class="balance">¥{yuan(voucher.balanceFen)}</dd>
        </>
      )}
      {voucher.decisionReason && (
        <>
          <dt>{t.rejectReason}</dt>
          <dd>{voucher.decisionReason}</dd>
        </>
      )}
    </dl>
  );
}

/** The department's decision on one application: grant up to what was asked, or reject with a reason. */
function Decision({ voucher, done }: { voucher: VoucherCardFragment; done: () => void }) {
  const t = useT();
  const [granted, setGranted] = useState(String(voucher.requestedFen / 100));
  const [reason, setReason] = useState('');
  const { failure, run } = useAction(done);
  // One key per decision shown: a decision sent twice (a double click, a retry) is made once.
  const [key] = useState(() => crypto.randomUUID());
  const decide = (grant: boolean) =>
    run(() =>
      request(DecideVoucher, {
        id: voucher.id,
        version: voucher.version,
        key,
        ...(grant ? { grantedFen: fen(granted) } : { reason }),
      }),
    );
  return (
    <div class="decisions">
      <label>
        {t.grantAmount}
        <input
          type="number"
          min="0.01"
          step="0.01"
          value={granted}
          onInput={(e) => setGranted(e.currentTarget.value)}
        />
      </label>
      <button type="button" onClick={() => decide(true)}>
        {t.grant}
      </button>
      <label>
        {t.rejectReason}
        <input value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <button type="button" class="secondary" onClick={() => decide(false)}>
        {t.reject}
      </button>
      <FailureNotice failure={failure} />
    </div>
  );
}

/** The department's decision on a platform's claim: approve (paid to the platform) or reject with a reason. */
function RedemptionDecision({ redemption, done }: { redemption: { id: string; version: number }; done: () => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const { failure, run } = useAction(done);
  // One key per decision shown: a decision sent twice (a double click, a retry) is made once.
  const [key] = useState(() => crypto.randomUUID());
  const decide = (approve: boolean) =>
    run(() =>
      request(DecideRedemption, {
        id: redemption.id,
        version: redemption.version,
        approve,
        key,
        reason: approve ? null : reason,
      }),
    );
  return (
    <div class="decisions">
      <button type="button" onClick={() => decide(true)}>
        {t.approve}
      </button>
      <label>
        {t.rejectReason}
        <input value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <button type="button" class="secondary" onClick={() => decide(false)}>
        {t.reject}
      </button>
      <FailureNotice failure={failure} />
    </div>
  );
}

/**
 * The platforms' claims, those awaiting a decision first shown (or those of another state, or all),
 * each with its order and payment and, while it awaits one, the department's decision.
 */
function RedemptionClaimsList() {
  const t = useT();
  const { locale } = useLocale();
  const [status, setStatus] = useState<RedemptionStatus | ''>('CLAIMED');
  const variables = { filter: status ? { status } : null, first: PAGE };
  const { data, error, loading, reload } = useQuery(RedemptionClaims, variables);
  const result = data?.redemptions;
  // After a decision the list is read again from its first page: the pages after it may have moved.
  const { edges, hasNext, loadMore } = usePages(
    result,
    async (after) => (await request(RedemptionClaims, { ...variables, after })).redemptions,
  );
  const { failure, run } = useAction();
  return (
    <>
      <h2>{t.redemptionsTitle}</h2>
      <p>{t.redemptionsExplain}</p>
      <ChoiceFilter
        label={t.redemptionStatus}
        value={status}
        choices={CLAIM_STATUSES}
        names={t.redemptionStatusNames}
        onChange={setStatus}
      />
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      <p aria-live="polite" class="count">
        {loading ? t.loading : result ? t.redemptionCount(result.totalCount) : ''}
      </p>
      {result && result.totalCount === 0 && <p>{t.none}</p>}
      <ul class="results">
        {edges.map(({ node }) => {
          const { payment } = node;
          const { order } = payment;
          return (
            <li key={node.id} class="card redemption-claim" data-redemption={node.id} data-order={order.id}>
              <h3>{order.quote.description}</h3>
              <dl>
                <dt>{t.platform}</dt>
                <dd>{order.platform.name}</dd>
                {order.enterprise && (
                  <>
                    <dt>{t.requester}</dt>
                    <dd>{order.enterprise.name}</dd>
                  </>
                )}
                <dt>{t.amount}</dt>
                <dd>¥{yuan(order.amountFen)}</dd>
                <dt>{t.claimedAt}</dt>
                <dd>{dateTime(node.claimedAt, locale)}</dd>
                <PaymentSummary payment={payment} />
              </dl>
              {node.status === 'CLAIMED' && <RedemptionDecision redemption={node} done={reload} />}
            </li>
          );
        })}
      </ul>
      <FailureNotice failure={failure} />
      {hasNext && (
        <button type="button" onClick={() => run(loadMore)}>
          {t.loadMore}
        </button>
      )}
    </>
  );
}

function SchemeForm({ done }: { done: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [scheme, setScheme] = useState({
    year: String(new Date().getFullYear()),
    share: '50',
    perOrder: '20000',
    yearly: '100000',
    small: '1000',
    kinds: ['INSTRUMENT_SHARING', 'TESTING_CERTIFICATION'] as PlatformKind[],
  });
  const { failure, run } = useAction(done);
  const submit = (event: Event) => {
    event.preventDefault();
    return run(() =>
      request(OpenVoucherScheme, {
        input: {
          year: Number(scheme.year),
          coveredSharePercent: Number(scheme.share),
          perOrderCapFen: fen(scheme.perOrder),
          yearlyCapFen: fen(scheme.yearly),
          smallOrderFen: fen(scheme.small),
          qualifyingKinds: scheme.kinds,
        },
      }),
    );
  };
  const field = (name: keyof Omit<typeof scheme, 'kinds'>, label: string, step = '0.01') => (
    <label>
      {label}
      <input
        type="number"
        required
        step={step}
        value={scheme[name]}
        onInput={(e) => setScheme({ ...scheme, [name]: e.currentTarget.value })}
      />
    </label>
  );
  return (
    <form class="booking-form scheme-form" onSubmit={submit}>
      {field('year', t.schemeYear, '1')}
      {field('share', t.coveredShare, '1')}
      {field('perOrder', t.perOrderCap)}
      {field('yearly', t.yearlyCap)}
      {field('small', t.smallOrder)}
      <fieldset class="wide measures">
        <legend>{t.qualifyingKinds}</legend>
        {(Object.keys(KINDS) as PlatformKind[]).map((kind) => (
          <label key={kind} class="inline">
            <input
              type="checkbox"
              checked={scheme.kinds.includes(kind)}
              onChange={(e) =>
                setScheme({
                  ...scheme,
                  kinds: e.currentTarget.checked ? [...scheme.kinds, kind] : scheme.kinds.filter((k) => k !== kind),
                })
              }
            />
            {KINDS[kind][locale === 'en' ? 1 : 0]}
          </label>
        ))}
      </fieldset>
      <button type="submit">{t.openScheme}</button>
      <FailureNotice failure={failure} />
    </form>
  );
}

export function VouchersPage() {
  const t = useT();
  const role = session.value?.claims.role;
  const department = role === 'ADMIN';
  const { data, error, loading, reload } = useQuery(
    Vouchers,
    { filter: department ? { status: 'APPLIED' } : {} },
    !session.value,
  );
  const [apply, setApply] = useState({ year: String(new Date().getFullYear()), amount: '' });
  const { failure, run } = useAction(reload);
  if (!session.value) return <SignInFirst />;
  const vouchers = data?.vouchers;
  const submit = (event: Event) => {
    event.preventDefault();
    return run(async () => {
      await request(ApplyForVoucher, { year: Number(apply.year), requestedFen: fen(apply.amount) });
      setApply({ ...apply, amount: '' });
    });
  };
  return (
    <section>
      <h1>{department ? t.vouchersDepartmentTitle : t.vouchersTitle}</h1>
      <p>{t.vouchersExplain}</p>
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      <p aria-live="polite" class="count">
        {loading ? t.loading : ''}
      </p>
      <h2>{t.schemes}</h2>
      {data?.voucherSchemes?.length ? (
        <ul class="schemes">
          {data.voucherSchemes.map((scheme) => (
            <li key={scheme.year}>
              {t.schemeLine(
                scheme.year,
                scheme.coveredSharePercent,
                yuan(scheme.perOrderCapFen),
                yuan(scheme.yearlyCapFen),
                yuan(scheme.smallOrderFen),
              )}
              {scheme.open ? '' : ` (${t.closed})`}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.noSchemes}</p>
      )}
      {department && <SchemeForm done={reload} />}
      <h2>{department ? t.applications : t.myVouchers}</h2>
      {vouchers && vouchers.totalCount === 0 && <p>{t.none}</p>}
      <ul class="results">
        {vouchers?.edges.map(({ node }) => (
          <li key={node.id} class="card voucher" data-voucher={node.id}>
            <VoucherSummary voucher={node} />
            {department && node.status === 'APPLIED' && <Decision voucher={node} done={reload} />}
          </li>
        ))}
      </ul>
      {role === 'ENTERPRISE_USER' && (
        <form class="booking-form" onSubmit={submit}>
          <h2 class="wide">{t.applyTitle}</h2>
          <label>
            {t.schemeYear}
            <input
              type="number"
              required
              value={apply.year}
              onInput={(e) => setApply({ ...apply, year: e.currentTarget.value })}
            />
          </label>
          <label>
            {t.requestedYuan}
            <input
              type="number"
              required
              min="0.01"
              step="0.01"
              value={apply.amount}
              onInput={(e) => setApply({ ...apply, amount: e.currentTarget.value })}
            />
          </label>
          <button type="submit">{t.applySend}</button>
          <FailureNotice failure={failure} />
        </form>
      )}
      {department && <RedemptionClaimsList />}
    </section>
  );
}
