import type { TFunction } from 'i18next';
import type { Format } from './format';
import type { HistoryEvent } from './types';

type Data = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const list = (v: unknown) => (Array.isArray(v) ? v.map(str).filter(Boolean) : []);
// A count of 1–4 people may arrive as "< 5" (all but auditors): it is kept, as written.
const counts = (v: unknown) => Object.entries((v ?? {}) as Record<string, number | string>).filter(([, n]) => typeof n === 'string' || Number(n) > 0);

/** One line of an experiment's timeline: a write with its event(s), the stage-gate decision folded in. */
export interface TimelineEntry {
  key: string;
  version: number;
  timestamp: string;
  type: string;
  title: string;
  detail: string;
  gate: { from: string; to: string; rationale: string } | null;
  userId: string | null;
  role: string | null;
  reason: string | null;
}

/** Event type names as the history gives them; a later version of an event reads as the same fact. */
export const baseType = (type: string) => type.replace(/V\d+$/, '');

/** Says what an event recorded: which stakeholder, which value, which criterion. */
export function describe(e: HistoryEvent, t: TFunction, fmt: Format, round?: number): string {
  const d = (e.data ?? {}) as Data;
  const sep = t('common.listSeparator');
  const kinds = (v: unknown) => counts(v).map(([k, n]) => `${t(`kind.${k}`, { defaultValue: k })} ${fmt.count(n)}`).join(sep);
  switch (baseType(e.type)) {
    case 'ExperimentProposed':
      return t('timeline.proposed', { title: str(d.title), role: str(d.proposedByRole) });
    case 'ExperimentPlanned':
      return t('timeline.planned', { hypothesis: str(d.hypothesis), criteria: list((d.successCriteria as Data[] | undefined)?.map((c) => c.metric)).join(sep) });
    case 'StakeholderJoined':
      return t('timeline.stakeholder', {
        organisation: str(d.organisation), kind: t(`kind.${str(d.kind)}`, { defaultValue: str(d.kind) }),
        roles: list(d.roles).map((r) => t(`stakeholderRole.${r}`, { defaultValue: r })).join(sep),
      });
    case 'PilotLaunched':
      return t('timeline.pilot', { sites: list(d.sites).join(sep), start: fmt.date(str(d.start)), end: fmt.date(str(d.plannedEnd)) });
    case 'ParticipationRecorded': {
      // The server sends the record's total (as "< 5" when small) when it hides any of its counts.
      const total = d.total ?? counts(d.byKind).reduce((s: number, [, n]) => s + Number(n), 0);
      return t('timeline.participation', {
        total: fmt.count(total as number | string), start: fmt.date(str(d.periodStart)), end: fmt.date(str(d.periodEnd)),
        way: t(`way.${str(d.way)}`, { defaultValue: str(d.way) }), channel: t(`channel.${str(d.channel)}`, { defaultValue: str(d.channel) }),
        kinds: kinds(d.byKind),
      });
    }
    case 'CoDevelopmentSessionHeld':
      return t('timeline.session', {
        kind: t(`sessionKind.${str(d.kind)}`, { defaultValue: str(d.kind) }), date: fmt.date(str(d.date)), theme: str(d.theme), attendees: kinds(d.attendeesByKind),
      });
    case 'MeasurementRecorded':
      return t('timeline.measurement', { metric: str(d.metric), value: fmt.dec(Number(d.value)), at: fmt.date(str(d.at)) });
    case 'FeedbackReceived':
      return t('timeline.feedback', { channel: str(d.channel), score: str(d.score) });
    case 'SuccessFactorsAssessed': {
      const all = { ...((d.individual ?? {}) as Data), ...((d.organisation ?? {}) as Data) };
      return Object.entries(all).map(([k, v]) => `${t(`factor.${k}`, { defaultValue: k })} ${str(v)}`).join(sep);
    }
    case 'PilotEnded':
      return t('timeline.pilotEnded', { date: fmt.date(str(d.ended)) });
    case 'EvaluationCompleted': {
      const criteria = (d.criteria as Data[] | undefined) ?? [];
      const met = criteria.filter((c) => c.met === true).length;
      return t('timeline.evaluation', { round: round ?? 1, verdict: t(`verdict.${str(d.verdict)}`, { defaultValue: str(d.verdict) }), met, total: criteria.length });
    }
    case 'ExperimentPutOnHold':
      return d.reviewOn ? t('timeline.holdReview', { reason: str(d.reason), date: fmt.date(str(d.reviewOn)) }) : str(d.reason);
    case 'ExperimentResumed':
      return t('timeline.resumed', { stage: t(`stage.${str(d.to)}`, { defaultValue: str(d.to) }) });
    case 'ExperimentAdopted':
      return t('timeline.adopted', { scope: t(`adoptionScope.${str(d.scope)}`, { defaultValue: str(d.scope) }), processes: list(d.processes).join(sep) });
    case 'AdoptionScopeWidened':
      return t('timeline.widened', { from: t(`adoptionScope.${str(d.from)}`, { defaultValue: str(d.from) }), to: t(`adoptionScope.${str(d.to)}`, { defaultValue: str(d.to) }) });
    case 'ExperimentDiscontinued':
      return str(d.reason);
    default:
      return '';
  }
}

/**
 * Folds each write into one entry: the events a command appended share a correlation id, so a stage
 * move reads as one line (its fact and the gate decision with its rationale), not two or three.
 */
export function timeline(events: HistoryEvent[], t: TFunction, fmt: Format): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  let evaluations = 0;
  let last: { correlationId: string | null; entry: TimelineEntry } | null = null;
  for (const e of [...events].sort((a, b) => a.version - b.version)) {
    const correlationId = e.metadata?.correlationId ?? null;
    const isGate = baseType(e.type) === 'StageGateDecided';
    const d = (e.data ?? {}) as Data;
    const gate = isGate ? { from: str(d.from), to: str(d.to), rationale: str(d.rationale) } : null;
    if (last && correlationId && last.correlationId === correlationId) {
      if (gate) last.entry.gate = gate;
      else if (!last.entry.detail) last.entry.detail = describe(e, t, fmt);
      last.entry.version = e.version;
      continue;
    }
    if (baseType(e.type) === 'EvaluationCompleted') evaluations += 1;
    const entry: TimelineEntry = {
      key: `${e.sequence ?? ''}-${e.version}`,
      version: e.version,
      timestamp: e.timestamp,
      type: baseType(e.type),
      title: t(`event.${baseType(e.type)}`, { defaultValue: t('event.unknown') }),
      detail: isGate ? '' : describe(e, t, fmt, evaluations),
      gate,
      userId: e.metadata?.userId ?? null,
      role: e.metadata?.role ?? null,
      reason: e.metadata?.reason ?? null,
    };
    entries.push(entry);
    last = { correlationId, entry };
  }
  return entries;
}
