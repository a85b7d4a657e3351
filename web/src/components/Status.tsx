import { LoadingSpinner } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';

export function Loading() {
  const { t } = useTranslation();
  return <LoadingSpinner status="loading" text={t('common.loading')} textAlign="right" variant="small" />;
}

export function UpdatedAt({ value }: { value?: string | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!value) return null;
  return <p className="updated-at">{t('common.updatedAt', { time: fmt.dateTime(value) })}</p>;
}
