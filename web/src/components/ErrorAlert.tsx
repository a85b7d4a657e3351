import { InlineAlert } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';

/**
 * Shows a problem to the user: for 401/403 with a code, the UI's own text for it (in the UI's
 * language); otherwise the problem's `detail`, or a plain message when there is none.
 */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  let message = t('errors.unknown');
  if (error instanceof ApiError) {
    if (error.code && (error.status === 401 || error.status === 403))
      message = t(`errors.codes.${error.code}`, { defaultValue: error.detail ?? t(error.status === 401 ? 'errors.sessionExpired' : 'errors.forbidden') });
    else if (error.detail) message = error.detail;
    else if (error.status === 0) message = t('errors.network');
    else if (error.status === 401) message = t('errors.sessionExpired');
    else if (error.status === 403) message = t('errors.forbidden');
    else if (error.status === 404) message = t('errors.notFound');
    else if (error.title) message = error.title;
  }
  return (
    <InlineAlert status="error" labelText={t('errors.title')} className="error-alert" role="alert">
      {message}
    </InlineAlert>
  );
}
