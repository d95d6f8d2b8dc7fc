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
  facetSummary,
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

/** Each facet's own condition from the filter, as SQL over the matching rows; null when open. */
function facetConditions(criteria: EnterpriseCriteria): Record<string, [string, Knex.RawBinding[]] | null> {
  return {
    type: criteria.types ? ['type = any(?::text[])', [criteria.types]] : null,
    region: criteria.regionCodes ? ['region_code = any(?::text[])', [criteria.regionCodes]] : null,
    industry: criteria.industries ? ['industries && ?::text[]', [criteria.industries]] : null,
    scale: criteria.scales ? ['scale = any(?::text[])', [criteria.scales]] : null,
  };
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
    const conditions = facetConditions(criteria);
    const { total, counts } = await facetSummary(
      this.db,
      matching({ ...criteria, types: null, regionCodes: null, industries: null, scales: null }),
      [
        { name: 'type', column: 'type', condition: conditions.type ?? null },
        { name: 'region', column: 'region_code', condition: conditions.region ?? null },
        { name: 'industry', column: 'industries', unnest: true, condition: conditions.industry ?? null },
        { name: 'scale', column: 'scale', condition: conditions.scale ?? null },
      ],
    );
    const of = (name: string) => counts[name] ?? [];
    return {
      total,
      facets: {
        type: of('type').map(({ value, count }) => ({ type: value as EnterpriseType, count })),
        region: of('region').map(({ value, count }) => ({ regionCode: value as string, count })),
        industry: of('industry').map(({ value, count }) => ({ industry: value as Industry, count })),
        scale: of('scale').map(({ value, count }) => ({ scale: value as EnterpriseScale | null, count })),
      },
    };
  }
}
