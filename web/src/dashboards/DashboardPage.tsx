import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AsOfNotice, AsOfPicker, useAt } from '../components/AsOfPicker';
import { ErrorAlert } from '../components/ErrorAlert';
import { Filters, type FilterName, type FilterValues } from '../components/Filters';
import { PageHeading } from '../components/PageHeading';
import { Loading, UpdatedAt } from '../components/Status';
import type { DashboardName } from '../types';
import type { DashboardState } from './useDashboard';

export interface KeyFigure { label: string; value: ReactNode; testId: string; warning?: boolean }

/**
 * The frame every dashboard shares: heading and intro (`{name}.title`, `{name}.intro`), filters,
 * the moment shown (live, or a past one chosen here or on another tab), an error or a spinner,
 * then the key figures, when they were updated (or the past moment they are from), and the body.
 */
export function DashboardPage<T extends { updatedAt?: string | null }>(props: {
  name: DashboardName;
  filterFields: FilterName[];
  filters: FilterValues;
  onApply: (values: FilterValues) => void;
  state: DashboardState<T>;
  keyFigures: (data: T) => KeyFigure[];
  beforeFigures?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const [at, setAt] = useAt();
  const { data, error, loading, liveUpdatedAt } = props.state;
  return (
    <>
      <PageHeading>{t(`${props.name}.title`)}</PageHeading>
      <p className="intro">{t(`${props.name}.intro`)}</p>
      {props.filterFields.length > 0 && <Filters fields={props.filterFields} values={props.filters} onApply={props.onApply} />}
      <AsOfPicker value={at} onChange={setAt} />
      {props.beforeFigures}
      <ErrorAlert error={error} />
      {loading && !data && <Loading />}
      {data && (
        <div className="dashboard">
          {props.state.at && <AsOfNotice at={props.state.at} />}
          <dl className="key-figures">
            {props.keyFigures(data).map((f) => (
              <div key={f.testId} className={`key-figure${f.warning ? ' warning' : ''}`}>
                <dt>{f.label}</dt>
                <dd data-testid={f.testId}>{f.value}</dd>
              </div>
            ))}
          </dl>
          {!props.state.at && <UpdatedAt value={data.updatedAt} liveUpdatedAt={liveUpdatedAt} />}
          {props.children(data)}
        </div>
      )}
    </>
  );
}
