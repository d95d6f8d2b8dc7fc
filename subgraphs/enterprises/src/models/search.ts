/**
 * Finding an enterprise as a buyer or an official types it: a fragment of the name (Chinese has no
 * spaces, so as a substring, and by pg_trgm's word similarity for three characters or more, both
 * served by a trigram index on PostgreSQL and PGlite) or the start of a credit code. Facets are
 * counted in one statement over the matching rows, each under every condition but its own.
 */
import {
  type Connection,
  containsPattern,
  countRows,
  type Database,
  keysetPage,
  type OrderFields,
  type Page,
  toConnection,
} from '@gzequip/kit';
import type { Knex } from 'knex';
import type { EnterpriseScale, EnterpriseType, Industry } from '../__generated__/resolvers-types.ts';
import type { EnterpriseRow } from '../db.ts';
import { applyCriteria, type Enterprise, type EnterpriseCriteria, toEnterprise } from './enterprise.ts';

export interface EnterpriseHit extends Enterprise {
  relevance: number | null;
}

export interface EnterpriseRegionFacet {
  regionCode: string;
  count: number;
}

export interface EnterpriseFacets {
  type: { type: EnterpriseType; count: number }[];
  region: EnterpriseRegionFacet[];
  industry: { industry: Industry; count: number }[];
  scale: { scale: EnterpriseScale | null; count: number }[];
}

export interface EnterpriseSearchConnection extends Omit<Connection<EnterpriseHit>, 'edges'> {
  edges: { cursor: string; node: Enterprise; relevance: number | null }[];
  /** Called by GraphQL only when the facets are selected. */
  facets: () => Promise<EnterpriseFacets>;
}

export const ENTERPRISE_SEARCH_ORDERS: OrderFields<EnterpriseHit> = {
  RELEVANCE: { column: 'relevance', value: (hit) => hit.relevance ?? 0 },
  NAME: { column: 'name', value: (hit) => hit.name },
  NEWEST: { column: 'created_at', value: (hit) => hit.createdAt },
};

/** Text that could be the start of a credit code: six to eighteen characters of its alphabet. */
const CREDIT_CODE_START = /^[0-9A-HJ-NPQRTUWXY]{6,18}$/;

function whereMatches(query: Knex.QueryBuilder, text: string): void {
  const lower = text.toLowerCase();
  query.where((match) => {
    match.whereRaw('search_name like ?', [containsPattern(lower)]);
    if ([...lower].length >= 3) match.orWhereRaw('? <% search_name', [lower]);
    if (CREDIT_CODE_START.test(text.toUpperCase())) match.orWhere('credit_code', 'like', `${text.toUpperCase()}%`);
  });
}

/** The credit code's start counts most, then the name holding the text, then how close its best word is. */
function relevanceSql(text: string): { sql: string; bindings: string[] } {
  const lower = text.toLowerCase();
  return {
    sql: `round((4 * (credit_code like ?)::int + 2 * (search_name like ?)::int + word_similarity(?, search_name))::numeric, 6)`,
    bindings: [`${text.toUpperCase()}%`, containsPattern(lower), lower],
  };
}

/** The facets' own conditions, as SQL flags over the matching rows. */
const FACETS = ['types', 'regionCodes', 'industries', 'scales'] as const;

function facetPredicate(criteria: EnterpriseCriteria, facet: (typeof FACETS)[number]): [string, Knex.RawBinding[]] {
  switch (facet) {
    case 'types':
      return criteria.types ? ['type = any(?::text[])', [criteria.types]] : ['true', []];
    case 'regionCodes':
      return criteria.regionCodes ? ['region_code = any(?::text[])', [criteria.regionCodes]] : ['true', []];
    case 'industries':
      return criteria.industries ? ['industries && ?::text[]', [criteria.industries]] : ['true', []];
    case 'scales':
      return criteria.scales ? ['scale = any(?::text[])', [criteria.scales]] : ['true', []];
  }
}

export class EnterpriseSearch {
  constructor(private readonly db: Database) {}

  async search(
    text: string | null,
    criteria: EnterpriseCriteria,
    page: Page<EnterpriseHit>,
    withFacets: boolean,
  ): Promise<EnterpriseSearchConnection> {
    const matching = (withCriteria: EnterpriseCriteria) => {
      const query = this.db.table<EnterpriseRow>('enterprise');
      applyCriteria(query, withCriteria);
      if (text) whereMatches(query, text);
      return query;
    };
    let summary: Promise<{ total: number; facets: EnterpriseFacets }> | undefined;
    const summarize = () => {
      summary ??= this.summary(matching, criteria);
      return summary;
    };
    const total = withFacets ? async () => (await summarize()).total : () => countRows(matching(criteria));
    const inner = matching(criteria).select('*');
    if (text) {
      const relevance = relevanceSql(text);
      inner.select(this.db.knex.raw(`${relevance.sql} as relevance`, relevance.bindings));
    }
    const rows = (await keysetPage(this.db.query().select('*').from(inner.as('hit')), page)) as (EnterpriseRow & {
      relevance?: string | number | null;
    })[];
    const hits = rows.map((row) => ({
      ...toEnterprise(row),
      relevance: row.relevance == null ? null : Number(row.relevance),
    }));
    const connection = toConnection(hits, page, total);
    return {
      ...connection,
      edges: connection.edges.map(({ cursor, node }) => ({ cursor, node, relevance: node.relevance })),
      facets: async () => (await summarize()).facets,
    };
  }

  /** The total and the four facets in one statement, each facet counted under the others' conditions. */
  private async summary(
    matching: (criteria: EnterpriseCriteria) => Knex.QueryBuilder,
    criteria: EnterpriseCriteria,
  ): Promise<{ total: number; facets: EnterpriseFacets }> {
    const predicates = FACETS.map((facet) => facetPredicate(criteria, facet));
    const base = matching({ ...criteria, types: null, regionCodes: null, industries: null, scales: null })
      .select('type', 'region_code', 'industries', 'scale')
      .select(
        this.db.knex.raw(
          predicates.map(([sql], i) => `(${sql}) as m${i}`).join(', '),
          predicates.flatMap(([, bindings]) => bindings),
        ),
      )
      .toSQL();
    const others = (skip: number) =>
      FACETS.map((_, i) => i)
        .filter((i) => i !== skip)
        .map((i) => `m${i}`)
        .join(' and ');
    const rows = await this.db.raw<{ facet: string; value: string | null; count: number }>(
      `with base as (${base.sql})
      select 'type' as facet, type as value, count(*)::int as count from base where ${others(0)} group by type
      union all
      select 'region', region_code, count(*)::int from base where ${others(1)} group by region_code
      union all
      select 'industry', i.value, count(*)::int from base, unnest(base.industries) as i(value)
        where ${others(2)} group by i.value
      union all
      select 'scale', scale, count(*)::int from base where ${others(3)} group by scale
      union all
      select 'total', null, count(*)::int from base where ${others(-1)}
      order by facet, count desc, value`,
      base.bindings as Knex.RawBinding[],
    );
    const of = (facet: string) => rows.filter((row) => row.facet === facet);
    return {
      total: of('total')[0]?.count ?? 0,
      facets: {
        type: of('type').map((row) => ({ type: row.value as EnterpriseType, count: row.count })),
        region: of('region').map((row) => ({ regionCode: row.value as string, count: row.count })),
        industry: of('industry').map((row) => ({ industry: row.value as Industry, count: row.count })),
        scale: of('scale').map((row) => ({ scale: row.value as EnterpriseScale | null, count: row.count })),
      },
    };
  }
}
