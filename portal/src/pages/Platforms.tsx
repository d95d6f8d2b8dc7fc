import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { ErrorNotice, FailureNotice } from '../components/Layout.tsx';
import { yuan } from '../format.ts';
import { request } from '../graph.ts';
import type { CredentialKind, PlatformKind } from '../graphql/graphql.ts';
import { graphql } from '../graphql/index.ts';
import { useLocale, useT } from '../i18n.ts';
import { session } from '../session.ts';
import { useAction, useQuery } from '../useGraph.ts';
import { INDUSTRIES } from './Search.tsx';

const SearchPlatforms = graphql(`
  query SearchPlatforms($text: String, $filter: PlatformSearchFilter) {
    searchPlatforms(text: $text, filter: $filter, first: 50) {
      totalCount
      edges {
        node {
          id
          name
          nameEn
          kind
          industriesServed
          region {
            name
            nameEn
          }
          capabilities {
            name
          }
          accredited
        }
      }
      facets {
        kind {
          kind
          count
        }
        credential {
          kind
          count
        }
      }
    }
  }
`);

const PlatformPage = graphql(`
  query PlatformPage($id: ID!) {
    platform(id: $id) {
      id
      name
      nameEn
      kind
      description
      website
      establishedYear
      industriesServed
      region {
        name
        nameEn
      }
      operator {
        name
      }
      capabilities {
        name
        description
      }
      services {
        id
        name
        description
        unit
        unitNote
        priceMinFen
        priceMaxFen
        leadTimeDays
      }
      credentials {
        id
        kind
        number
        scope
        validUntil
        status
      }
    }
  }
`);

const OpenThread = graphql(`
  mutation OpenThread($input: OpenThreadInput!) {
    openThread(input: $input) {
      id
    }
  }
`);

export const KINDS: Record<PlatformKind, [string, string]> = {
  INSTRUMENT_SHARING: ['仪器共享', 'Instrument sharing'],
  TESTING_CERTIFICATION: ['检验检测认证', 'Testing and certification'],
  RESEARCH_DEVELOPMENT: ['研发设计', 'Research and development'],
  INDUSTRIAL_DESIGN: ['工业设计', 'Industrial design'],
  INDUSTRIAL_INTERNET: ['工业互联网', 'Industrial internet'],
  TECHNOLOGY_TRANSFER: ['技术转移', 'Technology transfer'],
  TRAINING: ['人才培训', 'Training'],
};

const CREDENTIALS: Record<CredentialKind, string> = { CNAS: 'CNAS', CMA: 'CMA', CAL: 'CAL', OTHER: '—' };

export function PlatformSearch() {
  const t = useT();
  const { locale } = useLocale();
  const english = locale === 'en';
  const { query, route } = useLocation();
  const [text, setText] = useState(query.q ?? '');
  const kind = (query.kind ?? '') as PlatformKind | '';
  const { data, error, loading, reload } = useQuery(SearchPlatforms, {
    text: query.q || null,
    filter: kind ? { kind } : {},
  });
  const result = data?.searchPlatforms;
  const go = (next: { q?: string; kind?: string }) => {
    const search = new URLSearchParams(Object.entries(next).filter(([, value]) => value) as [string, string][]);
    route(search.size ? `/platforms?${search}` : '/platforms');
  };
  return (
    <section>
      <h1>{t.platformsTitle}</h1>
      <form
        class="search-form"
        aria-label={t.platformsTitle}
        onSubmit={(event) => {
          event.preventDefault();
          go({ q: text, kind });
        }}
      >
        <label class="wide">
          <span class="visually-hidden">{t.platformsTitle}</span>
          <input
            type="search"
            value={text}
            placeholder={t.platformsPlaceholder}
            onInput={(event) => setText(event.currentTarget.value)}
          />
        </label>
        <button type="submit">{t.searchButton}</button>
      </form>
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      {result && (
        <fieldset class="facets">
          <legend class="visually-hidden">{t.platformKind}</legend>
          {result.facets.kind.map((facet) => (
            <button
              type="button"
              key={facet.kind}
              class={kind === facet.kind ? 'chip active' : 'chip'}
              aria-pressed={kind === facet.kind}
              onClick={() => go({ q: query.q ?? '', kind: kind === facet.kind ? '' : facet.kind })}
            >
              {KINDS[facet.kind][english ? 1 : 0]} <span>{facet.count}</span>
            </button>
          ))}
        </fieldset>
      )}
      <p aria-live="polite" class="count">
        {loading ? t.loading : result ? t.platformResults(result.totalCount) : ''}
      </p>
      <ul class="results">
        {result?.edges.map(({ node }) => (
          <li key={node.id} class="card platform">
            <h2>
              <a href={`/platforms/${encodeURIComponent(node.id)}`}>
                {english && node.nameEn ? node.nameEn : node.name}
              </a>
            </h2>
            <p class="meta">
              {KINDS[node.kind][english ? 1 : 0]} ·{' '}
              {node.region ? (english ? node.region.nameEn : node.region.name) : '—'}
              {node.accredited ? ` · ${t.accredited}` : ''}
            </p>
            <p>{node.capabilities.map((capability) => capability.name).join('，')}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Platform() {
  const t = useT();
  const { locale } = useLocale();
  const english = locale === 'en';
  const { params } = useRoute();
  const { route } = useLocation();
  const { data, error, loading, reload } = useQuery(PlatformPage, { id: params.id ?? '' });
  const [ask, setAsk] = useState({ subject: '', body: '', serviceId: '' });
  const { failure: refusal, run } = useAction();
  if (error) return <ErrorNotice error={error} retry={reload} />;
  if (loading && !data) return <p aria-live="polite">{t.loading}</p>;
  const platform = data?.platform;
  if (!platform) return <p>{t.notFound}</p>;
  const send = (event: Event) => {
    event.preventDefault();
    return run(async () => {
      const answer = await request(OpenThread, {
        input: {
          platformId: platform.id,
          subject: ask.subject,
          body: ask.body,
          ...(ask.serviceId ? { serviceId: ask.serviceId } : {}),
        },
      });
      if (answer.openThread) route(`/threads/${encodeURIComponent(answer.openThread.id)}`);
    });
  };
  return (
    <article class="instrument">
      <p class="meta">{KINDS[platform.kind][english ? 1 : 0]}</p>
      <h1>{english && platform.nameEn ? platform.nameEn : platform.name}</h1>
      <dl class="facts">
        <dt>{t.operator}</dt>
        <dd>{platform.operator?.name ?? '—'}</dd>
        <dt>{t.region}</dt>
        <dd>{platform.region ? (english ? platform.region.nameEn : platform.region.name) : '—'}</dd>
        <dt>{t.filterIndustry}</dt>
        <dd>{platform.industriesServed.map((industry) => INDUSTRIES[industry][english ? 1 : 0]).join('，')}</dd>
        {platform.establishedYear && (
          <>
            <dt>{t.established}</dt>
            <dd>{platform.establishedYear}</dd>
          </>
        )}
      </dl>
      {platform.description && <p>{platform.description}</p>}
      <h2>{t.services}</h2>
      <table class="services">
        <thead>
          <tr>
            <th scope="col">{t.service}</th>
            <th scope="col">{t.price}</th>
            <th scope="col">{t.leadTime}</th>
          </tr>
        </thead>
        <tbody>
          {platform.services.map((service) => (
            <tr key={service.id}>
              <th scope="row">
                {service.name}
                {service.description && <p class="meta">{service.description}</p>}
              </th>
              <td>
                ¥{yuan(service.priceMinFen)}
                {service.priceMaxFen !== service.priceMinFen ? `–${yuan(service.priceMaxFen)}` : ''} /{' '}
                {t.serviceUnits[service.unit] ?? service.unit}
              </td>
              <td>{t.days(service.leadTimeDays)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t.credentials}</h2>
      {platform.credentials.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <ul>
          {platform.credentials.map((credential) => (
            <li key={credential.id}>
              {CREDENTIALS[credential.kind]} {credential.number} · {credential.scope} ·{' '}
              {t.validUntil(credential.validUntil)}
              {credential.status !== 'IN_FORCE' ? ` (${credential.status})` : ''}
            </li>
          ))}
        </ul>
      )}
      <h2>{t.askTitle}</h2>
      {session.value ? (
        <form class="booking-form" onSubmit={send}>
          <label class="wide">
            {t.askSubject}
            <input
              required
              maxLength={100}
              value={ask.subject}
              onInput={(e) => setAsk({ ...ask, subject: e.currentTarget.value })}
            />
          </label>
          <label class="wide">
            {t.service}
            <select value={ask.serviceId} onChange={(e) => setAsk({ ...ask, serviceId: e.currentTarget.value })}>
              <option value="">{t.filterAny}</option>
              {platform.services.map((service) => (
                <option key={service.id} value={service.id}>
                  {service.name}
                </option>
              ))}
            </select>
          </label>
          <label class="wide">
            {t.askBody}
            <textarea
              required
              maxLength={2000}
              value={ask.body}
              onInput={(e) => setAsk({ ...ask, body: e.currentTarget.value })}
            />
          </label>
          <button type="submit">{t.askSend}</button>
          <FailureNotice failure={refusal} />
        </form>
      ) : (
        <p>
          <a href={`/sign-in?next=${encodeURIComponent(`/platforms/${platform.id}`)}`}>{t.askSignInFirst}</a>
        </p>
      )}
    </article>
  );
}
