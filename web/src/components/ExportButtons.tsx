import { useState } from 'react';
import { Button } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { fetchOk, PAGE_HEADER, queryString } from '../api';
import { ErrorAlert } from './ErrorAlert';

type Query = Record<string, string | number | null | undefined>;

/** Fetches an export with the user's session and hands it to the browser as a download. */
async function download(path: string, fallbackName: string) {
  const response = await fetchOk(path, { headers: PAGE_HEADER, credentials: 'same-origin' });
  const name = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * "Download as CSV / XLSX" for a table: `path` is the export endpoint, `query` the same filters,
 * scope and moment as the view on screen. Columns are explained in docs/field-dictionary.md.
 */
export function ExportButtons({ path, query, label, testId }: { path: string; query: Query; label: string; testId: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function get(format: 'csv' | 'xlsx') {
    setBusy(true);
    setError(null);
    try {
      await download(`${path}${queryString({ ...query, format })}`, `${testId}.${format}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="export-buttons no-print" role="group" aria-label={t('export.group', { table: label })}>
      <Button variant="secondaryNoBorder" disabled={busy} onClick={() => void get('csv')} data-testid={`export-csv-${testId}`}>
        {t('export.csv')}
      </Button>
      <Button variant="secondaryNoBorder" disabled={busy} onClick={() => void get('xlsx')} data-testid={`export-xlsx-${testId}`}>
        {t('export.xlsx')}
      </Button>
      <ErrorAlert error={error} />
    </div>
  );
}
