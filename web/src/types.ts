export const STAGES = ['Idea', 'Planned', 'Piloting', 'Evaluating', 'Adopted', 'Discontinued', 'OnHold'] as const;
export type Stage = (typeof STAGES)[number];
export const KINDS = ['client', 'experienceExpert', 'professional', 'leadership', 'ngo', 'company', 'education', 'research'] as const;
export const AGE_BANDS = ['under18', '18to29', '30to64', '65plus'] as const;
export const WAYS = ['ideation', 'planning', 'development', 'evaluation', 'implementation'] as const;
export const CHANNELS = ['digital', 'inPerson'] as const;
export const ADOPTION_SCOPES = ['Unit', 'County', 'MultiCounty', 'National'] as const;

/** Participation counts: a number, or "< 5" for 1–4 people (shown so to all but auditors). */
export type Counts = Record<string, number>;
export type PrivateCounts = Record<string, number | string>;

/** The figure of a count for arithmetic and charts: a hidden small count counts as nothing. */
export const countValue = (n: number | string | null | undefined): number => (typeof n === 'number' ? n : 0);

/** Keys in their usual order, then any the server added. */
export function orderedKeys(known: readonly string[], counts: Counts | PrivateCounts | undefined): string[] {
  return [...known, ...Object.keys(counts ?? {}).filter((k) => !known.includes(k))];
}

export interface County { slug: string; fi: string; sv: string; en: string }
export interface Project { id: string; name: string; county: string; programme?: string }

export interface WriteResult { id: string; version: number }
export interface Goal { indicator: string; baseline: number; target: number; unit: string }
export interface ProjectDetail {
  id: string;
  version: number;
  name: string;
  county: string;
  programme: string;
  workstreams: { name: string; goals: Goal[] }[];
  registeredAt: string;
  closed: boolean;
  closedAt?: string | null;
  closingSummary?: string | null;
  experiments: { id: string; title: string; stage: string; stageEnteredAt: string }[];
}

export interface LoginResult { token: string; user: string; role: string; county: string }

export interface FunnelStage { stage: string; current: number; reached: number; medianDays: number | null }
export interface Conversion { from: string; to: string; rate: number | null }
export interface FunnelData {
  scope: string;
  total: number;
  stages: FunnelStage[];
  conversions: Conversion[];
  discontinuationReasons: { reason: string; count: number }[];
  adoptionScopes: Counts;
  adoptedFromOtherCounties?: number;
  updatedAt?: string | null;
}

export interface Pilot {
  experimentId: string;
  title: string;
  county: string;
  projectId?: string | null;
  sites: string[];
  channels: string[];
  start: string;
  plannedEnd: string;
  daysRunning: number;
  participantsLast7Days: number | string;
  stage?: string;
  evaluationOverdue: boolean;
}
/** The board of a scope: counts of all its pilots; `pilots` holds the first 200, overdue first. */
export interface PilotsData { scope: string; pilots: Pilot[]; onBoard?: number; live?: number; evaluationOverdue?: number; updatedAt?: string | null }

export interface ReachGap { dimension: string; key: string }
export interface ParticipationData {
  scope: string;
  total: number | string;
  byKind: PrivateCounts;
  byAgeBand: PrivateCounts;
  byWay: PrivateCounts;
  byChannel: PrivateCounts;
  reachGaps: ReachGap[];
  updatedAt?: string | null;
}

export interface ExperimentSummary {
  id: string;
  title: string;
  county: string;
  projectId?: string | null;
  stage: string;
  themes: string[];
  lastChangedAt: string;
  version: number;
}
export interface Paged<T> { items: T[]; page: number; pageSize: number; total: number }

export interface SuccessCriterion { metric: string; baseline: number | null; target: number | null; unit?: string | null }
export interface Measurement extends SuccessCriterion { latest: number | null; latestAt: string | null }

export interface ExperimentState {
  id: string;
  version: number;
  title: string;
  problem?: string | null;
  county: string;
  projectId?: string | null;
  workstream?: string | null;
  themes: string[];
  stage: string;
  stageEnteredAt?: string | null;
  proposedAt?: string | null;
  plan: {
    hypothesis: string;
    targetGroup: string;
    successCriteria: SuccessCriterion[];
    goalsServed: string[];
    participationHours?: number | null;
  } | null;
  stakeholders: { organisation: string; kind: string; roles: string[] }[];
  pilot: { sites: string[]; start: string; plannedEnd: string; channels: string[]; ended?: string | null } | null;
  /** Counts of 1–4 people arrive as "< 5" for everyone but auditors. */
  participation?: { total: number | string; byKind: PrivateCounts; byAgeBand: PrivateCounts; byWay: PrivateCounts; byChannel: PrivateCounts } | null;
  sessions?: { kind: string; date: string; theme: string; attendeesByKind: Counts; insights: string[] }[];
  measurements?: Measurement[];
  feedback?: { count: number; averageScore: number | null } | null;
  successFactors?: {
    individual: Record<string, number>;
    organisation: Record<string, number>;
  } | null;
  evaluation: { criteria: { metric: string; met: boolean; note?: string | null }[]; verdict: string; lessons: string; completedAt?: string | null } | null;
  adoption: { scope: string; processes: string[]; operatingModel?: { title: string; link?: string | null } | null } | null;
  discontinuation: { reason: string; lessons?: string | null } | null;
  onHold: { reason: string; from: string } | null;
  adaptedFrom?: { originId: string; originCounty: string; operatingModelTitle: string } | null;
  publication?: { publishedAt: string; includeLessons: boolean } | null;
}

export interface HistoryEvent {
  sequence: number;
  version: number;
  type: string;
  timestamp: string;
  data: unknown;
  metadata: {
    userId?: string | null;
    role?: string | null;
    correlationId?: string | null;
    reason?: string | null;
    hash?: string | null;
    previousHash?: string | null;
  };
}

export interface VerifyResult {
  streamId: string;
  intact: boolean;
  events: number;
  firstMismatch: { version: number; problem: string; detail?: string | null } | null;
}

/** An RFC 9162 inclusion proof from the transparency log (hashes base64). */
export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  hashes: string[];
}

export type DashboardName = 'funnel' | 'pilots' | 'participation' | 'goals' | 'factors' | 'counties';

export interface GoalProgress {
  projectId: string; project: string; county: string; workstream: string; indicator: string;
  baseline: number; target: number; unit: string; latest: number | null; latestAt: string | null; latestMetric: string | null;
  latestExperimentId: string | null; progress: number | null; servingExperiments: number; measuringExperiments: number;
}
export interface GoalsData { scope: string; goals: GoalProgress[]; updatedAt?: string | null }

export interface FactorMean { mean: number | null; n: number }
export interface FactorByOutcome { factor: string; level: string; adopted: FactorMean; discontinued: FactorMean; running: FactorMean; difference: number | null }
export interface FactorsData { scope: string; factors: FactorByOutcome[]; differMost: string[]; assessed: number; updatedAt?: string | null }

export interface CountyRow {
  county: string; experiments: number; reachedPilot: number; adopted: number; discontinued: number;
  conversions: Conversion[]; adoptionRate: number | null; medianDaysToAdoption: number | null; reachGaps: ReachGap[];
}
export interface CountiesData { counties: CountyRow[]; updatedAt?: string | null }
