import { useSyncExternalStore } from 'react';

export interface Session { token: string; user: string; role: string; county: string }

const KEY = 'projectledger.session';
const listeners = new Set<() => void>();
let cached: Session | null | undefined;

function read(): Session | null {
  if (cached !== undefined) return cached;
  try {
    const raw = sessionStorage.getItem(KEY);
    cached = raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    cached = null;
  }
  return cached;
}

export function getSession(): Session | null {
  return read();
}

export function getToken(): string | null {
  return read()?.token ?? null;
}

export function setSession(session: Session | null): void {
  cached = session;
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, read, read);
}

/** The county a user is bound to, or null when the user may read every county. */
export function boundCounty(session: Session | null): string | null {
  if (!session || session.county === '*' || session.role === 'auditor' || session.role === 'admin') return null;
  return session.county;
}
