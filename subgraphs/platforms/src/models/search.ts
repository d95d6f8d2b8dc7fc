/**
 * Finding a platform by what it can do, as an SME types it: the text in the platform's names,
 * description, capabilities and their tags, services and credential scopes — one search document
 * the database keeps on every write — as a substring, and by pg_trgm's word similarity for three
 * characters or more. Ranked by where it matched; facets counted in one statement.
 */
import {
  type Connection,
  containsPattern,
  countRows,
  type Database,
  facetSummary,
  keysetPage,
  type NumberRange,
  type OrderFields,
  type Page,
  toConnection,
} from '@gzequip/kit';
import type { Knex } from 'knex';
import type { CredentialKind, Industry, PlatformKind } from '../__generated__/resolvers-types.ts';
import { inForceSql } from './credential.ts';
import { PLATFORM_COLUMNS, type Platform, type PlatformRow, toPlatform } from './platform.ts';

/** A checked search filter, ready to become SQL. */
export interface SearchCriteria {
  kinds: PlatformKind[] | null;
  industries: Industry[] | null;
  regionCodes: string[] | null;
  accreditedBy: CredentialKind | null;
  accredited: boolean | null;
  servicePriceFen: NumberRange | null;
}

export interface PlatformHit extends Platform {
  relevance: number | null;
}

export interface PlatformRegionFacet {
  regionCode: string;
  count: number;
}

export interface PlatformFacets {
  kind: { kind: PlatformKind; count: number }[];
  industry: { industry: Industry; count: number }[];
  region: PlatformRegionFacet[];
  credential: { kind: CredentialKind; count: number }[];
}

export interface PlatformSearchConnection extends Omit<Connection<PlatformHit>, 'edges'> {
  edges: { cursor: string; node: Platform; relevance: number | null }[];
  /** Called by GraphQL only when the facets are selected. */
  facets: () => Promise<PlatformFacets>;
}

export const SEARCH_ORDERS: OrderFields<PlatformHit> = {
  RELEVANCE: { column: 'relevance', value: (hit) => hit.relevance ?? 0 },
  NAME: { column: 'name', value: (hit) => hit.name },
  NEWEST: { column: 'created_at', value: (hit) => hit.createdAt },
};

export class PlatformSearch {
  constructor(private readonly db: Database) {}

  /** The kinds of credential each platform holds in force, as SQL over `platform`. */
  private credentialKindsSql(): string {
    return `array(select distinct c.kind from "${this.db.schema}".credential c
                   where c.platform_id = platform.id and ${inForceSql('c')})`;
  }

  private conditions(criteria: SearchCriteria) {
    const credential: [string, Knex.RawBinding[]][] = [];
    if (criteria.accreditedBy) credential.push([`? = any(${this.credentialKindsSql()})`, [criteria.accreditedBy]]);
    if (criteria.accredited !== null) {
      credential.push([`${criteria.accredited ? '' : 'not '}(cardinality(${this.credentialKindsSql()}) > 0)`, []]);
    }
    const all = (parts: [string, Knex.RawBinding[]][]): [string, Knex.RawBinding[]] | null =>
      parts.length === 0 ? null : [parts.map(([sql]) => `(${sql})`).join(' and '), parts.flatMap(([, b]) => b)];
    return {
      kind: criteria.kinds ? (['kind = any(?::text[])', [criteria.kinds]] as [string, Knex.RawBinding[]]) : null,
      industry: criteria.industries
        ? (['industries && ?::text[]', [criteria.industries]] as [string, Knex.RawBinding[]])
        : null,
      region: criteria.regionCodes
        ? (['region_code = any(?::text[])', [criteria.regionCodes]] as [string, Knex.RawBinding[]])
        : null,
      credential: all(credential),
    };
  }

  /** Matching rows under every condition (or all but the facets' own, for the facets). */
  private matching(text: string | null, criteria: SearchCriteria, withFacetConditions: boolean) {
    const query = this.db.table<PlatformRow>('platform');
    if (text) {
      const lower = text.toLowerCase();
      query.where((match) => {
        match.whereRaw('search_document like ?', [containsPattern(lower)]);
        if ([...lower].length >= 3) match.orWhereRaw('? <% search_title', [lower]);
      });
    }
    const price = criteria.servicePriceFen;
    if (price) {
      query.whereExists((services) => {
        services
          .select(this.db.knex.raw('1'))
          .from(`${this.db.schema}.service as s`)
          .whereRaw('s.platform_id = platform.id');
        if (price.min != null) services.where('s.price_max_fen', '>=', price.min);
        if (price.max != null) services.where('s.price_min_fen', '<=', price.max);
      });
    }
    if (withFacetConditions) {
      for (const condition of Object.values(this.conditions(criteria))) {
        if (condition) query.whereRaw(condition[0], condition[1]);
      }
    }
    return query;
  }

  async search(
    text: string | null,
    criteria: SearchCriteria,
    page: Page<PlatformHit>,
    withFacets: boolean,
  ): Promise<PlatformSearchConnection> {
    let summary: Promise<{ total: number; facets: PlatformFacets }> | undefined;
    const summarize = () => {
      summary ??= this.summary(text, criteria);
      return summary;
    };
    const total = withFacets
      ? async () => (await summarize()).total
      : () => countRows(this.matching(text, criteria, true));
    const inner = this.matching(text, criteria, true).select([...PLATFORM_COLUMNS]);
    if (text) {
      const lower = text.toLowerCase();
      const pattern = containsPattern(lower);
      // The name holding the text counts most, then how close its best word is, then the document.
      inner.select(
        this.db.knex.raw(
          `round((4 * (search_title like ?)::int + 2 * word_similarity(?, search_title)
                  + (search_document like ?)::int)::numeric, 6) as relevance`,
          [pattern, lower, pattern],
        ),
      );
    }
    const rows = (await keysetPage(this.db.query().select('*').from(inner.as('hit')), page)) as (PlatformRow & {
      relevance?: string | number | null;
    })[];
    const hits = rows.map((row) => ({
      ...toPlatform(row),
      relevance: row.relevance == null ? null : Number(row.relevance),
    }));
    const connection = toConnection(hits, page, total);
    return {
      ...connection,
      edges: connection.edges.map(({ cursor, node }) => ({ cursor, node, relevance: node.relevance })),
      facets: async () => (await summarize()).facets,
    };
  }

  private async summary(
    text: string | null,
    criteria: SearchCriteria,
  ): Promise<{ total: number; facets: PlatformFacets }> {
    const conditions = this.conditions(criteria);
    const { total, counts } = await facetSummary(this.db, this.matching(text, criteria, false), [
      { name: 'kind', column: 'kind', condition: conditions.kind },
      { name: 'industry', column: 'industries', unnest: true, condition: conditions.industry },
      { name: 'region', column: 'region_code', condition: conditions.region },
      { name: 'credential', column: this.credentialKindsSql(), unnest: true, condition: conditions.credential },
    ]);
    const of = (name: string) => counts[name] ?? [];
    return {
      total,
      facets: {
        kind: of('kind').map(({ value, count }) => ({ kind: value as PlatformKind, count })),
        industry: of('industry').map(({ value, count }) => ({ industry: value as Industry, count })),
        region: of('region').map(({ value, count }) => ({ regionCode: value as string, count })),
        credential: of('credential').map(({ value, count }) => ({ kind: value as CredentialKind, count })),
      },
    };
  }
}
