import { useRef, type ReactNode } from 'react';
import { Button, ErrorSummary } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api';
import { PageHeading } from '../components/PageHeading';
import { LabelRegistry } from './fields';
import type { CommandForm } from './useCommandForm';
import { fieldId } from './values';

function problemText(t: (k: string, o?: Record<string, unknown>) => string, p: ApiError): string {
  if (p.status === 0) return t('form.problems.network');
  if (p.status === 401) return t('errors.sessionExpired');
  if (p.status === 403) return t('form.problems.forbidden');
  if (p.status === 404) return t('errors.notFound');
  if (p.status === 409 && p.currentStage) return t('form.problems.wrongStage', { stage: t(`stage.${p.currentStage}`, { defaultValue: p.currentStage }) });
  if (p.status === 409) return t('form.problems.rule', { detail: p.detail ?? p.title });
  if (p.status === 413) return t('form.problems.tooLarge');
  if (p.status === 429) return t('form.problems.tooMany');
  if (p.status >= 500) return t('form.problems.server');
  return t('errors.unknown');
}

/**
 * A form page: its heading, the error summary (which takes focus after a failed save), what someone
 * else changed meanwhile, and the save and cancel actions. Fields register their labels for the summary.
 */
export function FormShell<V>({ form, title, intro, backHref, submitLabel, conflict, children, testId }: {
  form: CommandForm<V>; title: string; intro?: ReactNode; backHref: string; submitLabel: string;
  conflict?: ReactNode; children: ReactNode; testId?: string;
}) {
  const { t } = useTranslation();
  const labels = useRef(new Map<string, string>()).current;
  const items = Object.entries(form.errors).map(([name, m]) => ({
    text: `${labels.get(name) ?? t('form.field')}: ${t(m.key, m.values)}`,
    inputId: fieldId(name),
  }));
  return (
    <LabelRegistry.Provider value={labels}>
      <p className="back-link">
        <a href={backHref}>← {t('form.back')}</a>
      </p>
      <PageHeading>{title}</PageHeading>
      {intro && <div className="intro">{intro}</div>}
      {form.conflict && conflict && (
        <div ref={form.alertRef} className="notice conflict" data-testid="conflict">
          {conflict}
        </div>
      )}
      {!form.conflict && form.problem && (
        <div ref={form.alertRef} className="notice problem" role="alert" data-testid="form-problem">
          {problemText(t, form.problem)}
        </div>
      )}
      {items.length > 0 && (
        <ErrorSummary
          headingRef={form.summaryRef} headingText={t('form.errorSummary', { count: items.length })} headingVariant="h2"
          items={items} className="error-summary" data-testid="error-summary"
        />
      )}
      <form noValidate onSubmit={(e) => void form.submit(e)} className="command-form" data-testid={testId}>
        {children}
        <div className="form-actions">
          <Button type="submit" disabled={form.sending} data-testid="form-submit">
            {form.sending ? t('form.saving') : submitLabel}
          </Button>
          <a href={backHref} className="cancel-link">{t('form.cancel')}</a>
        </div>
      </form>
    </LabelRegistry.Provider>
  );
}
