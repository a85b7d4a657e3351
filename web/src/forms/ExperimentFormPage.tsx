import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { Loading } from '../components/Status';
import { useExperimentLive } from '../pages/useExperimentLive';
import { href } from '../router';
import type { ExperimentState } from '../types';
import type { ExperimentFormProps } from './ExperimentFormParts';
import * as F from './ExperimentForms';
import { EvaluationForm, ParticipationForm, SuccessFactorsForm } from './HelpfulForms';
import { allowedCommands, commandFromSlug, type Command } from './stageRules';

const FORMS: Record<Command, (p: ExperimentFormProps) => React.ReactNode> = {
  plan: F.PlanForm,
  stakeholders: F.StakeholderForm,
  pilot: F.PilotForm,
  participation: ParticipationForm,
  sessions: F.SessionForm,
  measurements: F.MeasurementForm,
  feedback: F.FeedbackForm,
  'success-factors': SuccessFactorsForm,
  'pilot/end': F.EndPilotForm,
  evaluation: EvaluationForm,
  hold: F.HoldForm,
  resume: F.ResumeForm,
  adopt: F.AdoptForm,
  'adoption-scope': F.AdoptionScopeForm,
  discontinue: F.DiscontinueForm,
};

/** "#/experiments/{id}/do/{command}": the command's form, on the experiment as it is now and as it moves. */
export default function ExperimentFormPage({ id, slug }: { id: string; slug: string }) {
  const { t } = useTranslation();
  const live = useExperimentLive(id);
  const [opened, setOpened] = useState<ExperimentState | null>(null);
  if (live.state && !opened) setOpened(live.state);
  const command = commandFromSlug(slug);

  if (live.error) {
    return (
      <>
        <PageHeading>{t('experiments.title')}</PageHeading>
        <ErrorAlert error={live.error} />
      </>
    );
  }
  if (!opened || !live.state) return <Loading />;
  if (!command || !allowedCommands(opened.stage).includes(command)) {
    return (
      <>
        <PageHeading>{t('form.notAllowedTitle')}</PageHeading>
        <p>{t('form.notAllowed', { stage: t(`stage.${live.state.stage}`) })}</p>
        <p><a href={href(`/experiments/${id}`)}>{t('form.conflict.toExperiment')}</a></p>
      </>
    );
  }
  const Form = FORMS[command];
  return <Form opened={opened} latest={live.state} refresh={live.refresh} />;
}
