import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { ErrorNotice, FailureNotice } from '../components/Layout.tsx';
import { yuan } from '../format.ts';
import { request } from '../graph.ts';
import type { CandidateStatus, DemandPageQuery, Industry, ProcurementType } from '../graphql/graphql.ts';
import { graphql } from '../graphql/index.ts';
import { useLocale, useT } from '../i18n.ts';
import { session } from '../session.ts';
import { useAction, useQuery } from '../useGraph.ts';
import { INDUSTRIES } from './Search.tsx';

const Demands = graphql(`
  query Demands {
    demands(filter: { open: true }, orderBy: { field: CREATED_AT, direction: DESC }, first: 50) {
      totalCount
      edges {
        node {
          id
          specification
          quantity
          budgetMaxFen
          deadline
          productClass {
            name
          }
          buyer {
            name
          }
          deliveryRegion {
            name
          }
        }
      }
    }
  }
`);

const DemandForm = graphql(`
  query DemandForm($groupCode: ID) {
    groups: productClasses {
      code
      name
      nameEn
    }
    classes: productClasses(groupCode: $groupCode) {
      code
      name
      nameEn
    }
    regions {
      code
      name
      nameEn
    }
  }
`);

const PostDemand = graphql(`
  mutation PostDemand($input: DemandInput!) {
    postDemand(input: $input) {
      id
    }
  }
`);

const DemandPage = graphql(`
  query DemandPage($id: ID!) {
    demand(id: $id) {
      id
      version
      specification
      quantity
      budgetMinFen
      budgetMaxFen
      deadline
      status
      industry
      productClass {
        name
      }
      buyer {
        name
      }
      deliveryRegion {
        name
      }
      matches(first: 10) {
        score
        inProvince
        product {
          id
          name
          priceMinFen
          priceMaxFen
          maker {
            name
          }
        }
        factors {
          factor
          weight
          points
          explanation
        }
      }
      candidates {
        id
        version
        status
        contractAmountFen
        contractDate
        reason
        product {
          id
          name
          maker {
            name
          }
        }
      }
    }
  }
`);

const ShortlistProduct = graphql(`
  mutation ShortlistProduct($demandId: ID!, $productId: ID!) {
    shortlistProduct(demandId: $demandId, productId: $productId) {
      id
    }
  }
`);

const RecordOutcome = graphql(`
  mutation RecordOutcome($id: ID!, $version: Int!, $input: OutcomeInput!) {
    recordOutcome(candidateId: $id, version: $version, input: $input) {
      id
    }
  }
`);

const CloseDemand = graphql(`
  mutation CloseDemand($id: ID!, $version: Int!) {
    closeDemand(id: $id, version: $version) {
      id
    }
  }
`);

const PROCUREMENT: ProcurementType[] = [
  'DIRECT_PURCHASE',
  'COMPETITIVE_NEGOTIATION',
  'INVITED_TENDER',
  'PUBLIC_TENDER',
  'SINGLE_SOURCE',
];

export function DemandsPage() {
  const t = useT();
  const { locale } = useLocale();
  const english = locale === 'en';
  const { route } = useLocation();
  const { data, error, loading, reload } = useQuery(Demands, {});
  const [form, setForm] = useState({
    groupCode: '',
    classCode: '',
    industry: 'AUTOMOTIVE' as Industry,
    specification: '',
    quantity: '1',
    budgetMin: '',
    budgetMax: '',
    deadline: '',
    region: '',
    procurement: 'DIRECT_PURCHASE' as ProcurementType,
  });
  const options = useQuery(DemandForm, { groupCode: form.groupCode || null }, !session.value);
  const { failure, run } = useAction();
  const canPost = session.value?.claims.role === 'ENTERPRISE_USER';
  const submit = (event: Event) => {
    event.preventDefault();
    return run(async () => {
      const answer = await request(PostDemand, {
        input: {
          classCode: form.classCode,
          industry: form.industry,
          specification: form.specification,
          quantity: Number(form.quantity),
          budgetMinFen: Math.round(Number(form.budgetMin) * 100),
          budgetMaxFen: Math.round(Number(form.budgetMax) * 100),
          deadline: form.deadline,
          deliveryRegionCode: form.region,
          procurementType: form.procurement,
        },
      });
      if (answer.postDemand) route(`/demands/${encodeURIComponent(answer.postDemand.id)}`);
    });
  };
  const name = (item: { name: string; nameEn: string }) => (english ? item.nameEn : item.name);
  return (
    <section>
      <h1>{t.demandsTitle}</h1>
      <p>{t.demandsExplain}</p>
      {canPost && (
        <form class="booking-form" onSubmit={submit}>
          <h2 class="wide">{t.postDemand}</h2>
          <label>
            {t.productGroup}
            <select
              required
              value={form.groupCode}
              onChange={(e) => setForm({ ...form, groupCode: e.currentTarget.value, classCode: '' })}
            >
              <option value="" />
              {options.data?.groups?.map((group) => (
                <option key={group.code} value={group.code}>
                  {name(group)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.productClass}
            <select
              required
              value={form.classCode}
              onChange={(e) => setForm({ ...form, classCode: e.currentTarget.value })}
            >
              <option value="" />
              {form.groupCode &&
                options.data?.classes?.map((item) => (
                  <option key={item.code} value={item.code}>
                    {name(item)}
                  </option>
                ))}
            </select>
          </label>
          <label>
            {t.filterIndustry}
            <select
              value={form.industry}
              onChange={(e) => setForm({ ...form, industry: e.currentTarget.value as Industry })}
            >
              {Object.entries(INDUSTRIES).map(([value, names]) => (
                <option key={value} value={value}>
                  {english ? names[1] : names[0]}
                </option>
              ))}
            </select>
          </label>
          <label class="wide">
            {t.specification}
            <textarea
              required
              maxLength={2000}
              value={form.specification}
              onInput={(e) => setForm({ ...form, specification: e.currentTarget.value })}
            />
          </label>
          <label>
            {t.quantity}
            <input
              type="number"
              required
              min="1"
              value={form.quantity}
              onInput={(e) => setForm({ ...form, quantity: e.currentTarget.value })}
            />
          </label>
          <label>
            {t.budgetMin}
            <input
              type="number"
              required
              min="0"
              step="0.01"
              value={form.budgetMin}
              onInput={(e) => setForm({ ...form, budgetMin: e.currentTarget.value })}
            />
          </label>
          <label>
            {t.budgetMax}
            <input
              type="number"
              required
              min="0"
              step="0.01"
              value={form.budgetMax}
              onInput={(e) => setForm({ ...form, budgetMax: e.currentTarget.value })}
            />
          </label>
          <label>
            {t.deadline}
            <input
              type="date"
              required
              value={form.deadline}
              onInput={(e) => setForm({ ...form, deadline: e.currentTarget.value })}
            />
          </label>
          <label>
            {t.deliveryRegion}
            <select required value={form.region} onChange={(e) => setForm({ ...form, region: e.currentTarget.value })}>
              <option value="" />
              {options.data?.regions?.map((region) => (
                <option key={region.code} value={region.code}>
                  {name(region)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.procurementType}
            <select
              value={form.procurement}
              onChange={(e) => setForm({ ...form, procurement: e.currentTarget.value as ProcurementType })}
            >
              {PROCUREMENT.map((type) => (
                <option key={type} value={type}>
                  {t.procurementTypes[type]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t.postDemandSend}</button>
          <FailureNotice failure={failure} />
        </form>
      )}
      <h2>{t.openDemands}</h2>
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      <p aria-live="polite" class="count">
        {loading ? t.loading : ''}
      </p>
      <ul class="results">
        {data?.demands?.edges.map(({ node }) => (
          <li key={node.id} class="card demand">
            <h2>
              <a href={`/demands/${encodeURIComponent(node.id)}`}>{node.productClass.name}</a>
            </h2>
            <p class="meta">
              {node.buyer.name} · {node.deliveryRegion.name}
            </p>
            <p>{node.specification}</p>
            <p class="meta">
              {t.quantity} {node.quantity} · {t.budgetMax} ¥{yuan(node.budgetMaxFen)} · {t.deadline} {node.deadline}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

type Candidate = NonNullable<NonNullable<DemandPageQuery['demand']>['candidates']>[number];
type Outcome = Exclude<CandidateStatus, 'SHORTLISTED'>;
const OUTCOMES: Outcome[] = ['INTENTION', 'CONTRACT', 'NO_DEAL'];

/** The buyer records how a shortlisted product ended: an intention, a contract, or no deal. */
function OutcomeForm({ candidate, done }: { candidate: Candidate; done: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ status: 'INTENTION' as Outcome, amount: '', date: '', reason: '' });
  const { failure, run } = useAction(() => {
    setOpen(false);
    done();
  });
  if (!open) {
    return (
      <button type="button" class="secondary" onClick={() => setOpen(true)}>
        {t.recordOutcome}
      </button>
    );
  }
  const submit = (event: Event) => {
    event.preventDefault();
    return run(() =>
      request(RecordOutcome, {
        id: candidate.id,
        version: candidate.version,
        input: {
          status: form.status,
          ...(form.status === 'CONTRACT'
            ? { contractAmountFen: Math.round(Number(form.amount) * 100), contractDate: form.date }
            : {}),
          ...(form.status === 'NO_DEAL' ? { reason: form.reason } : {}),
        },
      }),
    );
  };
  return (
    <form class="booking-form outcome" onSubmit={submit} aria-label={t.recordOutcomeFor(candidate.product.name)}>
      <fieldset class="wide measures">
        <legend>{t.outcome}</legend>
        {OUTCOMES.map((status) => (
          <label key={status} class="inline">
            <input
              type="radio"
              name={`outcome-${candidate.id}`}
              value={status}
              checked={form.status === status}
              onChange={() => setForm({ ...form, status })}
            />
            {t.candidateStatuses[status]}
          </label>
        ))}
      </fieldset>
      {form.status === 'CONTRACT' && (
        <>
          <label>
            {t.contractAmount}
            <input
              type="number"
              required
              min="0.01"
              step="0.01"
              value={form.amount}
              onInput={(e) => setForm({ ...form, amount: e.currentTarget.value })}
            />
          </label>
          <label>
            {t.contractDate}
            <input
              type="date"
              required
              value={form.date}
              onInput={(e) => setForm({ ...form, date: e.currentTarget.value })}
            />
          </label>
        </>
      )}
      {form.status === 'NO_DEAL' && (
        <label class="wide">
          {t.noDealReason}
          <textarea
            required
            maxLength={500}
            value={form.reason}
            onInput={(e) => setForm({ ...form, reason: e.currentTarget.value })}
          />
        </label>
      )}
      <button type="submit">{t.saveOutcome}</button>
      <FailureNotice failure={failure} />
    </form>
  );
}

function CandidateCard({ candidate, done }: { candidate: Candidate; done: () => void }) {
  const t = useT();
  return (
    <li class="card candidate" data-product={candidate.product.id}>
      <h3>
        {candidate.product.name}{' '}
        <span class={`status candidate-${candidate.status.toLowerCase()}`}>
          {t.candidateStatuses[candidate.status]}
        </span>
      </h3>
      <p class="meta">{candidate.product.maker.name}</p>
      {candidate.status === 'CONTRACT' && candidate.contractAmountFen != null ? (
        <p>{t.contracted(yuan(candidate.contractAmountFen), candidate.contractDate ?? '')}</p>
      ) : null}
      {candidate.reason ? <p>{candidate.reason}</p> : null}
      {candidate.status === 'SHORTLISTED' || candidate.status === 'INTENTION' ? (
        <OutcomeForm candidate={candidate} done={done} />
      ) : null}
    </li>
  );
}

export function Demand() {
  const t = useT();
  const { params } = useRoute();
  const { data, error, loading, reload } = useQuery(DemandPage, { id: params.id ?? '' });
  const { failure, run } = useAction(reload);
  if (error) return <ErrorNotice error={error} retry={reload} />;
  if (loading && !data) return <p aria-live="polite">{t.loading}</p>;
  const demand = data?.demand;
  if (!demand) return <p>{t.notFound}</p>;
  // The buyer's users (and administrators) see the shortlist; for anyone else it is null.
  const candidates = demand.candidates;
  const open = demand.status === 'PUBLISHED';
  const shortlisted = new Set(candidates?.map((candidate) => candidate.product.id));
  return (
    <article class="instrument">
      <p class="meta">
        {demand.buyer.name} · {demand.deliveryRegion.name} ·{' '}
        <span class="status">{t.demandStatuses[demand.status]}</span>
      </p>
      <h1>{demand.productClass.name}</h1>
      <p>{demand.specification}</p>
      <dl class="facts">
        <dt>{t.quantity}</dt>
        <dd>{demand.quantity}</dd>
        <dt>{t.budget}</dt>
        <dd>
          ¥{yuan(demand.budgetMinFen)}–{yuan(demand.budgetMaxFen)}
        </dd>
        <dt>{t.deadline}</dt>
        <dd>{demand.deadline}</dd>
      </dl>
      <FailureNotice failure={failure} />
      {candidates && (
        <section aria-live="polite">
          <h2>{t.shortlistTitle(candidates.length)}</h2>
          {candidates.length === 0 ? <p>{t.shortlistEmpty}</p> : null}
          <ul class="results">
            {candidates.map((candidate) => (
              <CandidateCard key={candidate.id} candidate={candidate} done={reload} />
            ))}
          </ul>
          {demand.status !== 'CLOSED' && (
            <button
              type="button"
              class="secondary"
              onClick={() => run(() => request(CloseDemand, { id: demand.id, version: demand.version }))}
            >
              {t.closeDemand}
            </button>
          )}
        </section>
      )}
      <h2>{t.matchesTitle}</h2>
      <p>{t.matchesExplain}</p>
      <ol class="matches">
        {demand.matches?.map((match) => (
          <li key={match.product.id} class="card match" data-product={match.product.id}>
            <h3>
              {match.product.name} <span class="score">{t.score(match.score)}</span>
            </h3>
            <p class="meta">
              {match.product.maker.name}
              {match.inProvince ? ` · ${t.inProvince}` : ''} · ¥{yuan(match.product.priceMinFen)}–
              {yuan(match.product.priceMaxFen)}
            </p>
            {candidates && open && !shortlisted.has(match.product.id) && (
              <button
                type="button"
                onClick={() =>
                  run(() => request(ShortlistProduct, { demandId: demand.id, productId: match.product.id }))
                }
              >
                {t.shortlist}
              </button>
            )}
            {shortlisted.has(match.product.id) && <p class="meta">{t.onShortlist}</p>}
            <details>
              <summary>{t.whyThisScore}</summary>
              <table class="factors">
                <thead>
                  <tr>
                    <th scope="col">{t.factor}</th>
                    <th scope="col">{t.points}</th>
                    <th scope="col">{t.explanation}</th>
                  </tr>
                </thead>
                <tbody>
                  {match.factors.map((factor) => (
                    <tr key={factor.factor}>
                      <th scope="row">{t.factors[factor.factor] ?? factor.factor}</th>
                      <td>
                        {factor.points.toFixed(1)} / {factor.weight}
                      </td>
                      <td>{factor.explanation}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </li>
        ))}
      </ol>
    </article>
  );
}
