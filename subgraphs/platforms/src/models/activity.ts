/**
 * What each platform did through the graph, a calendar year (Asia/Shanghai) at a time: its
 * credentials in force at the year's end, the threads enterprises opened with it and how soon it
 * first answered them, the orders settled. Counts only — no party, no amount — and the same for
 * every caller, so the assessments subgraph can score from them through federation.
 */
import type { Database } from '@gzequip/kit';
import { inForceSql } from './credential.ts';

/** How many days of answering a year's entry counts: element n−1 counts answers within n days. */
export const ANSWER_DAYS = 30;

/** Activity starts no earlier than this year, whatever a platform's record claims. */
export const FIRST_ACTIVITY_YEAR = 2000;

export interface PlatformActivityYear {
  platformId: string;
  year: number;
  credentialsInForce: number;
  threadsOpened: number;
  threadsAnsweredWithinDays: number[];
  ordersSettled: number;
}

interface ActivityRow {
  platform_id: string;
  year: number;
  credentials_in_force: number;
  threads_opened: number;
  threads_answered_within_days: number[];
  orders_settled: number;
}

function toActivityYear(row: ActivityRow): PlatformActivityYear {
  return {
    platformId: row.platform_id,
    year: Number(row.year),
    credentialsInForce: Number(row.credentials_in_force),
    threadsOpened: Number(row.threads_opened),
    threadsAnsweredWithinDays: row.threads_answered_within_days.map(Number),
    ordersSettled: Number(row.orders_settled),
  };
}

/** SQL: the Asia/Shanghai calendar year of a timestamptz expression. */
const yearOf = (instant: string) => `extract(year from (${instant}) at time zone 'Asia/Shanghai')::int`;

export class ActivityModel {
  constructor(private readonly db: Database) {}

  /**
   * Every year of each platform's activity, ascending, in one statement whatever the number of
   * platforms: the years from the earliest of its established year and its first credential,
   * thread and order (not before 2000) to `today`'s year, each with:
   * - credentials in force on 31 December (on `today` for the current year), the rule that makes a
   *   credential's status IN_FORCE;
   * - threads opened that year, and for n = 1…30 those whose first message from the platform's
   *   side came within n days of the opening. A thread is opened with its first message, in one
   *   transaction; the earlier of the two instants counts (threads of the demo data were filed
   *   after their messages were written);
   * - orders settled that year: when the order's history records its move to SETTLED.
   * A platform not among the rows (an unknown id) has no entries.
   */
  async findByPlatformIds(platformIds: readonly string[], today: string): Promise<PlatformActivityYear[]> {
    const s = `"${this.db.schema}"`;
    const currentYear = Number(today.slice(0, 4));
    const answered = Array.from(
      { length: ANSWER_DAYS },
      (_, i) => `count(*) filter (where answered_after <= interval '${i + 1} days')`,
    ).join(',\n                 ');
    const rows = await this.db.raw<ActivityRow>(
      `with thread_opened as (
         select t.platform_id, ${yearOf('least(t.created_at, m.opened_at)')} as year,
                m.answered_at - least(t.created_at, m.opened_at) as answered_after
           from ${s}.thread t
           cross join lateral (
             select min(created_at) as opened_at,
                    min(created_at) filter (where side = 'PLATFORM') as answered_at
               from ${s}.message where thread_id = t.id) m
          where t.platform_id = any(?::text[])),
       thread_year as (
         select platform_id, year, count(*)::int as opened,
                array[${answered}]::int[] as answered
           from thread_opened
          group by platform_id, year),
       order_year as (
         select o.platform_id, ${yearOf('h.changed_at')} as year, count(distinct o.id)::int as settled
           from ${s}.service_order o
           join ${s}.change_history h
             on h.entity = 'Order' and h.record_id = o.id and h.changes -> 'status' ->> 'to' = 'SETTLED'
          where o.platform_id = any(?::text[])
          group by 1, 2),
       platform_year as (
         select p.id as platform_id, y.year, least(make_date(y.year, 12, 31), ?::date) as last_day
           from ${s}.platform p
           cross join lateral generate_series(
             greatest(${FIRST_ACTIVITY_YEAR}, least(
               p.established_year,
               (select min(extract(year from c.valid_from))::int from ${s}.credential c where c.platform_id = p.id),
               (select min(ty.year) from thread_year ty where ty.platform_id = p.id),
               (select min(${yearOf('o.created_at')}) from ${s}.service_order o where o.platform_id = p.id),
               ?::int)),
             ?::int) as y(year)
          where p.id = any(?::text[]))
       select py.platform_id, py.year,
              (select count(*) from ${s}.credential c
                where c.platform_id = py.platform_id
                  and ${inForceSql('c', 'py.last_day')})::int as credentials_in_force,
              coalesce(ty.opened, 0) as threads_opened,
              coalesce(ty.answered, array_fill(0, array[${ANSWER_DAYS}])) as threads_answered_within_days,
              coalesce(oy.settled, 0) as orders_settled
         from platform_year py
         left join thread_year ty on ty.platform_id = py.platform_id and ty.year = py.year
         left join order_year oy on oy.platform_id = py.platform_id and oy.year = py.year
        order by py.platform_id, py.year`,
      [[...platformIds], [...platformIds], today, currentYear, currentYear, [...platformIds]],
    );
    return rows.map(toActivityYear);
  }
}
