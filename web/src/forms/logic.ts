import { ADOPTION_SCOPES, AGE_BANDS, KINDS, type ExperimentState } from '../types';
import { movesStage, type Command } from './stageRules';
import { Check, lines, parseCount, parseDate, parseNumber, showDate, today, type FieldErrors } from './values';

/** A form's logic, apart from its view: first values, checks before sending, and the body it sends. */
export interface FormLogic<V, C> {
  initial: (ctx: C) => V;
  validate: (v: V, ctx: C) => FieldErrors;
  body: (v: V, ctx: C) => Record<string, unknown>;
}

export interface ExperimentCtx { state: ExperimentState }
type Counts = Record<string, string>;
const zeros = (keys: readonly string[]): Counts => Object.fromEntries(keys.map((k) => [k, '']));

/** Every form carries the why: a rationale where the stage moves, otherwise an optional reason. */
function why(c: Check, command: Command, v: { reason: string }, stage: string, verdict?: string) {
  if (movesStage(command, stage, verdict)) c.required('reason', v.reason);
  return c;
}
const reasonOf = (v: { reason: string }) => (v.reason.trim() ? v.reason.trim() : undefined);

/** Sums counts typed as text; null when one of them is not a whole, non-negative number. */
export function total(counts: Counts): number | null {
  let sum = 0;
  for (const v of Object.values(counts)) {
    const n = parseCount(v);
    if (n === null) return null;
    sum += n;
  }
  return sum;
}
const nonZero = (counts: Counts) =>
  Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, parseCount(v) ?? 0]).filter(([, n]) => (n as number) > 0));
function checkCounts(c: Check, field: string, counts: Counts) {
  for (const [k, v] of Object.entries(counts)) if (parseCount(v) === null) c.add(`${field}.${k}`, 'form.errors.count');
}

// ── plan ──
export interface Criterion { metric: string; baseline: string; target: string; unit: string }
export interface PlanValues { hypothesis: string; targetGroup: string; criteria: Criterion[]; goalsServed: string[]; participationHours: string; reason: string }
export const emptyCriterion = (): Criterion => ({ metric: '', baseline: '', target: '', unit: '' });
export const plan: FormLogic<PlanValues, ExperimentCtx> = {
  initial: ({ state }) => ({
    hypothesis: state.plan?.hypothesis ?? '',
    targetGroup: state.plan?.targetGroup ?? '',
    criteria: state.plan?.successCriteria.map((c) => ({ metric: c.metric, baseline: String(c.baseline ?? ''), target: String(c.target ?? ''), unit: c.unit ?? '' })) ?? [emptyCriterion()],
    goalsServed: state.plan?.goalsServed ?? [],
    participationHours: state.plan?.participationHours != null ? String(state.plan.participationHours) : '',
    reason: '',
  }),
  validate: (v, { state }) => {
    const c = new Check().required('hypothesis', v.hypothesis).required('targetGroup', v.targetGroup);
    if (v.criteria.length === 0) c.add('successCriteria', 'form.errors.atLeastOneCriterion');
    const seen = new Set<string>();
    v.criteria.forEach((x, i) => {
      c.required(`successCriteria[${i}].metric`, x.metric).number(`successCriteria[${i}].baseline`, x.baseline)
        .number(`successCriteria[${i}].target`, x.target).required(`successCriteria[${i}].unit`, x.unit);
      const m = x.metric.trim().toLowerCase();
      if (m && seen.has(m)) c.add(`successCriteria[${i}].metric`, 'form.errors.duplicateMetric');
      seen.add(m);
    });
    c.number('participationHours', v.participationHours);
    if ((parseNumber(v.participationHours) ?? 0) < 0) c.add('participationHours', 'form.errors.negative');
    return why(c, 'plan', v, state.stage).errors;
  },
  body: (v) => ({
    hypothesis: v.hypothesis.trim(), targetGroup: v.targetGroup.trim(),
    successCriteria: v.criteria.map((x) => ({ metric: x.metric.trim(), baseline: parseNumber(x.baseline), target: parseNumber(x.target), unit: x.unit.trim() })),
    goalsServed: v.goalsServed, participationHours: parseNumber(v.participationHours), reason: reasonOf(v),
  }),
};

// ── stakeholders ──
export interface StakeholderValues { organisation: string; kind: string; roles: string[]; reason: string }
export const stakeholders: FormLogic<StakeholderValues, ExperimentCtx> = {
  initial: () => ({ organisation: '', kind: '', roles: [], reason: '' }),
  validate: (v) => {
    const c = new Check().required('organisation', v.organisation).oneOf('kind', v.kind);
    if (v.roles.length === 0) c.add('roles', 'form.errors.chooseRole');
    return c.errors;
  },
  body: (v) => ({ organisation: v.organisation.trim(), kind: v.kind, roles: v.roles, reason: reasonOf(v) }),
};

// ── pilot ──
export interface PilotValues { sites: string; start: string; plannedEnd: string; channels: string; reason: string }
export const pilot: FormLogic<PilotValues, ExperimentCtx> = {
  initial: () => ({ sites: '', start: today(), plannedEnd: '', channels: '', reason: '' }),
  validate: (v, { state }) => {
    const c = new Check();
    if (lines(v.sites).length === 0) c.add('sites', 'form.errors.atLeastOneSite');
    c.date('start', v.start).date('plannedEnd', v.plannedEnd);
    const s = parseDate(v.start), e = parseDate(v.plannedEnd);
    if (s && e && e < s) c.add('plannedEnd', 'form.errors.endBeforeStart');
    return why(c, 'pilot', v, state.stage).errors;
  },
  body: (v) => ({ sites: lines(v.sites), start: parseDate(v.start), plannedEnd: parseDate(v.plannedEnd), channels: lines(v.channels, true), reason: reasonOf(v) }),
};

// ── participation ──
export interface ParticipationValues { periodStart: string; periodEnd: string; way: string; channel: string; byKind: Counts; byAgeBand: Counts; reason: string }
export const participation: FormLogic<ParticipationValues, ExperimentCtx> = {
  initial: () => ({ periodStart: '', periodEnd: today(), way: '', channel: '', byKind: zeros(KINDS), byAgeBand: zeros(AGE_BANDS), reason: '' }),
  validate: (v) => {
    const c = new Check().date('periodStart', v.periodStart).date('periodEnd', v.periodEnd);
    const s = parseDate(v.periodStart), e = parseDate(v.periodEnd);
    if (s && e && e < s) c.add('periodEnd', 'form.errors.endBeforeStart');
    c.oneOf('way', v.way).oneOf('channel', v.channel);
    checkCounts(c, 'byKind', v.byKind);
    checkCounts(c, 'byAgeBand', v.byAgeBand);
    const k = total(v.byKind), a = total(v.byAgeBand);
    if (k === 0) c.add('byKind', 'form.errors.nobody');
    if (k !== null && a !== null && k !== a) c.add('byAgeBand', 'form.errors.totalsDiffer', { byKind: k, byAgeBand: a });
    return c.errors;
  },
  body: (v) => ({
    periodStart: parseDate(v.periodStart), periodEnd: parseDate(v.periodEnd), way: v.way, channel: v.channel,
    byKind: nonZero(v.byKind), byAgeBand: nonZero(v.byAgeBand), reason: reasonOf(v),
  }),
};

// ── sessions ──
export interface SessionValues { kind: string; date: string; theme: string; attendees: Counts; insights: string; reason: string }
export const sessions: FormLogic<SessionValues, ExperimentCtx> = {
  initial: () => ({ kind: '', date: today(), theme: '', attendees: zeros(KINDS), insights: '', reason: '' }),
  validate: (v) => {
    const c = new Check().oneOf('kind', v.kind).date('date', v.date).required('theme', v.theme);
    checkCounts(c, 'attendeesByKind', v.attendees);
    if (total(v.attendees) === 0) c.add('attendeesByKind', 'form.errors.nobodyAttended');
    return c.errors;
  },
  body: (v) => ({ kind: v.kind, date: parseDate(v.date), theme: v.theme.trim(), attendeesByKind: nonZero(v.attendees), insights: lines(v.insights), reason: reasonOf(v) }),
};

// ── measurements ──
export interface MeasurementValues { metric: string; value: string; at: string; reason: string }
export const criteriaOf = (state: ExperimentState) => state.plan?.successCriteria ?? [];
export const measurements: FormLogic<MeasurementValues, ExperimentCtx> = {
  initial: ({ state }) => ({ metric: criteriaOf(state).length === 1 ? criteriaOf(state)[0].metric : '', value: '', at: today(), reason: '' }),
  validate: (v, { state }) => {
    const c = new Check().oneOf('metric', v.metric);
    if (v.metric && !criteriaOf(state).some((x) => x.metric === v.metric)) c.add('metric', 'form.errors.notACriterion');
    return c.number('value', v.value).date('at', v.at).errors;
  },
  body: (v) => ({ metric: v.metric, value: parseNumber(v.value), at: parseDate(v.at), reason: reasonOf(v) }),
};

// ── feedback ──
export interface FeedbackValues { channel: string; score: string; themes: string; reason: string }
export const feedback: FormLogic<FeedbackValues, ExperimentCtx> = {
  initial: () => ({ channel: '', score: '', themes: '', reason: '' }),
  validate: (v) => new Check().required('channel', v.channel).oneOf('score', v.score).errors,
  body: (v) => ({ channel: v.channel.trim(), score: Number(v.score), themes: lines(v.themes, true), reason: reasonOf(v) }),
};

// ── success factors ──
export const INDIVIDUAL_FACTORS = ['competence', 'commitment'] as const;
export const ORGANISATION_FACTORS = ['leadership', 'trustAndCollaboration', 'flexibleWork', 'processEmbedding', 'resourcing'] as const;
export interface FactorValues { individual: Counts; organisation: Counts; reason: string }
export const successFactors: FormLogic<FactorValues, ExperimentCtx> = {
  initial: () => ({ individual: zeros(INDIVIDUAL_FACTORS), organisation: zeros(ORGANISATION_FACTORS), reason: '' }),
  validate: (v) => {
    const c = new Check();
    for (const f of INDIVIDUAL_FACTORS) if (!v.individual[f]) c.add(`individual.${f}`, 'form.errors.score');
    for (const f of ORGANISATION_FACTORS) if (!v.organisation[f]) c.add(`organisation.${f}`, 'form.errors.score');
    return c.errors;
  },
  body: (v) => ({
    individual: Object.fromEntries(INDIVIDUAL_FACTORS.map((f) => [f, Number(v.individual[f])])),
    organisation: Object.fromEntries(ORGANISATION_FACTORS.map((f) => [f, Number(v.organisation[f])])),
    reason: reasonOf(v),
  }),
};

// ── pilot/end ──
export interface EndValues { ended: string; reason: string }
export const endPilot: FormLogic<EndValues, ExperimentCtx> = {
  initial: () => ({ ended: today(), reason: '' }),
  validate: (v, { state }) => {
    const c = new Check().date('ended', v.ended);
    const e = parseDate(v.ended);
    if (e && state.pilot?.start && e < state.pilot.start.slice(0, 10)) c.add('ended', 'form.errors.endBeforePilotStart', { start: showDate(state.pilot.start) });
    return why(c, 'pilot/end', v, state.stage).errors;
  },
  body: (v) => ({ ended: parseDate(v.ended), reason: reasonOf(v) }),
};

// ── evaluation ──
export interface Judgement { metric: string; met: string; note: string }
export interface EvaluationValues { criteria: Judgement[]; verdict: string; lessons: string; reason: string }
export const evaluation: FormLogic<EvaluationValues, ExperimentCtx> = {
  initial: ({ state }) => ({ criteria: criteriaOf(state).map((c) => ({ metric: c.metric, met: '', note: '' })), verdict: '', lessons: '', reason: '' }),
  validate: (v, { state }) => {
    const c = new Check();
    v.criteria.forEach((x, i) => c.oneOf(`criteria[${i}].met`, x.met));
    c.oneOf('verdict', v.verdict).required('lessons', v.lessons);
    return why(c, 'evaluation', v, state.stage, v.verdict).errors;
  },
  body: (v) => ({
    criteria: v.criteria.map((x) => ({ metric: x.metric, met: x.met === 'true', note: x.note.trim() || undefined })),
    verdict: v.verdict, lessons: v.lessons.trim(), reason: reasonOf(v),
  }),
};

// ── hold / resume / discontinue ──
export interface HoldValues { reviewOn: string; reason: string }
export const hold: FormLogic<HoldValues, ExperimentCtx> = {
  initial: () => ({ reviewOn: '', reason: '' }),
  validate: (v) => {
    const c = new Check().required('reason', v.reason);
    if (v.reviewOn.trim() && !parseDate(v.reviewOn)) c.add('reviewOn', 'form.errors.notADate');
    return c.errors;
  },
  body: (v) => ({ reason: v.reason.trim(), reviewOn: parseDate(v.reviewOn) ?? undefined }),
};
export interface ReasonOnly { reason: string }
export const resume: FormLogic<ReasonOnly, ExperimentCtx> = {
  initial: () => ({ reason: '' }),
  validate: (v) => new Check().required('reason', v.reason).errors,
  body: (v) => ({ reason: v.reason.trim() }),
};
export interface DiscontinueValues { lessons: string; reason: string }
export const discontinue: FormLogic<DiscontinueValues, ExperimentCtx> = {
  initial: () => ({ lessons: '', reason: '' }),
  validate: (v) => new Check().required('reason', v.reason).required('lessons', v.lessons).errors,
  body: (v) => ({ reason: v.reason.trim(), lessons: v.lessons.trim() }),
};

// ── adopt / adoption scope ──
export interface AdoptValues { scope: string; processes: string; title: string; link: string; reason: string }
export const adopt: FormLogic<AdoptValues, ExperimentCtx> = {
  initial: () => ({ scope: '', processes: '', title: '', link: '', reason: '' }),
  validate: (v) => {
    const c = new Check().oneOf('scope', v.scope);
    if (lines(v.processes).length === 0) c.add('processes', 'form.errors.atLeastOneProcess');
    c.required('operatingModel.title', v.title);
    if (v.link.trim() && !/^https?:\/\/\S+$/.test(v.link.trim())) c.add('operatingModel.link', 'form.errors.url');
    return c.required('rationale', v.reason).errors;
  },
  body: (v) => ({
    scope: v.scope, processes: lines(v.processes),
    operatingModel: { title: v.title.trim(), link: v.link.trim() || undefined },
    rationale: v.reason.trim(), reason: v.reason.trim(),
  }),
};
/** Scopes wider than the current adoption, narrowest first. */
export const widerScopes = (state: ExperimentState) =>
  ADOPTION_SCOPES.filter((s) => ADOPTION_SCOPES.indexOf(s) > ADOPTION_SCOPES.indexOf((state.adoption?.scope ?? 'Unit') as (typeof ADOPTION_SCOPES)[number]));
export interface ScopeValues { scope: string; reason: string }
export const adoptionScope: FormLogic<ScopeValues, ExperimentCtx> = {
  initial: () => ({ scope: '', reason: '' }),
  validate: (v, { state }) => {
    const c = new Check().oneOf('scope', v.scope);
    if (v.scope && !widerScopes(state).includes(v.scope as (typeof ADOPTION_SCOPES)[number])) c.add('scope', 'form.errors.notWider');
    return c.required('rationale', v.reason).errors;
  },
  body: (v) => ({ scope: v.scope, rationale: v.reason.trim(), reason: v.reason.trim() }),
};
