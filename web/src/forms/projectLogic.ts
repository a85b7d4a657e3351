import type { FormLogic } from './logic';
import { Check, lines, parseNumber } from './values';

export interface GoalValues { indicator: string; baseline: string; target: string; unit: string }
export interface WorkstreamValues { name: string; goals: GoalValues[] }
export const emptyGoal = (): GoalValues => ({ indicator: '', baseline: '', target: '', unit: '' });
export const emptyWorkstream = (): WorkstreamValues => ({ name: '', goals: [emptyGoal()] });

function checkGoal(c: Check, path: string, g: GoalValues) {
  c.required(`${path}.indicator`, g.indicator).number(`${path}.baseline`, g.baseline).number(`${path}.target`, g.target).required(`${path}.unit`, g.unit);
}
const goalBody = (g: GoalValues) => ({ indicator: g.indicator.trim(), baseline: parseNumber(g.baseline), target: parseNumber(g.target), unit: g.unit.trim() });
const reasonOf = (v: { reason: string }) => (v.reason.trim() ? v.reason.trim() : undefined);

// ── propose an experiment ──
export interface ProposeCtx { county: string | null; projectId: string | null }
export interface ProposeValues { title: string; problem: string; county: string; projectId: string; workstream: string; themes: string; proposedByRole: string; reason: string }
export const propose: FormLogic<ProposeValues, ProposeCtx> = {
  initial: (ctx) => ({ title: '', problem: '', county: ctx.county ?? '', projectId: ctx.projectId ?? '', workstream: '', themes: '', proposedByRole: '', reason: '' }),
  validate: (v) => {
    const c = new Check().required('title', v.title).required('problem', v.problem).oneOf('county', v.county);
    if (lines(v.themes, true).length === 0) c.add('themes', 'form.errors.atLeastOneTheme');
    return c.required('proposedByRole', v.proposedByRole).errors;
  },
  body: (v) => ({
    title: v.title.trim(), problem: v.problem.trim(), county: v.county, projectId: v.projectId || undefined,
    workstream: v.projectId && v.workstream ? v.workstream : undefined,
    themes: lines(v.themes, true), proposedByRole: v.proposedByRole.trim(), reason: reasonOf(v),
  }),
};

// ── register a project ──
export interface RegisterValues { name: string; county: string; programme: string; workstreams: WorkstreamValues[]; reason: string }
export const register: FormLogic<RegisterValues, { county: string | null }> = {
  initial: (ctx) => ({ name: '', county: ctx.county ?? '', programme: '', workstreams: [emptyWorkstream()], reason: '' }),
  validate: (v) => {
    const c = new Check().required('name', v.name).oneOf('county', v.county).required('programme', v.programme);
    if (v.workstreams.length === 0) c.add('workstreams', 'form.errors.atLeastOneWorkstream');
    v.workstreams.forEach((w, i) => {
      c.required(`workstreams[${i}].name`, w.name);
      w.goals.forEach((g, j) => checkGoal(c, `workstreams[${i}].goals[${j}]`, g));
    });
    return c.errors;
  },
  body: (v) => ({
    name: v.name.trim(), county: v.county, programme: v.programme.trim(),
    workstreams: v.workstreams.map((w) => ({ name: w.name.trim(), goals: w.goals.map(goalBody) })), reason: reasonOf(v),
  }),
};

// ── add a goal ──
export interface AddGoalValues extends GoalValues { workstream: string; reason: string }
export const addGoal: FormLogic<AddGoalValues, { workstreams: string[] }> = {
  initial: (ctx) => ({ workstream: ctx.workstreams.length === 1 ? ctx.workstreams[0] : '', ...emptyGoal(), reason: '' }),
  validate: (v) => {
    const c = new Check().required('workstream', v.workstream);
    checkGoal(c, 'goal', v);
    return c.errors;
  },
  body: (v) => ({ workstream: v.workstream.trim(), ...goalBody(v), reason: reasonOf(v) }),
};

// ── close a project ──
export interface CloseValues { summary: string; reason: string }
export const closeProject: FormLogic<CloseValues, unknown> = {
  initial: () => ({ summary: '', reason: '' }),
  validate: (v) => new Check().required('summary', v.summary).errors,
  body: (v) => ({ summary: v.summary.trim(), reason: reasonOf(v) }),
};
