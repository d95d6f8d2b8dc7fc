import { appError, type Claims, ErrorCode, Role } from '@gzequip/kit';
import type { Knex } from 'knex';

/** A platform's operators (their token names the platform) and administrators act for it. */
export function operates(viewer: Claims, platformId: string): boolean {
  if (viewer.role === Role.ADMIN) return true;
  return viewer.role === Role.PLATFORM_OPERATOR && viewer.platformIds.includes(platformId);
}

export function mustOperate(viewer: Claims, platformId: string, what: string): void {
  if (!operates(viewer, platformId)) {
    throw appError(ErrorCode.FORBIDDEN, `Only the operators of platform ${platformId} and administrators may ${what}`);
  }
}

/** The two sides of what passes between an enterprise and a platform: threads, quotes, orders. */
export type Side = 'ENTERPRISE' | 'PLATFORM';

/**
 * The caller's part in such a record: a side, ADMIN (reads and resolves, never acts as a side),
 * or none at all — and then the record is not there for them.
 */
export function partOf(viewer: Claims, record: { enterpriseId: string; platformId: string }): Side | 'ADMIN' | null {
  if (viewer.role === Role.ADMIN) return 'ADMIN';
  if (viewer.role === Role.ENTERPRISE_USER && viewer.enterpriseId === record.enterpriseId) return 'ENTERPRISE';
  if (viewer.role === Role.PLATFORM_OPERATOR && viewer.platformIds.includes(record.platformId)) return 'PLATFORM';
  return null;
}

/** The rows (with `enterprise_id` and `platform_id`) the caller is a party to, as SQL: none for anyone else. */
export function restrictToParties(query: Knex.QueryBuilder, viewer: Claims): void {
  if (viewer.role === Role.ADMIN) return;
  if (viewer.role === Role.ENTERPRISE_USER && viewer.enterpriseId) query.where('enterprise_id', viewer.enterpriseId);
  else if (viewer.role === Role.PLATFORM_OPERATOR && viewer.platformIds.length > 0) {
    query.whereIn('platform_id', viewer.platformIds);
  } else query.whereRaw('false');
}

/** What is an enterprise's and the department's alone (vouchers): an enterprise user's own, all for administrators. */
export function restrictToEnterprise(query: Knex.QueryBuilder, viewer: Claims): void {
  if (viewer.role === Role.ADMIN) return;
  if (viewer.role === Role.ENTERPRISE_USER && viewer.enterpriseId) query.where('enterprise_id', viewer.enterpriseId);
  else query.whereRaw('false');
}

/**
 * What is a platform's and the department's alone (redemption claims): the rows (with
 * `platform_id`) of an operator's platforms, all for administrators, none for anyone else.
 */
export function restrictToPlatforms(query: Knex.QueryBuilder, viewer: Claims): void {
  if (viewer.role === Role.ADMIN) return;
  if (viewer.role === Role.PLATFORM_OPERATOR && viewer.platformIds.length > 0) {
    query.whereIn('platform_id', viewer.platformIds);
  } else query.whereRaw('false');
}
