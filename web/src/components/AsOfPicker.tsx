import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';

const pad = (n: number) => String(n).padStart(2, '0');
const localDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const localTime = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** An ISO-8601 time from the query, or undefined when there is none or it is not a time. */
export function parseAt(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  return Number.isNaN(new Date(value).getTime()) ? undefined : value;
}

/** A local date ("2026-03-01") and time ("12:00") as an ISO-8601 UTC time. */
export function toIso(date: string, time: string): string | undefined {
  const d = new Date(`${date}T${time || '00:00'}`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/**
 * "Show the situation at": a date and a time. Submitting asks for the figures as they stood then;
 * while a past time is shown, a button returns to the live figures.
 */
export function AsOfPicker({ value, onChange }: { value?: string; onChange: (at: string | undefined) => void }) {
  const { t } = useTranslation();
  const dateId = useId();
  const timeId = useId();
  const dateInput = useRef<HTMLInputElement>(null);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('12:00');

  useEffect(() => {
    if (!value) return;
    const d = new Date(value);
    setDate(localDate(d));
    setTime(localTime(d));
  }, [value]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const at = toIso(date, time);
    if (at) onChange(at);
  }

  function backToLive() {
    onChange(undefined);
    // The button goes away with the past view: keep keyboard focus in the form.
    dateInput.current?.focus();
  }

  return (
    <form className="filters as-of-picker" onSubmit={submit}>
      <fieldset>
        <legend>{t('asOf.legend')}</legend>
        <div className="filter-fields">
          <div className="field">
            <label htmlFor={dateId}>{t('asOf.date')}</label>
            <input
              ref={dateInput}
              id={dateId}
              type="date"
              required
              max={localDate(new Date())}
              value={date}
              onChange={(e) => setDate(e.target.value)}
              data-testid="as-of-date"
            />
          </div>
          <div className="field">
            <label htmlFor={timeId}>{t('asOf.time')}</label>
            <input id={timeId} type="time" value={time} onChange={(e) => setTime(e.target.value)} data-testid="as-of-time" />
          </div>
          <div className="filter-submit">
            <Button type="submit" data-testid="as-of-show">
              {t('asOf.show')}
            </Button>
          </div>
          {value && (
            <div className="filter-submit">
              <Button variant="secondary" onClick={backToLive} data-testid="as-of-live">
                {t('asOf.backToLive')}
              </Button>
            </div>
          )}
        </div>
      </fieldset>
    </form>
  );
}

/** The label of a past view: "Tilanne 1.3.2026 klo 12.00", and that it does not update itself. */
export function AsOfNotice({ at }: { at: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="notice as-of-notice" data-testid="as-of-notice">
      <p>
        <strong data-testid="as-of-label">{t('asOf.label', { time: fmt.dateTime(at) })}</strong>
      </p>
      <p>{t('asOf.note')}</p>
    </div>
  );
}
