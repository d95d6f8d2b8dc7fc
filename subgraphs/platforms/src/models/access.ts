import { appError, type Claims, ErrorCode, Role } from '@gzequip/kit';

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
