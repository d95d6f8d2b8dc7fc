import { appError, type Claims, ErrorCode, Role } from '@gzequip/kit';

/** The items are public; creating and changing them is for administrators, and so is the history. */
export function isAdministrator(viewer: Claims): boolean {
  return viewer.role === Role.ADMIN;
}

export function mustAdminister(viewer: Claims, what: string): void {
  if (!isAdministrator(viewer)) throw appError(ErrorCode.FORBIDDEN, `Only administrators ${what}`);
}
