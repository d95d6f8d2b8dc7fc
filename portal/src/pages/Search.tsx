import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ErrorNotice } from '../components/Layout.tsx';
import { request } from '../graph.ts';
import type { Industry, SharingMode } from '../graphql/graphql.ts';
import { graphql } from '../graphql/index.ts';
import { useLocale, useT } from '../i18n.ts';
import { usePages, useQuery } from '../useGraph.ts';

export const SearchInstruments = graphql(`
  query SearchInstruments($text: String, $filter: InstrumentFilter, $first: Int, $after: String) {
    searchInstruments(text: $text, filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          model
          originalValue
          sharingMode
          region {
            code
            name
            nameEn
          }
          owner {
            name
          }
          platform {
            name
          }
          instrumentClass {
            name
          }
        }
      }
      facets {
        industry {
          industry
          count
        }
        region {
          region {
            code
            name
            nameEn
          }
          count
        }
        sharingMode {
          sharingMode
          count
        }
      }
    }
  }
`);

export const INDUSTRIES: Record<Industry, [string, string]> = {
  AVIATION: ['航空', 'Aviation'],
  AEROSPACE: ['航天', 'Aerospace'],
  AUTOMOTIVE: ['汽车及零部件', 'Automotive'],
  ENGINEERING_MINING_MACHINERY: ['工程及矿山机械', 'Engineering and mining machinery'],
  POWER_EQUIPMENT: ['电力装备', 'Power equipment'],
  INDUSTRIAL_ROBOTS: ['工业机器人', 'Industrial robots'],
};

const SHARING: Record<SharingMode, [string, string]> = {
  EXTERNAL: ['对外共享', 'Open to others'],
  INTERNAL: ['内部共享', 'Internal'],
  NOT_SHARED: ['不共享', 'Not shared'],
};

const PAGE = 20;

/** The search's state lives in the address, so a search can be bookmarked, shared and gone back to. */
function readParams(query: Record<string, string>) {
  return {
    text: query.q ?? '',
    region: query.region ?? '',
    industry: (query.industry ?? '') as Industry | '',
    sharing: (query.sharing ?? '') as SharingMode | '',
    freeFrom: query.from ?? '',
    freeTo: query.to ?? '',
    freeHours: query.hours ?? '',
  };
}

/**
 * The search's variables for the address's query: the page's, and main.tsx's, which sends the
 * first search before the page renders.
 */
export function searchVariables(query: Record<string, string>) {
  const params = readParams(query);
  const filter = {
    ...(params.region ? { regionCode: params.region } : {}),
    ...(params.industry ? { industry: params.industry } : {}),
    ...(params.sharing ? { sharingMode: params.sharing } : {}),
    ...(params.freeFrom && params.freeTo && params.freeHours
      ? {
          freeBetween: {
            from: `${params.freeFrom}T00:00:00+08:00`,
            to: `${params.freeTo}T23:59:59+08:00`,
            minutes: Math.round(Number(params.freeHours) * 60),
          },
        }
      : {}),
  };
  return { text: params.text || null, filter, first: PAGE };
}

export function Search() {
  const t = useT();
  const english = useLocale().locale === 'en';
  const { query, route } = useLocation();
  const params = readParams(query);
  const [form, setForm] = useState(params);
  const variables = searchVariables(query);
  const { data, error, loading, reload } = useQuery(SearchInstruments, variables);
  const result = data?.searchInstruments;
  const { edges, hasNext, loadMore } = usePages(
    result,
    async (after) => (await request(SearchInstruments, { ...variables, after })).searchInstruments,
  );

  const go = (next: typeof params) => {
    const search = new URLSearchParams();
    if (next.text) search.set('q', next.text);
    if (next.region) search.set('region', next.region);
    if (next.industry) search.set('industry', next.industry);
    if (next.sharing) search.set('sharing', next.sharing);
    if (next.freeFrom && next.freeTo && next.freeHours) {
      search.set('from', next.freeFrom);
      search.set('to', next.freeTo);
      search.set('hours', next.freeHours);
    }
    const qs = search.toString();
    route(qs ? `/?${qs}` : '/');
  };

  const facets = result?.facets;
  return (
    <section class="search">
      <h1>{t.searchTitle}</h1>
      <form
        class="search-form"
        aria-label={t.searchTitle}
        onSubmit={(event) => {
          event.preventDefault();
          go(form);
        }}
      >
        <label class="wide">
          <span class="visually-hidden">{t.searchTitle}</span>
          <input
            type="search"
            name="q"
            value={form.text}
            placeholder={t.searchPlaceholder}
            onInput={(event) => setForm({ ...form, text: event.currentTarget.value })}
          />
        </label>
        <label>
          {t.filterIndustry}
          <select
            name="industry"
            value={form.industry}
            onChange={(event) => setForm({ ...form, industry: event.currentTarget.value as Industry | '' })}
          >
            <option value="">{t.filterAny}</option>
            {Object.entries(INDUSTRIES).map(([value, names]) => (
              <option key={value} value={value}>
                {english ? names[1] : names[0]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.filterRegion}
          <select
            name="region"
            value={form.region}
            onChange={(event) => setForm({ ...form, region: event.currentTarget.value })}
          >
            <option value="">{t.filterAny}</option>
            {(facets?.region ?? []).map((facet) =>
              facet.region ? (
                <option key={facet.region.code} value={facet.region.code}>
                  {english ? facet.region.nameEn : facet.region.name}
                </option>
              ) : null,
            )}
          </select>
        </label>
        <label>
          {t.filterSharing}
          <select
            name="sharing"
            value={form.sharing}
            onChange={(event) => setForm({ ...form, sharing: event.currentTarget.value as SharingMode | '' })}
          >
            <option value="">{t.filterAny}</option>
            {Object.entries(SHARING).map(([value, names]) => (
              <option key={value} value={value}>
                {english ? names[1] : names[0]}
              </option>
            ))}
          </select>
        </label>
        <fieldset class="free-window">
          <legend>{t.freeWindow}</legend>
          <label>
            {t.freeFrom}
            <input
              type="date"
              name="from"
              value={form.freeFrom}
              onInput={(event) => setForm({ ...form, freeFrom: event.currentTarget.value })}
            />
          </label>
          <label>
            {t.freeTo}
            <input
              type="date"
              name="to"
              value={form.freeTo}
              onInput={(event) => setForm({ ...form, freeTo: event.currentTarget.value })}
            />
          </label>
          <label>
            {t.freeHours}
            <input
              type="number"
              name="hours"
              min="0.5"
              step="0.5"
              value={form.freeHours}
              onInput={(event) => setForm({ ...form, freeHours: event.currentTarget.value })}
            />
          </label>
        </fieldset>
        <button type="submit">{t.searchButton}</button>
      </form>

      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      {facets && (
        <fieldset class="facets">
          <legend class="visually-hidden">{t.filterIndustry}</legend>
          {facets.industry.map((facet) => (
            <button
              type="button"
              key={facet.industry}
              class={params.industry === facet.industry ? 'chip active' : 'chip'}
              aria-pressed={params.industry === facet.industry}
              onClick={() => go({ ...params, industry: params.industry === facet.industry ? '' : facet.industry })}
            >
              {english ? INDUSTRIES[facet.industry][1] : INDUSTRIES[facet.industry][0]} <span>{facet.count}</span>
            </button>
          ))}
        </fieldset>
      )}
      <p aria-live="polite" class="count">
        {loading ? t.loading : result ? t.results(result.totalCount) : ''}
      </p>
      {result && result.totalCount === 0 && <p>{t.noResults}</p>}
      <ul class="results">
        {edges.map(({ node }) => (
          <li key={node.id} class="card">
            <h2>
              <a href={`/instruments/${encodeURIComponent(node.id)}`}>{node.name}</a>
            </h2>
            <p class="meta">
              {node.instrumentClass.name} · {node.model}
            </p>
            <dl>
              <dt>{t.owner}</dt>
              <dd>{node.owner?.name ?? '—'}</dd>
              <dt>{t.region}</dt>
              <dd>{node.region ? (english ? node.region.nameEn : node.region.name) : '—'}</dd>
              {node.platform && (
                <>
                  <dt>{t.platform}</dt>
                  <dd>{node.platform.name}</dd>
                </>
              )}
              <dt>{t.value}</dt>
              <dd>{t.tenThousandYuan(node.originalValue)}</dd>
            </dl>
          </li>
        ))}
      </ul>
      {hasNext && (
        <button type="button" onClick={loadMore}>
          {t.loadMore}
        </button>
      )}
    </section>
  );
}
