import { type Claims, Role } from '@gzequip/kit';

/** Indicator scores are for assessors, administrators and the assessed platform's operator. */
export function canSeeScores(viewer: Claims, platformId: string): boolean {
  if (viewer.role === Role.ASSESSOR || viewer.role === Role.ADMIN) return true;
  return viewer.role === Role.PLATFORM_OPERATOR && viewer.platformIds.includes(platformId);
}
