import { useTranslation } from 'react-i18next';
import { useAt } from '../components/AsOfPicker';
import { ExportButtons } from '../components/ExportButtons';
import { ScrollTable } from '../components/ScrollTable';
import { useCountyName } from '../data';
import { useFormat } from '../format';
import { href } from '../router';
import type { CountiesData } from '../types';
import { DashboardPage } from './DashboardPage';
import { reachGapLabelKey } from './Participation';
import { changes, useDashboard } from './useDashboard';

/** The 22 organisers side by side, for national leadership: every count opens its experiments. */
export default function Counties() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const countyName = useCountyName();
  const [at] = useAt();
  const sum = (d: CountiesData | null, f: (r: CountiesData['counties'][number]) => number) => (d ? d.counties.reduce((n, r) => n + f(r), 0) : undefined);
  const state = useDashboard<CountiesData>('counties', { at }, (before, after) =>
    changes(t, [
      [t('counties.experiments'), sum(before, (r) => r.experiments), sum(after, (r) => r.experiments)!],
      [t('counties.adopted'), sum(before, (r) => r.adopted), sum(after, (r) => r.adopted)!],
    ]));
  const list = (county: string, q: Record<string, string>, n: number, testId: string) => (
    <a href={href('/experiments', { county, ...q })} data-testid={testId}>{fmt.int(n)}</a>
  );
  return (
    <DashboardPage
      name="counties"
      filterFields={[]}
      filters={{}}
      onApply={() => undefined}
      state={state}
      keyFigures={(data) => [
        { label: t('counties.experiments'), value: fmt.int(sum(data, (r) => r.experiments)), testId: 'counties-experiments' },
        { label: t('counties.adopted'), value: fmt.int(sum(data, (r) => r.adopted)), testId: 'counties-adopted' },
      ]}
    >
      {(data) => (
        <>
          <ScrollTable captionId="counties-caption" caption={t('counties.tableCaption')}>
            <thead>
              <tr>
                <th scope="col">{t('counties.county')}</th>
                <th scope="col" className="num">{t('counties.experiments')}</th>
                <th scope="col" className="num">{t('counties.reachedPilot')}</th>
                <th scope="col" className="num">{t('counties.adopted')}</th>
                <th scope="col" className="num">{t('counties.adoptionRate')}</th>
                <th scope="col" className="num">{t('counties.medianDays')}</th>
                {data.counties[0]?.conversions.map((c) => (
                  <th scope="col" className="num" key={`${c.from}-${c.to}`}>
                    {t('funnel.transitionValue', { from: t(`stage.${c.from}`), to: t(`stage.${c.to}`) })}
                  </th>
                ))}
                <th scope="col">{t('counties.reachGaps')}</th>
              </tr>
            </thead>
            <tbody>
              {data.counties.map((r) => (
                <tr key={r.county} data-testid={`county-row-${r.county}`}>
                  <th scope="row">{countyName(r.county)}</th>
                  <td className="num">{list(r.county, {}, r.experiments, `county-experiments-${r.county}`)}</td>
                  <td className="num">{list(r.county, { reached: 'Piloting' }, r.reachedPilot, `county-pilot-${r.county}`)}</td>
                  <td className="num">{list(r.county, { reached: 'Adopted' }, r.adopted, `county-adopted-${r.county}`)}</td>
                  <td className="num">{fmt.pct(r.adoptionRate)}</td>
                  <td className="num">{fmt.dec(r.medianDaysToAdoption)}</td>
                  {r.conversions.map((c) => (
                    <td className="num" key={`${c.from}-${c.to}`}>{fmt.pct(c.rate)}</td>
                  ))}
                  <td>{r.reachGaps.length === 0 ? '–' : r.reachGaps.map((g) => t(reachGapLabelKey(g), { defaultValue: g.key })).join(t('common.listSeparator'))}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <ExportButtons path="/api/dashboards/counties/export" query={{ at }} label={t('counties.tableCaption')} testId="counties" />
        </>
      )}
    </DashboardPage>
  );
}
