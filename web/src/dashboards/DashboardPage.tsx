import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { Filters, type FilterName, type FilterValues } from '../components/Filters';
import { PageHeading } from '../components/PageHeading';
import { Loading, UpdatedAt } from '../components/Status';
import type { DashboardName } from '../types';
import type { DashboardState } from './useDashboard';

export interface KeyFigure { label: string; value: string; testId: string; warning?: boolean }

/**
 * The frame every dashboard shares: heading and intro (`{name}.title`, `{name}.intro`), filters,
 * an error or a spinner, then the key figures, when they were updated, and the dashboard's own body.
 * `label`, when given, heads the figures instead of the "updated" line (e.g. the past time they are from).
 */
export function DashboardPage<T extends { updatedAt?: string | null }>(props: {
  name: DashboardName;
  filterFields: FilterName[];
  filters: FilterValues;
  onApply: (values: FilterValues) => void;
  state: DashboardState<T>;
  keyFigures: (data: T) => KeyFigure[];
  beforeFigures?: ReactNode;
  label?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const { data, error, loading, liveUpdatedAt } = props.state;
  return (
    <>
      <PageHeading>{t(`${props.name}.title`)}</PageHeading>
      <p className="intro">{t(`${props.name}.intro`)}</p>
      <Filters fields={props.filterFields} values={props.filters} onApply={props.onApply} />
      {props.beforeFigures}
      <ErrorAlert error={error} />
      {loading && !data && <Loading />}
      {data && (
        <div className="dashboard">
          {props.label}
          <dl className="key-figures">
            {props.keyFigures(data).map((f) => (
              <div key={f.testId} className={`key-figure${f.warning ? ' warning' : ''}`}>
                <dt>{f.label}</dt>
                <dd data-testid={f.testId}>{f.value}</dd>
              </div>
            ))}
          </dl>
          {!props.label && <UpdatedAt value={data.updatedAt} liveUpdatedAt={liveUpdatedAt} />}
          {props.children(data)}
        </div>
      )}
    </>
  );
}
