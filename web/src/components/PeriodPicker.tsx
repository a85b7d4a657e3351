import { useEffect, useState, type FormEvent } from 'react';
import { Button, DateInput } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { Select } from './Select';

export type Period = 'all' | 'week' | 'month' | 'range';

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const fromFi = (v: string) => {
  const m = v.trim().match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/);
  return m ? `${m[3]}-${pad(Number(m[2]))}-${pad(Number(m[1]))}` : undefined;
};
const toFi = (v?: string) => (v ? v.split('-').map(Number).reverse().join('.') : '');

/** The from–to dates (ISO, inclusive) of a period: this week runs from Monday, this month from the 1st, both to today. */
export function periodDates(period: Period, today: Date, range?: { from?: string; to?: string }): { from?: string; to?: string } {
  switch (period) {
    case 'week': {
      const monday = new Date(today);
      monday.setDate(today.getDate() - ((today.getDay() + 6) % 7));
      return { from: iso(monday), to: iso(today) };
    }
    case 'month':
      return { from: iso(new Date(today.getFullYear(), today.getMonth(), 1)), to: iso(today) };
    case 'range':
      return { from: range?.from, to: range?.to };
    default:
      return {};
  }
}

/** Participation over the whole time, this week, this month or a chosen range (records counted by the end of their period). */
export function PeriodPicker(props: { period: Period; from?: string; to?: string; onApply: (p: { period: Period; from?: string; to?: string }) => void }) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<Period>(props.period);
  const [from, setFrom] = useState(toFi(props.from));
  const [to, setTo] = useState(toFi(props.to));
  useEffect(() => setPeriod(props.period), [props.period]);

  function submit(e: FormEvent) {
    e.preventDefault();
    props.onApply(period === 'range' ? { period, from: fromFi(from), to: fromFi(to) } : { period });
  }

  return (
    <form className="filters period-picker" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('period.legend')}</legend>
        <div className="filter-fields">
          <Select
            name="period"
            label={t('period.label')}
            value={period}
            options={(['all', 'week', 'month', 'range'] as Period[]).map((p) => ({ value: p, label: t(`period.${p}`) }))}
            onChange={(v) => setPeriod(v as Period)}
          />
          {period === 'range' && (
            <>
              <div className="field">
                <DateInput labelText={t('period.from')} hintText={t('asOf.dateHint')} datePickerEnabled value={from} onChange={({ value }) => setFrom(value)} data-testid="period-from" />
              </div>
              <div className="field">
                <DateInput labelText={t('period.to')} hintText={t('asOf.dateHint')} datePickerEnabled value={to} onChange={({ value }) => setTo(value)} data-testid="period-to" />
              </div>
            </>
          )}
          <div className="filter-submit">
            <Button type="submit" data-testid="period-apply">{t('period.apply')}</Button>
          </div>
        </div>
      </fieldset>
    </form>
  );
}
