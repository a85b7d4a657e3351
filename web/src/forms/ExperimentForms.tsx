import { Button } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { useProjectGoals } from './useProjectGoals';
import { href } from '../router';
import { ADOPTION_SCOPES, KINDS, type ExperimentState } from '../types';
import { AreaField, CheckField, DateField, Fieldset, MultiField, RadioField, SelectField, TextField } from './fields';
import { ConflictView, ReasonField, useExperimentForm, type ExperimentFormProps } from './ExperimentFormParts';
import { FormShell } from './FormShell';
import * as L from './logic';
import type { Command } from './stageRules';

const ROLES = ['designedFor', 'delivers', 'resourcesAndLeads'] as const;
const SESSION_KINDS = ['experienceExpertClinic', 'ngoClinic', 'workshop'] as const;
const VERDICTS = ['adopt', 'revise', 'discontinue'] as const;

/** The frame every experiment form shares: title by command, the experiment's name, the live conflict notice. */
function Frame<V extends { reason: string }>({ command, p, form, children }: {
  command: Command; p: ExperimentFormProps; form: ReturnType<typeof useExperimentForm<V>>; children: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <FormShell
      form={form}
      title={t(`actions.${command}`)}
      intro={<p>{t('form.about', { title: p.opened.title, stage: t(`stage.${p.latest.stage}`) })} {t(`formIntro.${command}`)}</p>}
      backHref={href(`/experiments/${p.opened.id}`)}
      submitLabel={t(`submit.${command}`, { defaultValue: t('form.save') })}
      conflict={form.conflict && <ConflictView id={p.opened.id} conflict={form.conflict} command={command} />}
      testId={`form-${command.replace('/', '-')}`}
    >
      {children}
    </FormShell>
  );
}

function PlanForm(p: ExperimentFormProps) {
  const { t } = useTranslation();
  const form = useExperimentForm('plan', L.plan, p);
  const v = form.values;
  const goals = useProjectGoals(p.latest.projectId);
  const setCriterion = (i: number, patch: Partial<L.Criterion>) => form.set({ criteria: v.criteria.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  return (
    <Frame command="plan" p={p} form={form}>
      <AreaField name="hypothesis" label={t('fields.hypothesis')} hint={t('hints.hypothesis')} error={form.errors.hypothesis} value={v.hypothesis} onChange={(hypothesis) => form.set({ hypothesis })} />
      <TextField name="targetGroup" label={t('fields.targetGroup')} hint={t('hints.targetGroup')} error={form.errors.targetGroup} value={v.targetGroup} onChange={(targetGroup) => form.set({ targetGroup })} />
      <Fieldset legend={t('fields.successCriteria')} hint={t('hints.successCriteria')}>
        {form.errors.successCriteria && <p className="field-error" role="alert">{t(form.errors.successCriteria.key)}</p>}
        {v.criteria.map((c, i) => (
          <div className="repeat-group" key={i}>
            <h3 className="repeat-heading">{t('fields.criterionN', { n: i + 1 })}</h3>
            <TextField name={`successCriteria[${i}].metric`} label={t('fields.metric')} hint={t('hints.metric')} error={form.errors[`successCriteria[${i}].metric`]} value={c.metric} onChange={(metric) => setCriterion(i, { metric })} />
            <div className="field-row-inline">
              <TextField width="short" numeric="decimal" name={`successCriteria[${i}].baseline`} label={t('fields.baseline')} error={form.errors[`successCriteria[${i}].baseline`]} value={c.baseline} onChange={(baseline) => setCriterion(i, { baseline })} />
              <TextField width="short" numeric="decimal" name={`successCriteria[${i}].target`} label={t('fields.target')} error={form.errors[`successCriteria[${i}].target`]} value={c.target} onChange={(target) => setCriterion(i, { target })} />
              <TextField width="short" name={`successCriteria[${i}].unit`} label={t('fields.unit')} hint={t('hints.unit')} error={form.errors[`successCriteria[${i}].unit`]} value={c.unit} onChange={(unit) => setCriterion(i, { unit })} />
            </div>
            {v.criteria.length > 1 && (
              <Button variant="secondaryNoBorder" onClick={() => form.set({ criteria: v.criteria.filter((_, j) => j !== i) })}>
                {t('fields.removeCriterion', { n: i + 1 })}
              </Button>
            )}
          </div>
        ))}
        <Button variant="secondary" onClick={() => form.set({ criteria: [...v.criteria, L.emptyCriterion()] })}>{t('fields.addCriterion')}</Button>
      </Fieldset>
      {goals.length > 0 && (
        <MultiField name="goalsServed" label={t('fields.goalsServed')} hint={t('hints.goalsServed')} optional error={form.errors.goalsServed}
          value={v.goalsServed} onChange={(goalsServed) => form.set({ goalsServed })} options={goals.map((g) => ({ value: g, label: g }))} />
      )}
      <TextField width="short" numeric="decimal" name="participationHours" label={t('fields.participationHours')} hint={t('hints.participationHours')} error={form.errors.participationHours} value={v.participationHours} onChange={(participationHours) => form.set({ participationHours })} />
      <ReasonField form={form} command="plan" stage={p.latest.stage} />
    </Frame>
  );
}

function StakeholderForm(p: ExperimentFormProps) {
  const { t } = useTranslation();
  const form = useExperimentForm('stakeholders', L.stakeholders, p);
  const v = form.values;
  return (
    <Frame command="stakeholders" p={p} form={form}>
      <TextField name="organisation" label={t('fields.organisation')} hint={t('hints.organisation')} error={form.errors.organisation} value={v.organisation} onChange={(organisation) => form.set({ organisation })} />
      <SelectField name="kind" label={t('fields.kind')} hint={t('hints.kind')} error={form.errors.kind} value={v.kind} onChange={(kind) => form.set({ kind })}
        options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
      <CheckField name="roles" label={t('fields.roles')} hint={t('hints.roles')} error={form.errors.roles} value={v.roles} onChange={(roles) => form.set({ roles })}
        options={ROLES.map((r) => ({ value: r, label: t(`stakeholderRole.${r}`), hint: t(`hints.role.${r}`) }))} />
      <ReasonField form={form} command="stakeholders" stage={p.latest.stage} />
    </Frame>
  );
}

function PilotForm(p: ExperimentFormProps) {
  const { t } = useTranslation();
  const form = useExperimentForm('pilot', L.pilot, p);
  const v = form.values;
  return (
    <Frame command="pilot" p={p} form={form}>
      <AreaField name="sites" label={t('fields.sites')} hint={t('hints.sites')} error={form.errors.sites} value={v.sites} onChange={(sites) => form.set({ sites })} />
      <DateField name="start" label={t('fields.start')} error={form.errors.start} value={v.start} onChange={(start) => form.set({ start })} />
      <DateField name="plannedEnd" label={t('fields.plannedEnd')} error={form.errors.plannedEnd} value={v.plannedEnd} onChange={(plannedEnd) => form.set({ plannedEnd })} />
      <TextField name="channels" label={t('fields.pilotChannels')} hint={t('hints.pilotChannels')} optional error={form.errors.channels} value={v.channels} onChange={(channels) => form.set({ channels })} />
      <ReasonField form={form} command="pilot" stage={p.latest.stage} />
    </Frame>
  );
}

function SessionForm(p: ExperimentFormProps) {
  const { t } = useTranslation();
  const form = useExperimentForm('sessions', L.sessions, p);
  const v = form.values;
  return (
    <Frame command="sessions" p={p} form={form}>
      <RadioField name="kind" label={t('fields.sessionKind')} error={form.errors.kind} value={v.kind} onChange={(kind) => form.set({ kind })}
        options={SESSION_KINDS.map((k) => ({ value: k, label: t(`sessionKind.${k}`), hint: t(`hints.sessionKind.${k}`) }))} />
      <DateField name="date" label={t('fields.sessionDate')} error={form.errors.date} value={v.date} onChange={(date) => form.set({ date })} />
      <TextField name="theme" label={t('fields.sessionTheme')} hint={t('hints.sessionTheme')} error={form.errors.theme} value={v.theme} onChange={(theme) => form.set({ theme })} />
      <Fieldset legend={t('fields.attendeesByKind')} hint={t('hints.attendeesByKind', { total: L.total(v.attendees) ?? '–' })}>
        {form.errors.attendeesByKind && <p className="field-error">{t(form.errors.attendeesByKind.key)}</p>}
        <div className="count-inputs">
          {KINDS.map((k) => (
            <TextField key={k} width="short" numeric="numeric" name={`attendeesByKind.${k}`} label={t(`kind.${k}`)} error={form.errors[`attendeesByKind.${k}`]}
              value={v.attendees[k] ?? ''} onChange={(n) => form.set({ attendees: { ...v.attendees, [k]: n } })} />
          ))}
        </div>
      </Fieldset>
      <AreaField name="insights" label={t('fields.insights')} hint={t('hints.insights')} optional error={form.errors.insights} value={v.insights} onChange={(insights) => form.set({ insights })} />
      <ReasonField form={form} command="sessions" stage={p.latest.stage} />
    </Frame>
  );
}

function MeasurementForm(p: ExperimentFormProps) {
  const { t } = useTranslation();
  const form = useExperimentForm('measurements', L.measurements, p);
  const v = form.values;
  const criteria = L.criteriaOf(p.latest);
  const chosen = criteria.find((c) => c.metric === v.metric);
  const latest = p.latest.measurements?.find((m) => m.metric === v.metric);
  return (
    <Frame command="measurements" p={p} form={form}>
      <SelectField name="metric" label={t('fields.criterion')} hint={t('hints.criterion')} error={form.errors.metric} value={v.metric} onChange={(metric) => form.set({ metric })}
        options={criteria.map((c) => ({ value: c.metric, label: t('fields.criterionOption', { metric: c.metric, baseline: c.baseline, target: c.target, unit: c.unit ?? '' }) }))} />
      {chosen && (
        <p className="beside" data-testid="criterion-beside">
          {t('fields.baselineTarget', { baseline: chosen.baseline, target: chosen.target, unit: chosen.unit ?? '' })}
          {latest?.latest != null && <> · {t('fields.latestValue', { value: latest.latest, date: latest.latestAt ?? '' })}</>}
        </p>
      )}
      <TextField width="short" numeric="decimal" name="value" label={t('fields.value')} hint={chosen?.unit ? t('hints.valueUnit', { unit: chosen.unit }) : undefined} error={form.errors.value} value={v.value} onChange={(value) => form.set({ value })} />
      <DateField name="at" label={t('fields.measuredAt')} error={form.errors.at} value={v.at} onChange={(at) => form.set({ at })} />
      <ReasonField form={form} command="measurements" stage={p.latest.stage} />
    </Frame>
  );
}

function FeedbackForm(p: ExperimentFormProps) {
  const { t } = useTranslation();
  const form = useExperimentForm('feedback', L.feedback, p);
  const v = form.values;
  return (
    <Frame command="feedback" p={p} form={form}>
      <TextField name="channel" label={t('fields.feedbackChannel')} hint={t('hints.feedbackChannel')} error={form.errors.channel} value={v.channel} onChange={(channel) => form.set({ channel })} />
      <RadioField small name="score" label={t('fields.score')} hint={t('hints.score')} error={form.errors.score} value={v.score} onChange={(score) => form.set({ score })}
        options={['1', '2', '3', '4', '5'].map((s) => ({ value: s, label: s }))} />
      <TextField name="themes" label={t('fields.feedbackThemes')} hint={t('hints.commaList')} optional error={form.errors.themes} value={v.themes} onChange={(themes) => form.set({ themes })} />
      <ReasonField form={form} command="feedback" stage={p.latest.stage} />
    </Frame>
  );
}

function EndPilotForm(p: ExperimentFormProps) {
  const { t } = useTranslation();
  const form = useExperimentForm('pilot/end', L.endPilot, p);
  return (
    <Frame command="pilot/end" p={p} form={form}>
      <DateField name="ended" label={t('fields.ended')} hint={t('hints.ended')} error={form.errors.ended} value={form.values.ended} onChange={(ended) => form.set({ ended })} />
      <ReasonField form={form} command="pilot/end" stage={p.latest.stage} />
    </Frame>
  );
}

function HoldForm(p: ExperimentFormProps) {
  const { t } = useTranslation();
  const form = useExperimentForm('hold', L.hold, p);
  return (
    <Frame command="hold" p={p} form={form}>
      <AreaField name="reason" label={t('fields.holdReason')} hint={t('hints.holdReason')} error={form.errors.reason} value={form.values.reason} onChange={(reason) => form.set({ reason })} />
      <DateField name="reviewOn" label={t('fields.reviewOn')} hint={t('hints.reviewOn')} optional error={form.errors.reviewOn} value={form.values.reviewOn} onChange={(reviewOn) => form.set({ reviewOn })} />
    </Frame>
  );
}

function ResumeForm(p: ExperimentFormProps) {
  const form = useExperimentForm('resume', L.resume, p);
  return (
    <Frame command="resume" p={p} form={form}>
      <ReasonField form={form} command="resume" stage={p.latest.stage} />
    </Frame>
  );
}

function DiscontinueForm(p: ExperimentFormProps) {
  const { t } = useTranslation();
  const form = useExperimentForm('discontinue', L.discontinue, p);
  return (
    <Frame command="discontinue" p={p} form={form}>
      <AreaField name="reason" label={t('fields.discontinueReason')} hint={t('hints.discontinueReason')} error={form.errors.reason} value={form.values.reason} onChange={(reason) => form.set({ reason })} />
      <AreaField name="lessons" label={t('fields.lessons')} hint={t('hints.lessons')} error={form.errors.lessons} value={form.values.lessons} onChange={(lessons) => form.set({ lessons })} />
    </Frame>
  );
}

function AdoptForm(p: ExperimentFormProps) {
  const { t } = useTranslation();
  const form = useExperimentForm('adopt', L.adopt, p);
  const v = form.values;
  return (
    <Frame command="adopt" p={p} form={form}>
      <RadioField name="scope" label={t('fields.adoptionScope')} error={form.errors.scope} value={v.scope} onChange={(scope) => form.set({ scope })}
        options={ADOPTION_SCOPES.map((s) => ({ value: s, label: t(`adoptionScope.${s}`) }))} />
      <AreaField name="processes" label={t('fields.processes')} hint={t('hints.processes')} error={form.errors.processes} value={v.processes} onChange={(processes) => form.set({ processes })} />
      <TextField name="operatingModel.title" label={t('fields.operatingModelTitle')} hint={t('hints.operatingModelTitle')} error={form.errors['operatingModel.title']} value={v.title} onChange={(title) => form.set({ title })} />
      <TextField name="operatingModel.link" label={t('fields.operatingModelLink')} hint={t('hints.operatingModelLink')} optional error={form.errors['operatingModel.link']} value={v.link} onChange={(link) => form.set({ link })} />
      <ReasonField form={form} command="adopt" stage={p.latest.stage} name="rationale" />
    </Frame>
  );
}

function AdoptionScopeForm(p: ExperimentFormProps) {
  const { t } = useTranslation();
  const form = useExperimentForm('adoption-scope', L.adoptionScope, p);
  return (
    <Frame command="adoption-scope" p={p} form={form}>
      <RadioField name="scope" label={t('fields.widerScope')} hint={t('hints.widerScope', { scope: t(`adoptionScope.${p.latest.adoption?.scope ?? 'Unit'}`) })} error={form.errors.scope}
        value={form.values.scope} onChange={(scope) => form.set({ scope })} options={L.widerScopes(p.latest).map((s) => ({ value: s, label: t(`adoptionScope.${s}`) }))} />
      <AreaField name="rationale" label={t('form.rationale')} hint={t('form.rationaleHint')} error={form.errors.rationale} value={form.values.reason} onChange={(reason) => form.set({ reason })} />
    </Frame>
  );
}

export { PlanForm, StakeholderForm, PilotForm, SessionForm, MeasurementForm, FeedbackForm, EndPilotForm, HoldForm, ResumeForm, DiscontinueForm, AdoptForm, AdoptionScopeForm, VERDICTS };
export type { ExperimentState };
