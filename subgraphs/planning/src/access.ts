import { appError, type Claims, ErrorCode, Role } from '@gzequip/kit';

/**
 * Zones, plants and the layout plan are public, as the plan and discharge permits are; changing
 * them is for administrators (the department and the ecology bureau), and so is the history.
 */
export function isAdministrator(viewer: Claims): boolean {
  return viewer.role === Role.ADMIN;
}

export function mustAdminister(viewer: Claims, what: string): void {
  if (!isAdministrator(viewer)) throw appError(ErrorCode.FORBIDDEN, `Only administrators ${what}`);
}
