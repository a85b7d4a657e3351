import { Button } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useAnnounce } from '../components/LiveRegion';
import { useCounties, useProjects } from '../data';
import { href, navigate, useRoute } from '../router';
import { boundCounty, useSession } from '../session';
import type { ProjectDetail } from '../types';
import { AreaField, Fieldset, SelectField, TextField } from './fields';
import { FormShell } from './FormShell';
import * as P from './projectLogic';
import { useCommandForm } from './useCommandForm';
import { useProjectDetail } from '../pages/useProjectDetail';
import { Loading } from '../components/Status';
import { useState } from 'react';

function useCountyOptions() {
  const { i18n } = useTranslation();
  const lang = i18n.language as 'fi' | 'sv' | 'en';
  return useCounties().map((c) => ({ value: c.slug, label: c[lang] ?? c.fi }));
}

/** "Uusi kokeilu": proposes an experiment, within a project when opened from one. */
export function ProposeForm() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const session = useSession();
  const route = useRoute();
  const projectId = route.query.get('projectId');
  const counties = useCountyOptions();
  const form = useCommandForm<P.ProposeValues>({
    draftKey: `propose:${projectId ?? ''}`,
    initial: () => P.propose.initial({ county: boundCounty(session), projectId }),
    validate: (v) => P.propose.validate(v, { county: null, projectId }),
    send: (v) => api.propose(P.propose.body(v, { county: null, projectId })),
    onSaved: (r) => {
      announce(t('form.saved', { what: t('actions.propose') }));
      navigate(`/experiments/${r.id}`);
    },
  });
  const v = form.values;
  const projects = useProjects(v.county || undefined, !!v.county);
  const project = useProjectDetail(v.projectId || null).project;
  return (
    <FormShell form={form} title={t('actions.propose')} intro={<p>{t('formIntro.propose')}</p>}
      backHref={href(projectId ? `/projects/${projectId}` : '/experiments')} submitLabel={t('submit.propose')} testId="form-propose">
      <TextField name="title" label={t('fields.title')} hint={t('hints.title')} error={form.errors.title} value={v.title} onChange={(title) => form.set({ title })} />
      <AreaField name="problem" label={t('fields.problem')} hint={t('hints.problem')} error={form.errors.problem} value={v.problem} onChange={(problem) => form.set({ problem })} />
      <SelectField name="county" label={t('fields.county')} error={form.errors.county} value={v.county} onChange={(county) => form.set({ county, projectId: '', workstream: '' })} options={counties} />
      <SelectField name="projectId" label={t('fields.project')} hint={t('hints.project')} optional error={form.errors.projectId} value={v.projectId}
        onChange={(id) => form.set({ projectId: id, workstream: '' })} options={projects.filter((p) => !('closed' in p) || !(p as { closed?: boolean }).closed).map((p) => ({ value: p.id, label: p.name }))} />
      {project && project.workstreams.length > 0 && (
        <SelectField name="workstream" label={t('fields.workstream')} hint={t('hints.workstream')} optional error={form.errors.workstream} value={v.workstream}
          onChange={(workstream) => form.set({ workstream })} options={project.workstreams.map((w) => ({ value: w.name, label: w.name }))} />
      )}
      <TextField name="themes" label={t('fields.themes')} hint={t('hints.themes')} error={form.errors.themes} value={v.themes} onChange={(themes) => form.set({ themes })} />
      <TextField name="proposedByRole" label={t('fields.proposedByRole')} hint={t('hints.proposedByRole')} error={form.errors.proposedByRole} value={v.proposedByRole} onChange={(proposedByRole) => form.set({ proposedByRole })} />
      <AreaField name="reason" label={t('form.reason')} hint={t('form.reasonHint')} optional value={v.reason} onChange={(reason) => form.set({ reason })} />
    </FormShell>
  );
}

function GoalFields({ path, goal, errors, onChange }: {
  path: string; goal: P.GoalValues; errors: Record<string, { key: string }>; onChange: (g: Partial<P.GoalValues>) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField name={`${path}.indicator`} label={t('fields.indicator')} hint={t('hints.indicator')} error={errors[`${path}.indicator`]} value={goal.indicator} onChange={(indicator) => onChange({ indicator })} />
      <div className="field-row-inline">
        <TextField width="short" numeric="decimal" name={`${path}.baseline`} label={t('fields.baseline')} error={errors[`${path}.baseline`]} value={goal.baseline} onChange={(baseline) => onChange({ baseline })} />
        <TextField width="short" numeric="decimal" name={`${path}.target`} label={t('fields.target')} error={errors[`${path}.target`]} value={goal.target} onChange={(target) => onChange({ target })} />
        <TextField width="short" name={`${path}.unit`} label={t('fields.unit')} hint={t('hints.unit')} error={errors[`${path}.unit`]} value={goal.unit} onChange={(unit) => onChange({ unit })} />
      </div>
    </>
  );
}

/** Registers a project (hanke) with its workstreams (kärjet) and their goals. */
export function RegisterProjectForm() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const session = useSession();
  const counties = useCountyOptions();
  const form = useCommandForm<P.RegisterValues>({
    draftKey: 'project:new',
    initial: () => P.register.initial({ county: boundCounty(session) }),
    validate: (v) => P.register.validate(v, { county: null }),
    send: (v) => api.registerProject(P.register.body(v, { county: null })),
    onSaved: (r) => {
      announce(t('form.saved', { what: t('actions.registerProject') }));
      navigate(`/projects/${r.id}`);
    },
  });
  const v = form.values;
  const setWs = (i: number, w: Partial<P.WorkstreamValues>) => form.set({ workstreams: v.workstreams.map((x, j) => (j === i ? { ...x, ...w } : x)) });
  return (
    <FormShell form={form} title={t('actions.registerProject')} intro={<p>{t('formIntro.registerProject')}</p>} backHref={href('/projects')}
      submitLabel={t('submit.registerProject')} testId="form-register-project">
      <TextField name="name" label={t('fields.projectName')} hint={t('hints.projectName')} error={form.errors.name} value={v.name} onChange={(name) => form.set({ name })} />
      <SelectField name="county" label={t('fields.county')} error={form.errors.county} value={v.county} onChange={(county) => form.set({ county })} options={counties} />
      <TextField name="programme" label={t('fields.programme')} hint={t('hints.programme')} error={form.errors.programme} value={v.programme} onChange={(programme) => form.set({ programme })} />
      {v.workstreams.map((w, i) => (
        <Fieldset key={i} legend={t('fields.workstreamN', { n: i + 1 })} hint={t('hints.workstreamGoals')}>
          <TextField name={`workstreams[${i}].name`} label={t('fields.workstreamName')} hint={t('hints.workstreamName')} error={form.errors[`workstreams[${i}].name`]} value={w.name} onChange={(name) => setWs(i, { name })} />
          {w.goals.map((g, j) => (
            <div className="repeat-group" key={j}>
              <h3 className="repeat-heading">{t('fields.goalN', { n: j + 1 })}</h3>
              <GoalFields path={`workstreams[${i}].goals[${j}]`} goal={g} errors={form.errors} onChange={(patch) => setWs(i, { goals: w.goals.map((x, k) => (k === j ? { ...x, ...patch } : x)) })} />
            </div>
          ))}
          <Button variant="secondary" onClick={() => setWs(i, { goals: [...w.goals, P.emptyGoal()] })}>{t('fields.addGoal')}</Button>
        </Fieldset>
      ))}
      <Button variant="secondary" onClick={() => form.set({ workstreams: [...v.workstreams, P.emptyWorkstream()] })}>{t('fields.addWorkstream')}</Button>
      <AreaField name="reason" label={t('form.reason')} hint={t('form.reasonHint')} optional value={v.reason} onChange={(reason) => form.set({ reason })} />
    </FormShell>
  );
}

function ProjectWrite<V extends { reason: string }>({ project, kind, logic, ctx, send, children }: {
  project: ProjectDetail; kind: 'addGoal' | 'closeProject';
  logic: { initial: (c: never) => V; validate: (v: V, c: never) => Record<string, { key: string }>; body: (v: V, c: never) => object };
  ctx: unknown; send: (body: object) => Promise<{ id: string; version: number }>;
  children: (form: ReturnType<typeof useCommandForm<V>>) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const form = useCommandForm<V>({
    draftKey: `project:${project.id}:${kind}`,
    initial: () => logic.initial(ctx as never),
    validate: (v) => logic.validate(v, ctx as never),
    send: (v, expectedVersion) => send({ ...logic.body(v, ctx as never), expectedVersion }),
    version: project.version,
    onSaved: () => {
      announce(t('form.saved', { what: t(`actions.${kind}`) }));
      navigate(`/projects/${project.id}`);
    },
  });
  return (
    <FormShell form={form} title={t(`actions.${kind}`)} intro={<p>{t('form.aboutProject', { name: project.name })} {t(`formIntro.${kind}`)}</p>}
      backHref={href(`/projects/${project.id}`)} submitLabel={t(`submit.${kind}`)} testId={`form-${kind}`}
      conflict={form.conflict && <p>{t('form.conflict.project')}</p>}>
      {children(form)}
      <AreaField name="reason" label={t('form.reason')} hint={t('form.reasonHint')} optional value={form.values.reason} onChange={(reason) => form.set({ reason } as Partial<V>)} />
    </FormShell>
  );
}

/** "#/projects/{id}/goals" and "#/projects/{id}/close". */
export function ProjectFormPage({ id, kind }: { id: string; kind: 'goals' | 'close' }) {
  const { t } = useTranslation();
  const { project } = useProjectDetail(id);
  const [opened, setOpened] = useState<ProjectDetail | null>(null);
  if (project && !opened) setOpened(project);
  if (!opened) return <Loading />;
  if (kind === 'goals') {
    const ctx = { workstreams: opened.workstreams.map((w) => w.name) };
    return (
      <ProjectWrite project={opened} kind="addGoal" logic={P.addGoal} ctx={ctx} send={(b) => api.addGoal(id, b)}>
        {(form) => (
          <>
            <SelectField name="workstream" label={t('fields.workstream')} hint={t('hints.goalWorkstream')} error={form.errors.workstream} value={form.values.workstream}
              onChange={(workstream) => form.set({ workstream })} options={ctx.workstreams.map((w) => ({ value: w, label: w }))} />
            <GoalFields path="goal" goal={form.values} errors={form.errors} onChange={(patch) => form.set(patch)} />
          </>
        )}
      </ProjectWrite>
    );
  }
  return (
    <ProjectWrite project={opened} kind="closeProject" logic={P.closeProject} ctx={{}} send={(b) => api.closeProject(id, b)}>
      {(form) => (
        <AreaField name="summary" label={t('fields.closingSummary')} hint={t('hints.closingSummary')} error={form.errors.summary} value={form.values.summary} onChange={(summary) => form.set({ summary })} />
      )}
    </ProjectWrite>
  );
}
