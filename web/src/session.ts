import { useSyncExternalStore } from 'react';

/**
 * Who is signed in. The session itself is an HttpOnly cookie the server keeps (the browser never
 * holds a token): this is only what the server said about it at GET /api/session.
 */
export interface Session {
  user: string;
  role: string;
  county: string;
  name?: string | null;
  /** Set when the sign-in carries no valid role or county: the server refuses everything, and says why. */
  refusal?: { code: string; detail: string } | null;
}

/** The ways in that this server offers. */
export interface SignInOptions { demo: boolean; provider: boolean }

interface SessionAnswer {
  signedIn: boolean;
  user: string | null;
  name: string | null;
  role: string | null;
  county: string | null;
  refusal: { code: string; detail: string } | null;
  demo: boolean;
  provider: boolean;
}

const listeners = new Set<() => void>();
let current: Session | null = null;
let known = false;
let options: SignInOptions = { demo: false, provider: false };
/** Set when a signed-in session ended under the user (a 401): the sign-in page says so. */
let ended = false;

function emit() {
  listeners.forEach((l) => l());
}

export function getSession(): Session | null {
  return current;
}

export function setSession(session: Session | null): void {
  if (!session && current) ended = true;
  if (session) ended = false;
  current = session;
  known = true;
  emit();
}

/** Asks the server who is signed in (the cookie travels by itself) and which ways in it offers. */
export async function refreshSession(): Promise<Session | null> {
  try {
    const response = await fetch('/api/session', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (response.ok) {
      const answer = (await response.json()) as SessionAnswer;
      options = { demo: answer.demo, provider: answer.provider };
      const session = answer.signedIn && answer.user
        ? { user: answer.user, name: answer.name, role: answer.role ?? '', county: answer.county ?? '', refusal: answer.refusal }
        : null;
      setSession(session);
      return session;
    }
  } catch {
    /* offline: stay as we are */
  }
  known = true;
  emit();
  return current;
}

/** Ends the session here and, for a provider's session, at the provider (a top-level form post: it may leave the site). */
export function signOut(): void {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = '/auth/signout';
  document.body.appendChild(form);
  form.submit();
}

/** Starts the provider's sign-in; it comes back to `returnTo` (a path on this site). */
export function signInWithProvider(returnTo = '/'): void {
  window.location.assign(`/auth/signin?returnUrl=${encodeURIComponent(returnTo)}`);
}

export function signInOptions(): SignInOptions {
  return options;
}

export function sessionEnded(): boolean {
  return ended;
}

/** Whether the server has answered who is signed in yet. */
export function sessionKnown(): boolean {
  return known;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession, getSession);
}

export function useSignInOptions(): SignInOptions {
  return useSyncExternalStore(subscribe, signInOptions, signInOptions);
}

export function useSessionKnown(): boolean {
  return useSyncExternalStore(subscribe, sessionKnown, sessionKnown);
}

/** The county a user is bound to, or null when the user may read every county. */
export function boundCounty(session: Session | null): string | null {
  if (!session || session.county === '*' || session.role === 'auditor' || session.role === 'admin') return null;
  return session.county;
}
