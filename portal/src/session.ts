/**
 * Who is signed in: the bearer token the gateway verifies, and what it says (role, enterprise,
 * platforms) for the portal to choose what to show. The portal never trusts these claims for
 * access: the gateway and the subgraphs decide every answer.
 */
import { signal } from '@preact/signals';

export interface Claims {
  sub: string;
  role: string;
  enterpriseId?: string;
  platformIds?: string[];
  exp?: number;
}

export interface Session {
  token: string;
  claims: Claims;
}

const STORAGE_KEY = 'gzequip.session';

function decodeClaims(token: string): Claims | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Claims;
    return typeof claims.sub === 'string' && typeof claims.role === 'string' ? claims : undefined;
  } catch {
    return undefined;
  }
}

function expired(claims: Claims): boolean {
  return claims.exp !== undefined && claims.exp * 1000 <= Date.now();
}

function load(): Session | undefined {
  const token = localStorage.getItem(STORAGE_KEY);
  const claims = token ? decodeClaims(token) : undefined;
  if (!token || !claims || expired(claims)) {
    localStorage.removeItem(STORAGE_KEY);
    return undefined;
  }
  return { token, claims };
}

export const session = signal<Session | undefined>(load());

/** Keeps a token; false when it is not a token the portal can read. */
export function signIn(token: string): boolean {
  const claims = decodeClaims(token);
  if (!claims || expired(claims)) return false;
  localStorage.setItem(STORAGE_KEY, token);
  session.value = { token, claims };
  return true;
}

export function signOut(): void {
  localStorage.removeItem(STORAGE_KEY);
  session.value = undefined;
}
