/**
 * Matching events (产销对接活动, plan row 3): the days the provincial industry department brought
 * buyers and makers together around an industry or two, with who came, the demands and products
 * brought, so that the contracts that came of them (computed by the graph, never stored) show.
 *
 * Believable for the province: eight events through 2025, when the demand survey ran (it begins
 * 2025-01-03, and a demand is brought only once it was surveyed), in the prefectures whose
 * industries they are about — aviation in Anshun, coal-mine machinery in Liupanshui, robots in
 * Qiannan … — and the provincial ones in Guiyang. A demand is brought while it is open: surveyed on
 * or before the day, not yet contracted, its deadline not passed, and not a draft. The makers who
 * come bring their products of the event's industries; for a few of the demands brought the maker
 * that later won the contract came with the product it won with, so that an event has a few deals
 * (a brought demand's contract, signed on or after the day, for a brought product), now and then
 * none. The other demands' winners stayed away, or came without the product they later won with, so
 * that the deals are the ones drawn.
 *
 * Deterministic, and apart from the other seed data: a PRNG stream of its own, so that adding the
 * events changed no value of the existing tables.
 */
import type { Enterprise } from './enterprises.ts';
import type { CandidateRow, DemandRow, ProductRow } from './supplyDemand.ts';
import {
  AS,
  AU,
  AV,
  EM,
  type Industry,
  IR,
  industries,
  int,
  must,
  PE,
  pad,
  regionOf,
  sample,
  shuffle,
  stream,
  weighted,
} from './world.ts';

export interface MatchingEventRow {
  id: string;
  name: string;
  held_on: string;
  place: string;
  region_code: string;
  industries: Industry[];
}

export interface MatchingEvents {
  matching_event: MatchingEventRow[];
  matching_event_participant: { event_id: string; enterprise_id: string }[];
  matching_event_demand: { event_id: string; demand_id: string }[];
  matching_event_product: { event_id: string; product_id: string }[];
}

/** What the department held: the day, where, around which industries, and what it was called. */
interface Plan {
  name: string;
  heldOn: string;
  region: string;
  place: string;
  focus: readonly Industry[];
  /** Held for the whole province: buyers from every region, not mostly the host's. */
  provincial: boolean;
}

// biome-ignore format: data table
const PLANS: readonly Plan[] = [
  { name: '2025年贵州省工业机器人及智能制造装备产销对接会', heldOn: '2025-03-20', region: '520100',
    place: '贵阳国际生态会议中心', focus: [IR, AU], provincial: true },
  { name: '安顺市航空装备产业链供需对接会', heldOn: '2025-04-17', region: '520400',
    place: '安顺市西秀区黄果树大街安顺市民中心会议厅', focus: [AV], provincial: false },
  { name: '遵义市汽车零部件供需对接活动', heldOn: '2025-05-22', region: '520300',
    place: '遵义市汇川区上海路遵义国际会议中心', focus: [AU], provincial: false },
  { name: '六盘水市煤矿智能化装备及电力装备产销对接会', heldOn: '2025-06-19', region: '520200',
    place: '六盘水市钟山区凉都大道市民服务中心多功能厅', focus: [EM, PE], provincial: false },
  { name: '贵安新区电力装备与智能制造供需对接会', heldOn: '2025-07-24', region: 'GUIAN',
    place: '贵安新区百马大道贵安数字经济产业园会议中心', focus: [PE, IR], provincial: false },
  { name: '2025年贵州省航空航天装备产销对接会', heldOn: '2025-09-11', region: '520100',
    place: '贵阳国际生态会议中心', focus: [AV, AS], provincial: true },
  { name: '黔南州智能制造装备产销对接会', heldOn: '2025-10-16', region: '522700',
    place: '都匀市经开区匀东大道黔南州会展中心', focus: [IR, EM], provincial: false },
  { name: '2025年贵州省先进装备制造业产销对接会暨重大项目设备采购推介会', heldOn: '2025-11-20', region: '520100',
    place: '贵阳市观山湖区林城西路贵州省人民政府会议中心', focus: [AU, EM, PE], provincial: true },
];

/** How many of the demands brought come to a deal: a few, now and then none. */
// biome-ignore format: data table
const DEALS: readonly (readonly [number, number])[] = [[0, 1], [1, 3], [2, 4], [3, 3], [4, 2]];

/** The events, their participants and what was brought; ids `evt-0001`… in the order they were held. */
export function buildMatchingEvents(
  enterprises: readonly Enterprise[],
  products: readonly ProductRow[],
  demands: readonly DemandRow[],
  candidates: readonly CandidateRow[],
): MatchingEvents {
  // 2026-12-06, the matching events' migration (bench-matching draws from 20261206 itself): a stream
  // of its own, so the other tables keep their values.
  return stream(202612061).draw(() => {
    const enterpriseById = new Map(enterprises.map((e) => [e.id, e]));
    const productById = new Map(products.map((row) => [row.id, row]));
    const contractOf = new Map(
      candidates.filter((row) => row.status === 'CONTRACT').map((row) => [row.demand_id, row] as const),
    );
    const out: MatchingEvents = {
      matching_event: [],
      matching_event_participant: [],
      matching_event_demand: [],
      matching_event_product: [],
    };

    [...PLANS]
      .sort((a, b) => a.heldOn.localeCompare(b.heldOn))
      .forEach((plan, k) => {
        const id = `evt-${pad(k + 1, 4)}`;
        const day = plan.heldOn;
        regionOf(plan.region); // a region of the registry, or it throws
        const focus = industries(plan.focus);
        const local = (d: DemandRow) =>
          d.delivery_region_code === plan.region || enterpriseById.get(d.buyer_id)?.region_code === plan.region;

        // Open on the day: surveyed, not a draft, not yet contracted, still wanted.
        const open = demands.filter((d) => {
          const contract = contractOf.get(d.id);
          return (
            focus.includes(d.industry) &&
            d.status !== 'DRAFT' &&
            d.surveyed_on <= day &&
            d.deadline >= day &&
            !(contract?.contract_date && contract.contract_date < day)
          );
        });
        // A prefecture's event draws its own buyers first; a provincial one everybody's.
        const ranked = shuffle(open).sort((a, b) => (plan.provincial ? 0 : Number(local(b)) - Number(local(a))));
        const count = Math.min(ranked.length, int(5, 20));
        const contracted = ranked.filter((d) => contractOf.get(d.id)?.contract_date);
        const dealt = contracted.slice(0, Math.min(contracted.length, weighted(DEALS), count));
        const brought = [...dealt, ...ranked.filter((d) => !dealt.includes(d)).slice(0, count - dealt.length)];

        // The products that won a deal were brought; those that later won another brought demand were not.
        const winners = dealt.map((d) => must(contractOf.get(d.id), d.id).product_id);
        const kept = new Set(
          brought
            .filter((d) => !dealt.includes(d))
            .flatMap((d) => {
              const contract = contractOf.get(d.id);
              return contract ? [contract.product_id] : [];
            }),
        );
        const classes = new Set(brought.map((d) => d.class_code));
        const offered = (row: ProductRow) =>
          !kept.has(row.id) && (focus.includes(row.industry) || classes.has(row.class_code));

        const buyers = [...new Set(brought.map((d) => d.buyer_id))];
        const dealMakers = [...new Set(winners.map((p) => must(productById.get(p), p).enterprise_id))];
        // Other makers with something of the event's to show, the host region's first.
        const others = shuffle(
          [...new Set(products.filter(offered).map((row) => row.enterprise_id))].filter(
            (e) => !dealMakers.includes(e) && !buyers.includes(e),
          ),
        ).sort(
          (a, b) =>
            Number(enterpriseById.get(b)?.region_code === plan.region) -
            Number(enterpriseById.get(a)?.region_code === plan.region),
        );
        const target = int(8, 30);
        const extra = others.slice(0, Math.max(2, target - buyers.length - dealMakers.length));
        const makers = [...dealMakers, ...extra].slice(0, Math.max(dealMakers.length, 30 - buyers.length));
        // Each maker that came (and each buyer that makes things) shows a few of its products of the
        // event's industries; the makers of the deals bring the products they later won with.
        const brings = new Set(winners);
        for (const maker of [...makers, ...buyers]) {
          const own = products.filter((row) => row.enterprise_id === maker && offered(row));
          for (const row of sample(own, int(1, 4))) brings.add(row.id);
        }
        const participants = new Set([...buyers, ...[...brings].map((p) => must(productById.get(p), p).enterprise_id)]);

        out.matching_event.push({
          id,
          name: plan.name,
          held_on: day,
          place: plan.place,
          region_code: plan.region,
          industries: focus,
        });
        for (const enterprise_id of [...participants].sort())
          out.matching_event_participant.push({ event_id: id, enterprise_id });
        for (const demand_id of brought.map((d) => d.id).sort())
          out.matching_event_demand.push({ event_id: id, demand_id });
        for (const product_id of [...brings].sort()) out.matching_event_product.push({ event_id: id, product_id });
      });
    return out;
  });
}
