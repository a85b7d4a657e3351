import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';
import { AGE_BANDS, CHANNELS, KINDS, WAYS } from '../types';
import { AreaField, DateField, Fieldset, RadioField, TextField } from './fields';
import { ConflictView, ReasonField, useExperimentForm, type ExperimentFormProps } from './ExperimentFormParts';
import { FormShell } from './FormShell';
import * as L from './logic';
import { href } from '../router';
import type { Command } from './stageRules';

function shell(command: Command, p: ExperimentFormProps, t: (k: string, o?: Record<string, unknown>) => string) {
  return {
    title: t(`actions.${command}`),
    intro: <p>{t('form.about', { title: p.opened.title, stage: t(`stage.${p.latest.stage}`) })} {t(`formIntro.${command}`)}</p>,
    backHref: href(`/experiments/${p.opened.id}`),
    submitLabel: t(`submit.${command}`, { defaultValue: t('form.save') }),
    testId: `form-${command.replace('/', '-')}`,
  };
}

/** Participation: counts by kind and by age band, with running totals; a mismatch is refused before sending. */
export function ParticipationForm(p: ExperimentFormProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const form = useExperimentForm('participation', L.participation, p);
  const v = form.values;
  const byKind = L.total(v.byKind), byAge = L.total(v.byAgeBand);
  const match = byKind !== null && byAge !== null && byKind === byAge;
  return (
    <FormShell form={form} {...shell('participation', p, t)} conflict={form.conflict && <ConflictView id={p.opened.id} conflict={form.conflict} command="participation" />}>
      <div className="field-row-inline">
        <DateField name="periodStart" label={t('fields.periodStart')} error={form.errors.periodStart} value={v.periodStart} onChange={(periodStart) => form.set({ periodStart })} />
        <DateField name="periodEnd" label={t('fields.periodEnd')} error={form.errors.periodEnd} value={v.periodEnd} onChange={(periodEnd) => form.set({ periodEnd })} />
      </div>
      <RadioField name="way" label={t('fields.way')} hint={t('hints.way')} error={form.errors.way} value={v.way} onChange={(way) => form.set({ way })}
        options={WAYS.map((w) => ({ value: w, label: t(`way.${w}`) }))} />
      <RadioField name="channel" label={t('fields.channel')} error={form.errors.channel} value={v.channel} onChange={(channel) => form.set({ channel })}
        options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
      <p className="form-hint">{t('hints.aggregateOnly')}</p>
      <Fieldset legend={t('fields.byKind')} hint={t('hints.byKind')}>
        {form.errors.byKind && <p className="field-error">{t(form.errors.byKind.key, form.errors.byKind.values)}</p>}
        <div className="count-inputs">
          {KINDS.map((k) => (
            <TextField key={k} width="short" numeric="numeric" name={`byKind.${k}`} label={t(`kind.${k}`)} error={form.errors[`byKind.${k}`]}
              value={v.byKind[k] ?? ''} onChange={(n) => form.set({ byKind: { ...v.byKind, [k]: n } })} />
          ))}
        </div>
        <p className="running-total" data-testid="total-by-kind">{t('fields.totalByKind', { total: byKind === null ? '–' : fmt.int(byKind) })}</p>
      </Fieldset>
      <Fieldset legend={t('fields.byAgeBand')} hint={t('hints.byAgeBand')}>
        {form.errors.byAgeBand && <p className="field-error">{t(form.errors.byAgeBand.key, form.errors.byAgeBand.values)}</p>}
        <div className="count-inputs">
          {AGE_BANDS.map((b) => (
            <TextField key={b} width="short" numeric="numeric" name={`byAgeBand.${b}`} label={t(`ageBandLong.${b}`)} error={form.errors[`byAgeBand.${b}`]}
              value={v.byAgeBand[b] ?? ''} onChange={(n) => form.set({ byAgeBand: { ...v.byAgeBand, [b]: n } })} />
          ))}
        </div>
        <p className="running-total" data-testid="total-by-age">{t('fields.totalByAge', { total: byAge === null ? '–' : fmt.int(byAge) })}</p>
      </Fieldset>
      <p className={match ? 'totals-match' : 'totals-differ'} aria-live="polite" data-testid="totals-status">
        {match ? t('fields.totalsMatch', { total: fmt.int(byKind ?? 0) }) : t('fields.totalsDiffer', { byKind: byKind ?? '–', byAgeBand: byAge ?? '–' })}
      </p>
      <ReasonField form={form} command="participation" stage={p.latest.stage} />
    </FormShell>
  );
}

/** Evaluation: every criterion of the plan with met / not met and a note, the latest measurement beside it. */
export function EvaluationForm(p: ExperimentFormProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const form = useExperimentForm('evaluation', L.evaluation, p);
  const v = form.values;
  const criteria = L.criteriaOf(p.latest);
  const set = (i: number, patch: Partial<L.Judgement>) => form.set({ criteria: v.criteria.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  return (
    <FormShell form={form} {...shell('evaluation', p, t)} conflict={form.conflict && <ConflictView id={p.opened.id} conflict={form.conflict} command="evaluation" />}>
      {v.criteria.map((c, i) => {
        const plan = criteria.find((x) => x.metric === c.metric);
        const m = p.latest.measurements?.find((x) => x.metric === c.metric);
        return (
          <Fieldset key={c.metric} legend={c.metric}
            hint={<>
              {plan && t('fields.baselineTarget', { baseline: fmt.dec(plan.baseline), target: fmt.dec(plan.target), unit: plan.unit ?? '' })}
              {' · '}
              {m?.latest != null ? t('fields.latestValue', { value: fmt.dec(m.latest), date: fmt.date(m.latestAt) }) : t('fields.notMeasured')}
            </>}>
            <RadioField small name={`criteria[${i}].met`} label={t('fields.met', { metric: c.metric })} error={form.errors[`criteria[${i}].met`]} value={c.met}
              onChange={(met) => set(i, { met })} options={[{ value: 'true', label: t('experiment.met') }, { value: 'false', label: t('experiment.notMet') }]} />
            <TextField name={`criteria[${i}].note`} label={t('fields.note', { metric: c.metric })} optional error={form.errors[`criteria[${i}].note`]} value={c.note} onChange={(note) => set(i, { note })} />
          </Fieldset>
        );
      })}
      <RadioField name="verdict" label={t('fields.verdict')} hint={t('hints.verdict')} error={form.errors.verdict} value={v.verdict} onChange={(verdict) => form.set({ verdict })}
        options={['adopt', 'revise', 'discontinue'].map((x) => ({ value: x, label: t(`verdict.${x}`), hint: t(`hints.verdicts.${x}`) }))} />
      <AreaField name="lessons" label={t('fields.lessons')} hint={t('hints.lessons')} error={form.errors.lessons} value={v.lessons} onChange={(lessons) => form.set({ lessons })} />
      <ReasonField form={form} command="evaluation" stage={p.latest.stage} verdict={v.verdict} />
    </FormShell>
  );
}

/** Success factors in the two levels the research names: the individual and the organisation. */
export function SuccessFactorsForm(p: ExperimentFormProps) {
  const { t } = useTranslation();
  const form = useExperimentForm('success-factors', L.successFactors, p);
  const v = form.values;
  const scores = ['1', '2', '3', '4', '5'].map((s) => ({ value: s, label: s }));
  return (
    <FormShell form={form} {...shell('success-factors', p, t)} conflict={form.conflict && <ConflictView id={p.opened.id} conflict={form.conflict} command="success-factors" />}>
      <Fieldset legend={t('experiment.individualLevel')} hint={t('hints.individualLevel')}>
        {L.INDIVIDUAL_FACTORS.map((f) => (
          <RadioField small key={f} name={`individual.${f}`} label={t(`factor.${f}`)} hint={t(`hints.factor.${f}`)} error={form.errors[`individual.${f}`]}
            value={v.individual[f]} onChange={(s) => form.set({ individual: { ...v.individual, [f]: s } })} options={scores} />
        ))}
      </Fieldset>
      <Fieldset legend={t('experiment.organisationLevel')} hint={t('hints.organisationLevel')}>
        {L.ORGANISATION_FACTORS.map((f) => (
          <RadioField small key={f} name={`organisation.${f}`} label={t(`factor.${f}`)} hint={t(`hints.factor.${f}`)} error={form.errors[`organisation.${f}`]}
            value={v.organisation[f]} onChange={(s) => form.set({ organisation: { ...v.organisation, [f]: s } })} options={scores} />
        ))}
      </Fieldset>
      <ReasonField form={form} command="success-factors" stage={p.latest.stage} />
    </FormShell>
  );
}
