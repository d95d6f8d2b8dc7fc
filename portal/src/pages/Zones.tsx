import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { ChoiceFilter, ErrorNotice, FailureNotice } from '../components/Layout.tsx';
import { grouped } from '../format.ts';
import { request } from '../graph.ts';
import type {
  HeavyMetal,
  PlantDemandInput,
  ZoneFitFragment,
  ZoneLimitFieldsFragment,
  ZoneStatus,
} from '../graphql/graphql.ts';
import { graphql } from '../graphql/index.ts';
import { type Messages, useLocale, useT } from '../i18n.ts';
import { useAction, usePages, useQuery } from '../useGraph.ts';

graphql(`
  fragment ZoneLimitFields on ZoneLimit {
    kind
    metal
    capacity
    allocated
    remaining
  }
`);

graphql(`
  fragment ZoneFit on PlantFit {
    fits
    zone {
      id
      name
      nameEn
      status
    }
    binding {
      kind
      headroom
      headroomShare
    }
    headroom {
      kind
      metal
      remaining
      requested
      headroom
      fits
    }
  }
`);

const Zones = graphql(`
  query Zones($filter: ZoneFilter, $first: Int, $after: String) {
    zones(filter: $filter, first: $first, after: $after, orderBy: { field: NAME }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          nameEn
          status
          admitsNewPlants
          areaHectares
          region {
            name
            nameEn
          }
          water {
            ...ZoneLimitFields
          }
          wastewater {
            ...ZoneLimitFields
          }
          quotas {
            ...ZoneLimitFields
          }
        }
      }
    }
  }
`);

const ZonePage = graphql(`
  query ZonePage($id: ID!, $first: Int, $after: String) {
    zone(id: $id) {
      id
      name
      nameEn
      status
      admitsNewPlants
      areaHectares
      controlUnit
      note
      region {
        name
        nameEn
      }
      limits {
        ...ZoneLimitFields
      }
      plants(first: $first, after: $after, orderBy: { field: NAME }) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            name
            status
            enterprise {
              name
            }
            processLines {
              process
              lines
            }
            allocation {
              waterTonsPerDay
              wastewaterTonsPerDay
              emissions {
                metal
                kgPerYear
              }
            }
            phaseOuts {
              id
              description
              deadline
              status
              overdue
            }
          }
        }
      }
    }
  }
`);

const PlantFit = graphql(`
  query PlantFit($zoneId: ID!, $demand: PlantDemandInput!) {
    plantFit(zoneId: $zoneId, demand: $demand) {
      ...ZoneFit
    }
  }
`);

const ZonesFitting = graphql(`
  query ZonesFitting($demand: PlantDemandInput!) {
    zonesFitting(demand: $demand) {
      ...ZoneFit
    }
  }
`);

const PAGE = 20;
const METALS: HeavyMetal[] = [
  'LEAD',
  'MERCURY',
  'CADMIUM',
  'TOTAL_CHROMIUM',
  'HEXAVALENT_CHROMIUM',
  'ARSENIC',
  'NICKEL',
];
const STATUSES: ZoneStatus[] = ['PRIORITY', 'UNDER_STUDY', 'RESTRICTED'];

type LimitKind = ZoneLimitFieldsFragment['kind'];

/** Up to three decimals (the planning source keeps no more; Intl's default), in the page's language. */
function amount(value: number, english: boolean): string {
  return grouped(value, english ? 'en' : 'zh-CN');
}

function limitName(kind: LimitKind, t: Messages): string {
  return kind === 'WATER' || kind === 'WASTEWATER' ? t.limitKinds[kind] : t.metals[kind];
}

/** Water and wastewater are daily, metals yearly (the graph's `unit`, in the page's language). */
function unitOf(kind: LimitKind, t: Messages): string {
  return kind === 'WATER' || kind === 'WASTEWATER' ? t.tonsPerDay : t.kgPerYear;
}

/** A limit as a gauge: how much of it the plants hold, and what is left. */
function LimitRow({ limit }: { limit: ZoneLimitFieldsFragment }) {
  const t = useT();
  const english = useLocale().locale === 'en';
  const name = limitName(limit.kind, t);
  if (limit.capacity === 0) {
    return (
      <tr>
        <th scope="row">{name}</th>
        <td colSpan={3}>{t.noneMayBeEmitted}</td>
      </tr>
    );
  }
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>
        <meter
          min={0}
          max={limit.capacity}
          value={limit.allocated}
          high={limit.capacity * 0.85}
          optimum={0}
          aria-label={t.limitUsed(name)}
        />
      </td>
      <td>
        {amount(limit.allocated, english)} / {amount(limit.capacity, english)} {unitOf(limit.kind, t)}
      </td>
      <td>
        {t.remaining} {amount(limit.remaining, english)}
      </td>
    </tr>
  );
}

function LimitsTable({ caption, limits }: { caption: string; limits: ZoneLimitFieldsFragment[] }) {
  const t = useT();
  return (
    <table class="limits">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.limit}</th>
          <th scope="col">{t.limitUse}</th>
          <th scope="col">{t.allocatedOfCapacity}</th>
          <th scope="col">{t.remaining}</th>
        </tr>
      </thead>
      <tbody>
        {limits.map((limit) => (
          <LimitRow key={limit.kind} limit={limit} />
        ))}
      </tbody>
    </table>
  );
}

/** What a plant would ask of a zone, typed as text (empty: nothing of it). */
interface DemandForm {
  water: string;
  wastewater: string;
  metals: Partial<Record<HeavyMetal, string>>;
}

const EMPTY_DEMAND: DemandForm = { water: '', wastewater: '', metals: {} };

function demandInput(form: DemandForm): PlantDemandInput {
  return {
    waterTonsPerDay: Number(form.water || 0),
    wastewaterTonsPerDay: Number(form.wastewater || 0),
    emissions: METALS.filter((metal) => form.metals[metal]).map((metal) => ({
      metal,
      kgPerYear: Number(form.metals[metal]),
    })),
  };
}

/** The amounts a new plant would ask for; `onCheck` gets them as the graph takes them. */
function PlantDemandFields({
  title,
  button,
  onCheck,
}: {
  title: string;
  button: string;
  onCheck: (demand: PlantDemandInput) => Promise<void>;
}) {
  const t = useT();
  const [form, setForm] = useState(EMPTY_DEMAND);
  const number = (value: string, set: (value: string) => void, label: string, unit: string) => (
    <label key={label}>
      {label} <span class="meta">({unit})</span>
      <input type="number" min="0" step="0.001" value={value} onInput={(e) => set(e.currentTarget.value)} />
    </label>
  );
  return (
    <form
      class="booking-form fit-form"
      onSubmit={(event) => {
        event.preventDefault();
        return onCheck(demandInput(form));
      }}
    >
      <h2 class="wide">{title}</h2>
      <p class="wide">{t.fitExplain}</p>
      {number(form.water, (water) => setForm({ ...form, water }), t.limitKinds.WATER, t.tonsPerDay)}
      {number(form.wastewater, (wastewater) => setForm({ ...form, wastewater }), t.limitKinds.WASTEWATER, t.tonsPerDay)}
      {METALS.map((metal) =>
        number(
          form.metals[metal] ?? '',
          (value) => setForm({ ...form, metals: { ...form.metals, [metal]: value } }),
          t.metals[metal],
          t.kgPerYear,
        ),
      )}
      <button type="submit">{button}</button>
    </form>
  );
}

/** Why a plant does not fit, in the page's language (the graph's `reason` is English). */
function whyNot(fit: ZoneFitFragment, t: Messages, english: boolean): string {
  const overdrawn = fit.headroom.filter((row) => !row.fits);
  if (overdrawn.length === 0) return t.zoneTakesNoPlants(t.zoneStatuses[fit.zone.status]);
  return t.wouldOverdraw(
    overdrawn.map((row) =>
      t.asksOf(
        limitName(row.kind, t),
        amount(row.requested, english),
        amount(row.remaining, english),
        unitOf(row.kind, t),
      ),
    ),
  );
}

function FitAnswer({ fit, showZone }: { fit: ZoneFitFragment; showZone?: boolean }) {
  const t = useT();
  const english = useLocale().locale === 'en';
  const zoneName = english ? (fit.zone.nameEn ?? fit.zone.name) : fit.zone.name;
  return (
    <div class={`card fit ${fit.fits ? 'fits' : 'does-not-fit'}`}>
      <h3>
        {showZone ? <a href={`/zones/${encodeURIComponent(fit.zone.id)}`}>{zoneName}</a> : null}{' '}
        <span class={fit.fits ? 'status status-approved' : 'status status-rejected'}>
          {fit.fits ? t.fits : t.doesNotFit}
        </span>
      </h3>
      {fit.fits ? null : <p>{whyNot(fit, t, english)}</p>}
      {fit.binding ? (
        <p class="meta">
          {t.bindingLimit(
            limitName(fit.binding.kind, t),
            fit.binding.headroomShare == null ? '—' : `${(fit.binding.headroomShare * 100).toFixed(1)}%`,
          )}
        </p>
      ) : null}
      {showZone ? null : (
        <table class="limits">
          <caption>{t.headroomCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.limit}</th>
              <th scope="col">{t.remaining}</th>
              <th scope="col">{t.plantAsks}</th>
              <th scope="col">{t.headroom}</th>
            </tr>
          </thead>
          <tbody>
            {fit.headroom.map((row) => (
              <tr key={row.kind} class={row.fits ? undefined : 'overdrawn'}>
                <th scope="row">{limitName(row.kind, t)}</th>
                <td>
                  {amount(row.remaining, english)} {unitOf(row.kind, t)}
                </td>
                <td>{amount(row.requested, english)}</td>
                <td>
                  {amount(row.headroom, english)}
                  {row.fits ? '' : ` · ${t.overdrawn}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function ZonesPage() {
  const t = useT();
  const english = useLocale().locale === 'en';
  const [status, setStatus] = useState<ZoneStatus | ''>('');
  const variables = { filter: status ? { status } : null, first: PAGE };
  const { data, error, loading, reload } = useQuery(Zones, variables);
  const result = data?.zones;
  const { edges, hasNext, loadMore } = usePages(
    result,
    async (after) => (await request(Zones, { ...variables, after })).zones,
  );
  const [fitting, setFitting] = useState<ZoneFitFragment[] | undefined>();
  const { failure, run } = useAction();
  return (
    <section>
      <h1>{t.zonesTitle}</h1>
      <p>{t.zonesExplain}</p>
      <ChoiceFilter
        label={t.zoneStatus}
        value={status}
        choices={STATUSES}
        names={t.zoneStatuses}
        onChange={setStatus}
      />
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      <p aria-live="polite" class="count">
        {loading ? t.loading : result ? t.zoneCount(result.totalCount) : ''}
      </p>
      <ul class="results zones">
        {edges.map(({ node }) => {
          const banned = node.quotas.filter((quota) => quota.capacity === 0);
          return (
            <li key={node.id} class="card zone">
              <h2>
                <a href={`/zones/${encodeURIComponent(node.id)}`}>{english ? (node.nameEn ?? node.name) : node.name}</a>
              </h2>
              <p class="meta">
                {(english ? node.region?.nameEn : node.region?.name) ?? ''} ·{' '}
                <span class={`zone-status zone-${node.status.toLowerCase()}`}>{t.zoneStatuses[node.status]}</span> ·{' '}
                {t.hectares(amount(node.areaHectares, english))}
              </p>
              <LimitsTable
                caption={t.zoneLimitsCaption}
                limits={[node.water, node.wastewater, ...node.quotas.filter((quota) => quota.capacity > 0)]}
              />
              {banned.length > 0 ? (
                <p class="meta">{t.notPermitted(banned.map((quota) => limitName(quota.kind, t)))}</p>
              ) : null}
            </li>
          );
        })}
      </ul>
      {hasNext ? (
        <button type="button" onClick={() => run(loadMore)}>
          {t.loadMore}
        </button>
      ) : null}
      <PlantDemandFields
        title={t.whereWouldItFit}
        button={t.findZones}
        onCheck={(demand) =>
          run(async () => {
            setFitting((await request(ZonesFitting, { demand })).zonesFitting ?? []);
          })
        }
      />
      <FailureNotice failure={failure} />
      {fitting ? (
        <section aria-live="polite">
          <h2>{t.zonesFittingTitle(fitting.length)}</h2>
          {fitting.length === 0 ? <p>{t.noZoneFits}</p> : null}
          {fitting.map((fit) => (
            <FitAnswer key={fit.zone.id} fit={fit} showZone />
          ))}
        </section>
      ) : null}
    </section>
  );
}

export function Zone() {
  const t = useT();
  const english = useLocale().locale === 'en';
  const { params } = useRoute();
  const id = params.id ?? '';
  const { data, error, loading, reload } = useQuery(ZonePage, { id, first: PAGE });
  const plants = usePages(
    data?.zone?.plants,
    async (after) => (await request(ZonePage, { id, first: PAGE, after })).zone?.plants,
  );
  const [fit, setFit] = useState<ZoneFitFragment | undefined>();
  const { failure, run } = useAction();
  if (error) return <ErrorNotice error={error} retry={reload} />;
  if (loading && !data) return <p aria-live="polite">{t.loading}</p>;
  const zone = data?.zone;
  if (!zone) return <p>{t.notFound}</p>;
  return (
    <article class="instrument">
      <p class="meta">
        {(english ? zone.region?.nameEn : zone.region?.name) ?? ''} · {t.zoneStatuses[zone.status]}
      </p>
      <h1>{english ? (zone.nameEn ?? zone.name) : zone.name}</h1>
      <dl class="facts">
        <dt>{t.area}</dt>
        <dd>{t.hectares(amount(zone.areaHectares, english))}</dd>
        <dt>{t.controlUnit}</dt>
        <dd>{zone.controlUnit ?? '—'}</dd>
        <dt>{t.admitsNewPlants}</dt>
        <dd>{zone.admitsNewPlants ? t.yes : t.no}</dd>
      </dl>
      {zone.note ? <p>{zone.note}</p> : null}
      <LimitsTable caption={t.zoneLimitsCaption} limits={zone.limits} />
      <h2>{t.plantsTitle(zone.plants.totalCount)}</h2>
      <ul class="results plants">
        {plants.edges.map(({ node }) => (
          <li key={node.id} class="card plant">
            <h3>{node.name}</h3>
            <p class="meta">
              {node.enterprise?.name ?? '—'} · {t.plantStatuses[node.status]}
            </p>
            <p>{t.list(node.processLines.map((line) => t.processLines(t.processes[line.process], line.lines)))}</p>
            <dl>
              <dt>{t.limitKinds.WATER}</dt>
              <dd>
                {amount(node.allocation.waterTonsPerDay, english)} {t.tonsPerDay}
              </dd>
              <dt>{t.limitKinds.WASTEWATER}</dt>
              <dd>
                {amount(node.allocation.wastewaterTonsPerDay, english)} {t.tonsPerDay}
              </dd>
              {node.allocation.emissions.map((emission) => (
                <>
                  <dt key={`${emission.metal}-name`}>{t.metals[emission.metal]}</dt>
                  <dd key={emission.metal}>
                    {amount(emission.kgPerYear, english)} {t.kgPerYear}
                  </dd>
                </>
              ))}
            </dl>
            {node.phaseOuts.map((phaseOut) => (
              <p key={phaseOut.id} class={phaseOut.overdue ? 'notice error' : 'meta'}>
                {t.phaseOut(phaseOut.description, phaseOut.deadline)}
                {phaseOut.status === 'COMPLETED' ? ` · ${t.phaseOutDone}` : phaseOut.overdue ? ` · ${t.overdue}` : ''}
              </p>
            ))}
          </li>
        ))}
      </ul>
      {plants.hasNext ? (
        <button type="button" onClick={() => run(plants.loadMore)}>
          {t.loadMore}
        </button>
      ) : null}
      <PlantDemandFields
        title={t.wouldItFitHere}
        button={t.checkFit}
        onCheck={(demand) =>
          run(async () => {
            setFit((await request(PlantFit, { zoneId: id, demand })).plantFit ?? undefined);
          })
        }
      />
      <FailureNotice failure={failure} />
      <div aria-live="polite">{fit ? <FitAnswer fit={fit} /> : null}</div>
    </article>
  );
}
