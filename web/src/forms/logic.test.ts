import { describe, expect, it } from 'vitest';
import type { ExperimentState } from '../types';
import * as L from './logic';
import * as P from './projectLogic';
import { allowedCommands, commandFromSlug, commandSlug, movesStage } from './stageRules';

const state = (over: Partial<ExperimentState> = {}): ExperimentState => ({
  id: 'x', version: 4, title: 'Chat', county: 'vantaa-kerava', themes: [], stage: 'Piloting',
  plan: { hypothesis: 'h', targetGroup: 't', successCriteria: [{ metric: 'Sähköisen asioinnin osuus', baseline: 12, target: 30, unit: '%' }], goalsServed: [] },
  stakeholders: [], pilot: { sites: ['A'], start: '2026-03-01', plannedEnd: '2026-05-31', channels: [] },
  evaluation: null, adoption: null, discontinuation: null, onHold: null, ...over,
});
const keys = (e: object) => Object.keys(e);

describe('stage rules', () => {
  it('offer exactly what the API allows in each stage', () => {
    expect(allowedCommands('Idea')).toEqual(['plan', 'stakeholders', 'participation', 'sessions', 'hold', 'discontinue']);
    expect(allowedCommands('OnHold')).toEqual(['resume', 'discontinue']);
    expect(allowedCommands('Adopted')).toEqual(['adoption-scope']);
    expect(allowedCommands('Discontinued')).toEqual([]);
    expect(allowedCommands('Evaluating')).toContain('adopt');
    expect(allowedCommands('Piloting')).not.toContain('adopt');
  });
  it('know which writes are stage moves (they need a rationale)', () => {
    expect(movesStage('plan', 'Idea')).toBe(true);
    expect(movesStage('plan', 'Planned')).toBe(false);
    expect(movesStage('evaluation', 'Evaluating', 'revise')).toBe(true);
    expect(movesStage('evaluation', 'Evaluating', 'adopt')).toBe(false);
    expect(movesStage('measurements', 'Piloting')).toBe(false);
    expect(commandFromSlug(commandSlug('pilot/end'))).toBe('pilot/end');
  });
});

describe('plan', () => {
  it('asks for a rationale when it moves the experiment out of Idea, and numbers for each criterion', () => {
    const ctx = { state: state({ stage: 'Idea', plan: null }) };
    const v = { ...L.plan.initial(ctx), hypothesis: 'h', targetGroup: 't', participationHours: '40' };
    expect(keys(L.plan.validate(v, ctx))).toEqual(['successCriteria[0].metric', 'successCriteria[0].baseline', 'successCriteria[0].target', 'successCriteria[0].unit', 'reason']);
    const filled = { ...v, criteria: [{ metric: 'Osuus', baseline: '12', target: '30,5', unit: '%' }], reason: 'Hyväksytty' };
    expect(L.plan.validate(filled, ctx)).toEqual({});
    expect(L.plan.body(filled, ctx)).toMatchObject({ successCriteria: [{ metric: 'Osuus', baseline: 12, target: 30.5, unit: '%' }], participationHours: 40, reason: 'Hyväksytty' });
  });
  it('refuses two criteria with the same name', () => {
    const ctx = { state: state({ stage: 'Planned' }) };
    const c = { metric: 'Osuus', baseline: '1', target: '2', unit: '%' };
    const v = { ...L.plan.initial(ctx), criteria: [c, { ...c, metric: 'osuus ' }], participationHours: '1' };
    expect(L.plan.validate(v, ctx)['successCriteria[1].metric']?.key).toBe('form.errors.duplicateMetric');
  });
});

describe('participation', () => {
  const ctx = { state: state() };
  const base = { ...L.participation.initial(ctx), periodStart: '1.3.2026', periodEnd: '7.3.2026', way: 'planning', channel: 'digital' };
  it('keeps running totals and refuses a mismatch before sending', () => {
    const v = { ...base, byKind: { ...base.byKind, client: '30', experienceExpert: '5' }, byAgeBand: { ...base.byAgeBand, '30to64': '20', '65plus': '10' } };
    expect(L.total(v.byKind)).toBe(35);
    expect(L.total(v.byAgeBand)).toBe(30);
    expect(L.participation.validate(v, ctx).byAgeBand).toEqual({ key: 'form.errors.totalsDiffer', values: { byKind: 35, byAgeBand: 30 } });
    const ok = { ...v, byAgeBand: { ...v.byAgeBand, '65plus': '15' } };
    expect(L.participation.validate(ok, ctx)).toEqual({});
    expect(L.participation.body(ok, ctx)).toMatchObject({ periodStart: '2026-03-01', byKind: { client: 30, experienceExpert: 5 }, byAgeBand: { '30to64': 20, '65plus': 15 } });
  });
  it('refuses negative counts, nobody at all, and an end before the start', () => {
    const v = { ...base, periodEnd: '28.2.2026', byKind: { ...base.byKind, client: '-2' } };
    expect(keys(L.participation.validate(v, ctx))).toEqual(['periodEnd', 'byKind.client']);
    expect(L.participation.validate(base, ctx).byKind?.key).toBe('form.errors.nobody');
  });
});

describe('measurement, evaluation and success factors', () => {
  it('a measurement takes only a criterion of the plan', () => {
    const ctx = { state: state() };
    const v = L.measurements.initial(ctx);
    expect(v.metric).toBe('Sähköisen asioinnin osuus');
    expect(L.measurements.validate({ ...v, metric: 'Jono', value: '5' }, ctx).metric?.key).toBe('form.errors.notACriterion');
    expect(L.measurements.body({ ...v, value: '31,5', at: '30.4.2026' }, ctx)).toMatchObject({ value: 31.5, at: '2026-04-30' });
  });
  it('an evaluation judges every criterion; revising needs a rationale', () => {
    const ctx = { state: state({ stage: 'Evaluating' }) };
    const v = L.evaluation.initial(ctx);
    expect(v.criteria).toEqual([{ metric: 'Sähköisen asioinnin osuus', met: '', note: '' }]);
    expect(keys(L.evaluation.validate(v, ctx))).toEqual(['criteria[0].met', 'verdict', 'lessons']);
    const revise = { ...v, criteria: [{ ...v.criteria[0], met: 'false' }], verdict: 'revise', lessons: 'l' };
    expect(keys(L.evaluation.validate(revise, ctx))).toEqual(['reason']);
    expect(L.evaluation.body({ ...revise, reason: 'r' }, ctx)).toMatchObject({ criteria: [{ metric: 'Sähköisen asioinnin osuus', met: false }], verdict: 'revise', reason: 'r' });
  });
  it('success factors are scored at both levels', () => {
    const ctx = { state: state() };
    const v = L.successFactors.initial(ctx);
    expect(keys(L.successFactors.validate(v, ctx))).toHaveLength(7);
    const filled = { ...v, individual: { competence: '4', commitment: '5' }, organisation: { leadership: '4', trustAndCollaboration: '3', flexibleWork: '3', processEmbedding: '2', resourcing: '1' } };
    expect(L.successFactors.body(filled, ctx)).toMatchObject({ individual: { competence: 4, commitment: 5 }, organisation: { resourcing: 1 } });
  });
});

describe('stage moves and adoption', () => {
  it('the pilot cannot end before it started', () => {
    const ctx = { state: state() };
    expect(L.endPilot.validate({ ended: '28.2.2026', reason: 'r' }, ctx).ended?.key).toBe('form.errors.endBeforePilotStart');
    expect(L.endPilot.validate({ ended: '31.5.2026', reason: '' }, ctx)).toEqual({ reason: { key: 'form.errors.required', values: undefined } });
  });
  it('adoption sends its rationale as the reason too; widening offers only wider scopes', () => {
    const ctx = { state: state({ stage: 'Adopted', adoption: { scope: 'County', processes: [] } }) };
    const body = L.adopt.body({ scope: 'Unit', processes: 'Palveluohjaus\nRaportointi', title: 'Malli', link: '', reason: 'Päätös' }, ctx);
    expect(body).toMatchObject({ processes: ['Palveluohjaus', 'Raportointi'], operatingModel: { title: 'Malli' }, rationale: 'Päätös', reason: 'Päätös' });
    expect(L.widerScopes(ctx.state)).toEqual(['MultiCounty', 'National']);
    expect(L.adoptionScope.validate({ scope: 'Unit', reason: 'r' }, ctx).scope?.key).toBe('form.errors.notWider');
  });
  it('hold and discontinue need their reason; a review date is optional but must be a date', () => {
    const ctx = { state: state() };
    expect(keys(L.hold.validate({ reviewOn: 'ensi kuussa', reason: '' }, ctx))).toEqual(['reason', 'reviewOn']);
    expect(L.hold.body({ reviewOn: '', reason: 'Rahoitus' }, ctx)).toEqual({ reason: 'Rahoitus', reviewOn: undefined });
    expect(keys(L.discontinue.validate({ lessons: '', reason: '' }, ctx))).toEqual(['reason', 'lessons']);
  });
});

describe('project forms', () => {
  it('a project needs its workstreams and each goal its numbers', () => {
    const v = P.register.initial({ county: 'vantaa-kerava' });
    expect(v.county).toBe('vantaa-kerava');
    expect(keys(P.register.validate(v, { county: null }))).toEqual([
      'name', 'programme', 'workstreams[0].name', 'workstreams[0].goals[0].indicator', 'workstreams[0].goals[0].baseline',
      'workstreams[0].goals[0].target', 'workstreams[0].goals[0].unit',
    ]);
    const filled = { ...v, name: 'Asukkaan asialla', programme: 'TulSote', workstreams: [{ name: 'Neuvonta', goals: [{ indicator: 'Asiointi', baseline: '12', target: '30', unit: '%' }] }] };
    expect(P.register.body(filled, { county: null })).toMatchObject({ workstreams: [{ name: 'Neuvonta', goals: [{ baseline: 12, target: 30 }] }] });
  });
  it('a proposal from a project carries the project, and a workstream only with it', () => {
    const v = { ...P.propose.initial({ county: 'vantaa-kerava', projectId: 'p1' }), title: 't', problem: 'p', themes: 'Chat, sms', proposedByRole: 'r', workstream: 'Neuvonta' };
    expect(P.propose.validate(v, { county: null, projectId: 'p1' })).toEqual({});
    expect(P.propose.body(v, { county: null, projectId: 'p1' })).toMatchObject({ projectId: 'p1', workstream: 'Neuvonta', themes: ['Chat', 'sms'] });
    expect(P.propose.body({ ...v, projectId: '' }, { county: null, projectId: null }).workstream).toBeUndefined();
  });
  it('a goal names its workstream; closing needs a summary', () => {
    const v = P.addGoal.initial({ workstreams: ['Neuvonta'] });
    expect(v.workstream).toBe('Neuvonta');
    expect(keys(P.addGoal.validate(v, { workstreams: [] }))).toEqual(['goal.indicator', 'goal.baseline', 'goal.target', 'goal.unit']);
    expect(keys(P.closeProject.validate({ summary: ' ', reason: '' }, {}))).toEqual(['summary']);
  });
});
