import { appError, type Claims, ErrorCode, Role } from '@gzequip/kit';

/** Indicator scores are for assessors, administrators and the assessed platform's operator. */
export function canSeeScores(viewer: Claims, platformId: string): boolean {
  if (viewer.role === Role.ASSESSOR || viewer.role === Role.ADMIN) return true;
  return viewer.role === Role.PLATFORM_OPERATOR && viewer.platformIds.includes(platformId);
}

/** Rounds not yet published are for assessors and administrators. */
export function canSeeDrafts(viewer: Claims): boolean {
  return viewer.role === Role.ASSESSOR || viewer.role === Role.ADMIN;
}

/** Schemes and rounds are run by administrators. */
export function mustAdminister(viewer: Claims, what: string): void {
  if (viewer.role !== Role.ADMIN) throw appError(ErrorCode.FORBIDDEN, `Only administrators ${what}`);
}
