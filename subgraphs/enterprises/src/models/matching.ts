/**
 * Matching a demand to makers' products, with every part of the score shown: each factor is a
 * value from 0 to 1 computed in SQL, its weight is data (`match_weight`, out of 100), and the
 * score is the sum of weight × value — so a buyer sees why a supplier ranks where it does.
 * Products of the demand's class group are candidates; the database ranks them and returns the top.
 */
import type { Database } from '@gzequip/kit';
import type { MatchFactorName } from '../__generated__/resolvers-types.ts';
import type { Demand } from './demand.ts';
import { PRODUCT_COLUMNS, type Product, type ProductRow, toProduct } from './product.ts';

export interface MatchFactor {
  factor: MatchFactorName;
  weight: number;
  value: number;
  points: number;
  explanation: string;
}

export interface SupplierMatch {
  product: Product;
  score: number;
  inProvince: boolean;
  factors: MatchFactor[];
}

export const MATCH_FACTORS: readonly MatchFactorName[] = [
  'CLASS',
  'SPECIFICATION',
  'INDUSTRY',
  'LOCATION',
  'CAPACITY',
  'PRICE',
  'CERTIFICATIONS',
  'PAST_DEALS',
];

interface MatchRow extends ProductRow {
  in_province: boolean;
  maker_region: string;
  maker_region_name: string;
  same_prefecture: boolean;
  maker_certifications: string[];
  deals: number;
  class_value: number;
  specification_value: number;
  industry_value: number;
  location_value: number;
  capacity_value: number;
  price_value: number;
  certifications_value: number;
  past_deals_value: number;
  score: number;
}

const round = (value: number, places = 4) => Math.round(value * 10 ** places) / 10 ** places;
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en', { maximumFractionDigits: 2 })}`;

/** Why each factor has its value, in words a buyer reads. */
function explain(factor: MatchFactorName, row: MatchRow, demand: Demand): string {
  const unitBudget = [demand.budgetMinFen / demand.quantity, demand.budgetMaxFen / demand.quantity];
  switch (factor) {
    case 'CLASS':
      return Number(row.class_value) === 1 ? 'the class asked for' : 'another class of the same group';
    case 'SPECIFICATION':
      return `name and specification ${Math.round(Number(row.specification_value) * 100)}% similar to the demand's (trigram similarity)`;
    case 'INDUSTRY':
      return Number(row.industry_value) === 1
        ? `serves ${demand.industry}`
        : `serves ${row.industry}, not ${demand.industry}`;
    case 'LOCATION':
      if (row.same_prefecture) return `maker in ${row.maker_region_name}, the delivery prefecture`;
      return row.in_province
        ? `maker elsewhere in Guizhou (${row.maker_region_name})`
        : 'maker registered outside Guizhou';
    case 'CAPACITY':
      return `${row.annual_capacity} a year for ${demand.quantity} needed`;
    case 'PRICE': {
      const price = `${yuan(Number(row.price_min_fen))}–${yuan(Number(row.price_max_fen))} a unit`;
      const budget = `${yuan(unitBudget[0] as number)}–${yuan(unitBudget[1] as number)} a unit`;
      if (Number(row.price_value) === 1) return `${price}, within the budget of ${budget}`;
      return Number(row.price_min_fen) > (unitBudget[1] as number)
        ? `${price}, above the budget of ${budget}`
        : `${price}, below the budget of ${budget}`;
    }
    case 'CERTIFICATIONS': {
      const held = [...new Set([...row.certifications, ...row.maker_certifications])];
      const record = [
        row.government_procurement && 'has supplied government procurement',
        row.major_project && 'has supplied a major project',
      ].filter(Boolean);
      return [held.length > 0 ? held.join(', ') : 'no certifications stated', ...record].join('; ');
    }
    case 'PAST_DEALS':
      return row.deals === 0
        ? 'no contracts won through the survey yet'
        : `${row.deals} contract${row.deals === 1 ? '' : 's'} won through the survey`;
  }
}

/** The top `first` products for a demand, best first, each with its factors (one statement). */
export async function matchDemand(
  db: Database,
  demand: Demand,
  first: number,
  inProvinceOnly: boolean,
): Promise<SupplierMatch[]> {
  const s = `"${db.schema}"`;
  const rows = await db.raw<MatchRow>(
    `with w as (select ${MATCH_FACTORS.map((f) => `coalesce(max(weight) filter (where factor = '${f}'), 0) as ${f.toLowerCase()}`).join(', ')}
                 from ${s}.match_weight),
     d as (select ?::text as class_code, ?::text as industry, ${s}.trigram_set(lower(?::text)) as trigrams,
                  ?::int as quantity, ?::bigint as budget_min, ?::bigint as budget_max, ?::text as buyer_kind,
                  coalesce((select parent_code from ${s}.region where code = ?), ?) as prefecture,
                  array(select code from ${s}.product_class where substr(code, 1, 2) = substr(?, 1, 2)) as group_classes),
     deals as (select p.enterprise_id, count(*)::int as deals
                 from ${s}.demand_candidate c join ${s}.product p on p.id = c.product_id
                where c.status = 'CONTRACT' group by p.enterprise_id),
     factors as (
       select p.id, e.in_province, e.region_code as maker_region, r.name as maker_region_name,
              e.certifications as maker_certifications, coalesce(deals.deals, 0) as deals,
              e.in_province and coalesce(r.parent_code, r.code) = d.prefecture as same_prefecture,
              (case when p.class_code = d.class_code then 1.0 else 0.5 end)::float8 as class_value,
              -- Jaccard similarity of the trigram sets, as pg_trgm's similarity() of the texts.
              round(coalesce(icount(p.search_trigrams & d.trigrams)::numeric
                / nullif(icount(p.search_trigrams) + icount(d.trigrams) - icount(p.search_trigrams & d.trigrams), 0), 0), 4)::float8
                as specification_value,
              (p.industry = d.industry)::int::float8 as industry_value,
              (case when e.in_province and coalesce(r.parent_code, r.code) = d.prefecture then 1.0
                    when e.in_province then 0.6 else 0.0 end)::float8 as location_value,
              round(least(1.0, p.annual_capacity::numeric / d.quantity), 4)::float8 as capacity_value,
              round(case when p.price_min_fen * d.quantity <= d.budget_max and p.price_max_fen * d.quantity >= d.budget_min then 1.0
                   when p.price_min_fen * d.quantity > d.budget_max
                     then greatest(0.0, 1.0 - (p.price_min_fen * d.quantity - d.budget_max)::numeric / nullif(d.budget_max, 0))
                   else 0.8 end, 4)::float8 as price_value,
              round(0.7 * (cardinality(p.certifications) + cardinality(e.certifications) > 0)::int
                + 0.3 * (case when d.buyer_kind = 'GOVERNMENT_PROCUREMENT' then p.government_procurement::int
                              when d.buyer_kind = 'MAJOR_PROJECT' then p.major_project::int
                              else (p.government_procurement or p.major_project)::int end), 4)::float8 as certifications_value,
              round(least(1.0, coalesce(deals.deals, 0) / 3.0), 4)::float8 as past_deals_value
         from d
         join ${s}.product p on p.class_code = any(d.group_classes)
         join ${s}.enterprise e on e.id = p.enterprise_id
         join ${s}.region r on r.code = e.region_code
         left join deals on deals.enterprise_id = p.enterprise_id
        ${inProvinceOnly ? 'where e.in_province' : ''}),
     ranked as (
       select factors.*,
              round((w.class * class_value + w.specification * specification_value + w.industry * industry_value
                + w.location * location_value + w.capacity * capacity_value + w.price * price_value
                + w.certifications * certifications_value + w.past_deals * past_deals_value)::numeric, 2)::float8 as score
         from factors, w
        order by score desc, id limit ?)
     select ${PRODUCT_COLUMNS.map((column) => `p.${column}`).join(', ')}, ranked.*
       from ranked join ${s}.product p using (id) order by ranked.score desc, ranked.id`,
    [
      demand.classCode,
      demand.industry,
      demand.specification,
      demand.quantity,
      demand.budgetMinFen,
      demand.budgetMaxFen,
      demand.buyerKind,
      demand.deliveryRegionCode,
      demand.deliveryRegionCode,
      demand.classCode,
      first,
    ],
  );
  const weights = new Map(
    ((await db.table('match_weight').select('factor', 'weight')) as { factor: MatchFactorName; weight: number }[]).map(
      (w) => [w.factor, w.weight],
    ),
  );
  return rows.map((row) => ({
    product: toProduct(row),
    score: Number(row.score),
    inProvince: row.in_province,
    factors: MATCH_FACTORS.map((factor) => {
      const value = Number(row[`${factor.toLowerCase()}_value` as keyof MatchRow]);
      const weight = weights.get(factor) ?? 0;
      return { factor, weight, value, points: round(weight * value, 2), explanation: explain(factor, row, demand) };
    }),
  }));
}
