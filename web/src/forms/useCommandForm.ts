import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import type { WriteResult } from '../types';
import { fieldId, fromServer, type FieldErrors } from './values';

const DRAFT = 'projectledger.draft.';

/** What someone else saved while the form was open: the versions between, and the stage now if it moved. */
export interface Conflict { from: number; to: number; stage?: string | null }

interface Draft<V> { values: V; expected?: number }

function readDraft<V>(key: string): Draft<V> | null {
  try {
    const raw = sessionStorage.getItem(DRAFT + key);
    return raw ? (JSON.parse(raw) as Draft<V>) : null;
  } catch {
    return null;
  }
}

export function clearDraft(key: string) {
  try {
    sessionStorage.removeItem(DRAFT + key);
  } catch {
    /* storage unavailable */
  }
}

export interface CommandFormOptions<V> {
  /** Where the draft is kept, e.g. "exp:ID:plan": what was typed survives an error, a lost connection and a reload. */
  draftKey: string;
  initial: () => V;
  validate: (v: V) => FieldErrors;
  send: (v: V, expectedVersion: number | undefined) => Promise<WriteResult>;
  /** The stream's version the form was opened on; undefined for a new stream. */
  version?: number;
  /** The stream's version as the page last saw it (a live update): newer than expected means a conflict. */
  latestVersion?: number;
  latestStage?: string | null;
  onSaved: (result: WriteResult) => void;
  /** Asked to re-read the stream after a 409. */
  onStale?: () => void;
}

export function useCommandForm<V>(o: CommandFormOptions<V>) {
  const [draft] = useState(() => readDraft<V>(o.draftKey));
  const [values, setValues] = useState<V>(() => draft?.values ?? o.initial());
  const [expected, setExpected] = useState<number | undefined>(() => draft?.expected ?? o.version);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [sending, setSending] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const summaryRef = useRef<HTMLHeadingElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    try {
      sessionStorage.setItem(DRAFT + o.draftKey, JSON.stringify({ values, expected }));
    } catch {
      /* storage unavailable: the values stay in memory */
    }
  }, [o.draftKey, values, expected]);

  // A live update while the form is open: show what changed; the next save applies on top of it.
  useEffect(() => {
    if (o.latestVersion !== undefined && expected !== undefined && o.latestVersion > expected) {
      setConflict((c) => ({ from: c?.from ?? expected, to: o.latestVersion!, stage: o.latestStage }));
      setExpected(o.latestVersion);
    }
  }, [o.latestVersion, o.latestStage, expected]);

  useEffect(() => {
    if (attempt === 0) return;
    const target = Object.keys(errors).length > 0 ? summaryRef.current : problem || conflict ? alertRef.current : null;
    if (target) {
      if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
      target.focus();
    }
    // Only after a submit: focus follows the outcome of that attempt.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt]);

  const set = useCallback((patch: Partial<V>) => {
    setValues((v) => ({ ...v, ...patch }));
    // The field being edited loses its error message; the others keep theirs until the next save.
    const active = document.activeElement?.id;
    if (active) setErrors((e) => {
      const left = Object.fromEntries(Object.entries(e).filter(([name]) => !active.startsWith(fieldId(name))));
      return Object.keys(left).length === Object.keys(e).length ? e : left;
    });
  }, []);

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (sending) return;
    const found = o.validate(values);
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setSending(true);
    try {
      const result = await o.send(values, expected);
      clearDraft(o.draftKey);
      setConflict(null);
      o.onSaved(result);
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError(0, 'network', null);
      if (apiError.status === 400 && apiError.errors) setErrors(fromServer(apiError.errors));
      else if (apiError.status === 409 && apiError.currentVersion !== null) {
        setConflict((c) => ({ from: c?.from ?? expected ?? 0, to: apiError.currentVersion!, stage: c?.stage }));
        setExpected(apiError.currentVersion);
        o.onStale?.();
      } else {
        setProblem(apiError);
        if (apiError.status === 409) o.onStale?.();
      }
      setAttempt((n) => n + 1);
    } finally {
      setSending(false);
    }
  }

  return {
    values, set, setValues, errors, problem, conflict, expected, sending, submit, summaryRef, alertRef,
    dismissConflict: () => setConflict(null),
  };
}

export type CommandForm<V> = ReturnType<typeof useCommandForm<V>>;
