import i18n from './i18n';
import { getSession, setSession } from './session';
import type {
  County, DashboardName, ExperimentState, ExperimentSummary, FunnelData, HistoryEvent, LoginResult, Paged,
  InclusionProof, ParticipationData, PilotsData, Project, ProjectDetail, VerifyResult, WriteResult,
} from './types';
import type { ChangesSinceLastVisit, ExperimentSpread } from './public/types';

/** An RFC 9457 problem detail, or a failure to reach the server at all (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | null;
  readonly errors: Record<string, string[]> | null;
  /** A 409's extensions: the stream's version now, or the stage and the commands it allows. */
  readonly currentVersion: number | null;
  readonly currentStage: string | null;
  /** For 401 and 403: why, as a code the UI translates (errors.codes.*). */
  readonly code: string | null;

  constructor(status: number, title: string, detail: string | null, errors: Record<string, string[]> | null = null,
    extensions: { currentVersion?: number; currentStage?: string; code?: string } = {}) {
    super(detail ?? title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
    this.currentVersion = extensions.currentVersion ?? null;
    this.currentStage = extensions.currentStage ?? null;
    this.code = extensions.code ?? null;
  }
}

/** The query of a dashboard GET: its filters, and for the funnel an optional past time. */
export interface DashboardQuery { county?: string; projectId?: string; theme?: string; at?: string; from?: string; to?: string }

type Query = Record<string, string | number | null | undefined>;

export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/**
 * fetch, with both ways a request fails turned into an ApiError: the server not reached (status 0)
 * and an answer that is not 2xx (its problem detail, when it sent one). An abort is passed through.
 */
export async function fetchOk(path: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', null);
  }
  if (!response.ok) {
    let problem: { title?: string; detail?: string; errors?: Record<string, string[]>; currentVersion?: number; currentStage?: string; code?: string } = {};
    try {
      problem = await response.json();
    } catch {
      /* not a problem document */
    }
    throw new ApiError(response.status, problem.title ?? response.statusText, problem.detail ?? null, problem.errors ?? null, problem);
  }
  return response;
}

/** Sent with every request: the server refuses cookie-session writes without it (cross-site request forgery). */
export const PAGE_HEADER = { 'X-Ledger-Request': '1' } as const;

/**
 * The one way the UI talks to the API. The session is the HttpOnly cookie the browser sends by
 * itself; no token is ever read or kept here.
 */
async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': i18n.language, ...PAGE_HEADER };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetchOk(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal, credentials: 'same-origin',
    });
  } catch (e) {
    // The session ended (expired, or signed out elsewhere): back to sign-in, which says so.
    if (e instanceof ApiError && e.status === 401 && getSession()) setSession(null);
    throw e;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

const get = <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal);
const post = <T = WriteResult>(path: string, body: unknown) => request<T>('POST', path, body);
const idPath = (id: string) => encodeURIComponent(id);

/** A text resource (the log's key and checkpoint, the NDJSON export): its body and Last-Modified. */
async function getText(path: string, signal?: AbortSignal): Promise<{ text: string; lastModified: string | null }> {
  const response = await fetchOk(path, { headers: PAGE_HEADER, signal, credentials: 'same-origin' });
  return { text: await response.text(), lastModified: response.headers.get('Last-Modified') };
}

export const api = {
  login: (user: string, role: string, county: string) =>
    request<LoginResult>('POST', '/api/demo/login', { user, role, county }),
  counties: (signal?: AbortSignal) => get<County[]>('/api/counties', signal),
  projects: (county: string | undefined, signal?: AbortSignal) =>
    get<Project[]>(`/api/projects${queryString({ county })}`, signal),
  /** A dashboard's figures; `at` (funnel only) asks for the figures as they stood then. */
  dashboard: <T>(name: DashboardName, q: DashboardQuery, signal?: AbortSignal) =>
    get<T>(`/api/dashboards/${name}${queryString({ ...q })}`, signal),
  funnel: (q: { county?: string; projectId?: string; theme?: string; at?: string }, signal?: AbortSignal) =>
    get<FunnelData>(`/api/dashboards/funnel${queryString(q)}`, signal),
  pilots: (q: { county?: string }, signal?: AbortSignal) =>
    get<PilotsData>(`/api/dashboards/pilots${queryString(q)}`, signal),
  participation: (q: { county?: string; projectId?: string }, signal?: AbortSignal) =>
    get<ParticipationData>(`/api/dashboards/participation${queryString(q)}`, signal),
  experiments: (
    q: {
      county?: string; projectId?: string; stage?: string; reached?: string; theme?: string; search?: string; goal?: string;
      sort?: string; dir?: string; page?: number; pageSize?: number;
    },
    signal?: AbortSignal,
  ) => get<Paged<ExperimentSummary>>(`/api/experiments${queryString(q)}`, signal),
  experiment: (id: string, signal?: AbortSignal) =>
    get<ExperimentState>(`/api/experiments/${encodeURIComponent(id)}`, signal),
  history: (id: string, signal?: AbortSignal) =>
    get<HistoryEvent[]>(`/api/experiments/${encodeURIComponent(id)}/history`, signal),
  asOf: (id: string, version: number, signal?: AbortSignal) =>
    get<ExperimentState>(`/api/experiments/${encodeURIComponent(id)}/as-of${queryString({ version })}`, signal),
  spread: (id: string, signal?: AbortSignal) =>
    get<ExperimentSpread>(`/api/experiments/${encodeURIComponent(id)}/spread`, signal),
  changes: (signal?: AbortSignal) => get<ChangesSinceLastVisit>('/api/me/changes', signal),
  markVisit: (seenUntil: string) => request<void>('POST', '/api/me/visits', { seenUntil }),
  verify: (experimentId: string, signal?: AbortSignal) =>
    get<VerifyResult>(`/api/audit/verify${queryString({ experimentId })}`, signal),
  logKey: (signal?: AbortSignal) => getText('/api/audit/log/key', signal),
  logCheckpoint: (signal?: AbortSignal) => getText('/api/audit/log/checkpoint', signal),
  /** The experiment's export lines, exactly as written (the proof bundle keeps their bytes). */
  exportLines: async (experimentId: string, signal?: AbortSignal) =>
    (await getText(`/api/audit/export${queryString({ experimentId })}`, signal)).text.split('\n').filter((l) => l.trim() !== ''),
  inclusionProof: (sequence: number, treeSize: number, signal?: AbortSignal) =>
    get<InclusionProof>(`/api/audit/log/proof/inclusion${queryString({ sequence, treeSize })}`, signal),
  project: (id: string, signal?: AbortSignal) => get<ProjectDetail>(`/api/projects/${idPath(id)}`, signal),

  // Writes: each body may carry expectedVersion and reason; the answer is { id, version }.
  propose: (body: object) => post('/api/experiments', body),
  /** One of the experiment's commands, e.g. "plan", "pilot/end", "adoption-scope". */
  command: (id: string, command: string, body: object) => post(`/api/experiments/${idPath(id)}/${command}`, body),
  registerProject: (body: object) => post('/api/projects', body),
  addGoal: (id: string, body: object) => post(`/api/projects/${idPath(id)}/goals`, body),
  closeProject: (id: string, body: object) => post(`/api/projects/${idPath(id)}/close`, body),
};
