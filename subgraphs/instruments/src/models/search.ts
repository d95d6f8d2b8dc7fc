/**
 * The search an SME types. Chinese has no spaces, so a word index cannot find 电镜 inside
 * 扫描电子显微镜: the text is matched as a substring of a generated search document and by
 * pg_trgm's word similarity (a trigram GIN index serves both, on PostgreSQL and PGlite), and
 * ranked by where it matched. Facets are counted in one statement over the matching rows, each
 * under every condition but its own.
 */
import {
  type Claims,
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
import type { EnterpriseType, Industry, SharingMode } from '../__generated__/resolvers-types.ts';
import type { InstrumentClass } from './classification.ts';
import {
  applyCriteria,
  type Instrument,
  type InstrumentCriteria,
  type InstrumentRow,
  restrictToVisible,
  toInstrument,
} from './instrument.ts';

/**
 * Abbreviations people type that share no trigram with the full term. Each also searches for
 * its expansion; the README lists them. Keys are lower case.
 */
export const SEARCH_SYNONYMS: Readonly<Record<string, string>> = {
  电镜: '电子显微镜',
  扫描电镜: '扫描电子显微镜',
  透射电镜: '透射电子显微镜',
  sem: '扫描电子显微镜',
  tem: '透射电子显微镜',
  xrd: 'x射线衍射仪',
  xrf: 'x射线荧光光谱仪',
  icp: '电感耦合等离子体',
  'icp-ms': '电感耦合等离子体质谱',
  ct: '计算机断层',
  三坐标: '三坐标测量机',
  cmm: '三坐标测量机',
  红外热像: '红外热像仪',
};

/** An instrument found by a search, with how well it matched (null without text). */
export interface SearchHit extends Instrument {
  relevance: number | null;
}

export interface InstrumentFacets {
  classMajor: { instrumentClass: InstrumentClass; count: number }[];
  industry: { industry: Industry; count: number }[];
  region: { region: { code: string }; count: number }[];
  sharingMode: { sharingMode: SharingMode; count: number }[];
  ownerType: { ownerType: EnterpriseType | null; count: number }[];
}

export interface InstrumentSearchConnection extends Omit<Connection<SearchHit>, 'edges'> {
  edges: { cursor: string; node: Instrument; relevance: number | null }[];
  /** Called by GraphQL only when the facets are selected. */
  facets: () => Promise<InstrumentFacets>;
}

/** What a search can be ordered by (RELEVANCE and NEWEST always descending). */
export const SEARCH_ORDERS: OrderFields<SearchHit> = {
  RELEVANCE: { column: 'relevance', value: (hit) => hit.relevance ?? 0 },
  NAME: { column: 'name', value: (hit) => hit.name },
  ORIGINAL_VALUE: { column: 'original_value', value: (hit) => hit.originalValue },
  NEWEST: { column: 'created_at', value: (hit) => hit.createdAt },
  START_OF_USE: { column: 'start_of_use', value: (hit) => hit.startOfUse },
};

/** The lower-cased text and the expansions of any abbreviation it is. */
function alternativesOf(text: string): string[] {
  const lower = text.toLowerCase();
  const expansion = SEARCH_SYNONYMS[lower];
  return expansion ? [lower, expansion] : [lower];
}

/**
 * Rows matching one of the alternatives. Three characters or more: the document contains it, or
 * the names and model have a word close to it (trigram indexes serve both). Shorter text has no
 * trigram: it is looked for in the names and model, through their indexed character pairs.
 */
function whereMatches(query: Knex.QueryBuilder, alternatives: readonly string[]): void {
  query.where((match) => {
    for (const alternative of alternatives) {
      if ([...alternative].length >= 3) {
        match.orWhereRaw('search_document like ?', [containsPattern(alternative)]);
        match.orWhereRaw('? <% search_title', [alternative]);
      } else if ([...alternative].length === 2) {
        match.orWhereRaw('(search_title_pairs @> array[?]::text[] and search_title like ?)', [
          alternative,
          containsPattern(alternative),
        ]);
      } else {
        match.orWhereRaw('search_title like ?', [containsPattern(alternative)]);
      }
    }
  });
}

/**
 * Relevance: the text in the Chinese name counts most, then in the English name, then how close
 * the name's best word is, then anywhere in the document. Rounded so a cursor can hold it exactly.
 */
function relevanceSql(alternatives: readonly string[]): { sql: string; bindings: string[] } {
  const one = `(4 * (lower(name) like ?)::int + 2 * (lower(coalesce(name_en, '')) like ?)::int
    + 2 * word_similarity(?, lower(name)) + (search_document like ?)::int)`;
  const parts = alternatives.map(() => one);
  return {
    sql: `round((${parts.length > 1 ? `greatest(${parts.join(', ')})` : parts[0]})::numeric, 6)`,
    bindings: alternatives.flatMap((alternative) => {
      const pattern = containsPattern(alternative);
      return [pattern, pattern, alternative, pattern];
    }),
  };
}

/** Facet dimensions: the criterion each answers to, its SQL, and how its rows become answers. */
const FACET_CRITERIA = ['classCodePrefix', 'industries', 'regionCodes', 'sharingModes', 'ownerTypes'] as const;

function facetPredicate(
  criteria: InstrumentCriteria,
  facet: (typeof FACET_CRITERIA)[number],
): [string, Knex.RawBinding[]] {
  switch (facet) {
    case 'classCodePrefix':
      return criteria.classCodePrefix ? ['class_code like ?', [`${criteria.classCodePrefix}%`]] : ['true', []];
    case 'industries':
      return criteria.industries ? ['industries && ?::text[]', [criteria.industries]] : ['true', []];
    case 'regionCodes':
      return criteria.regionCodes ? ['region_code = any(?::text[])', [criteria.regionCodes]] : ['true', []];
    case 'sharingModes':
      return criteria.sharingModes ? ['sharing_mode = any(?::text[])', [criteria.sharingModes]] : ['true', []];
    case 'ownerTypes':
      return criteria.ownerTypes ? ['owner_type = any(?::text[])', [criteria.ownerTypes]] : ['true', []];
  }
}

export class InstrumentSearch {
  constructor(private readonly db: Database) {}

  /** A page of matches in the page's order, the total on demand, and the facets on demand. */
  async search(
    text: string | null,
    criteria: InstrumentCriteria,
    page: Page<SearchHit>,
    viewer: Claims,
    withFacets: boolean,
  ): Promise<InstrumentSearchConnection> {
    const alternatives = text ? alternativesOf(text) : [];
    const matching = (withCriteria: InstrumentCriteria) => {
      const query = this.db.table<InstrumentRow>('instrument');
      restrictToVisible(query, viewer);
      applyCriteria(query, withCriteria);
      if (alternatives.length > 0) whereMatches(query, alternatives);
      return query;
    };
    // Asked for facets, the total comes from the same statement: the matching rows are found once.
    let summary: Promise<{ total: number; facets: InstrumentFacets }> | undefined;
    const summarize = () => {
      summary ??= this.summary(matching, criteria);
      return summary;
    };
    const total = withFacets ? async () => (await summarize()).total : () => countRows(matching(criteria));
    // Started now, the summary runs beside the page on PostgreSQL's pool (PGlite takes them in turn).
    if (withFacets) summarize().catch(() => {});
    const inner = matching(criteria).select('*');
    if (alternatives.length > 0) {
      const relevance = relevanceSql(alternatives);
      inner.select(this.db.knex.raw(`${relevance.sql} as relevance`, relevance.bindings));
    }
    const rows = (await keysetPage(this.db.query().select('*').from(inner.as('hit')), page)) as (InstrumentRow & {
      relevance?: string | number | null;
    })[];
    const hits: SearchHit[] = rows.map((row) => ({
      ...toInstrument(row),
      relevance: row.relevance == null ? null : Number(row.relevance),
    }));
    const connection = toConnection(hits, page, total);
    return {
      ...connection,
      edges: connection.edges.map(({ cursor, node }) => ({ cursor, node, relevance: node.relevance })),
      facets: async () => (await summarize()).facets,
    };
  }

  /**
   * The total and the five facets in one statement: the matching rows found once, each facet
   * counted under the others' conditions.
   */
  private async summary(
    matching: (criteria: InstrumentCriteria) => Knex.QueryBuilder,
    criteria: InstrumentCriteria,
  ): Promise<{ total: number; facets: InstrumentFacets }> {
    const withoutFacets: InstrumentCriteria = {
      ...criteria,
      classCodePrefix: null,
      industries: null,
      regionCodes: null,
      sharingModes: null,
      ownerTypes: null,
    };
    const predicates = FACET_CRITERIA.map((facet) => facetPredicate(criteria, facet));
    const base = matching(withoutFacets)
      .select('class_code', 'industries', 'region_code', 'sharing_mode', 'owner_type')
      .select(
        this.db.knex.raw(
          predicates.map(([sql], i) => `(${sql}) as m${i}`).join(', '),
          predicates.flatMap(([, bindings]) => bindings),
        ),
      )
      .toSQL();
    /** Every facet condition but the one at `skip`. */
    const others = (skip: number) =>
      FACET_CRITERIA.map((_, i) => i)
        .filter((i) => i !== skip)
        .map((i) => `m${i}`)
        .join(' and ');
    const schema = this.db.schema;
    const rows = await this.db.raw<{
      facet: string;
      value: string | null;
      name: string | null;
      name_en: string | null;
      count: number;
    }>(
      `with base as (${base.sql})
      select 'classMajor' as facet, c.code as value, c.name, c.name_en, count(*)::int as count
        from base join "${schema}".instrument_class c on c.code = substr(base.class_code, 1, 2)
        where ${others(0)} group by c.code, c.name, c.name_en
      union all
      select 'industry', i.value, null, null, count(*)::int from base, unnest(base.industries) as i(value)
        where ${others(1)} group by i.value
      union all
      select 'region', region_code, null, null, count(*)::int from base where ${others(2)} group by region_code
      union all
      select 'sharingMode', sharing_mode, null, null, count(*)::int from base where ${others(3)} group by sharing_mode
      union all
      select 'ownerType', owner_type, null, null, count(*)::int from base where ${others(4)} group by owner_type
      union all
      select 'total', null, null, null, count(*)::int from base where ${others(-1)}
      order by facet, count desc, value`,
      base.bindings as Knex.RawBinding[],
    );
    const of = (facet: string) => rows.filter((row) => row.facet === facet);
    const facets: InstrumentFacets = {
      classMajor: of('classMajor').map((row) => ({
        instrumentClass: { code: row.value as string, name: row.name as string, nameEn: row.name_en, parentCode: null },
        count: row.count,
      })),
      industry: of('industry').map((row) => ({ industry: row.value as Industry, count: row.count })),
      region: of('region').map((row) => ({ region: { code: row.value as string }, count: row.count })),
      sharingMode: of('sharingMode').map((row) => ({ sharingMode: row.value as SharingMode, count: row.count })),
      ownerType: of('ownerType').map((row) => ({ ownerType: row.value as EnterpriseType | null, count: row.count })),
    };
    return { total: of('total')[0]?.count ?? 0, facets };
  }
}
