import { LoadingSpinner } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';

export function Loading() {
  const { t } = useTranslation();
  return <LoadingSpinner status="loading" text={t('common.loading')} textAlign="right" variant="small" />;
}

/**
 * "Tiedot päivitetty …", and after a live update an inline note of when the figures changed.
 * The note is plain text in the flow (it never covers content); screen readers hear the change
 * from the app's live region instead.
 */
export function UpdatedAt({ value, liveUpdatedAt }: { value?: string | null; liveUpdatedAt?: Date | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!value && !liveUpdatedAt) return null;
  return (
    <p className="updated-at">
      {value && t('common.updatedAt', { time: fmt.dateTime(value) })}
      {liveUpdatedAt && (
        <span className="live-note" data-testid="live-note">
          <span aria-hidden="true">✓ </span>
          {t('live.updated', { time: fmt.time(liveUpdatedAt) })}
        </span>
      )}
    </p>
  );
}
