import { useRef, useState, useEffect, type FormEvent } from 'react';
import { Button, DateInput, TimeInput } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';
import { navigate, useRoute } from '../router';

const pad = (n: number) => String(n).padStart(2, '0');
/** Suomi.fi's date format, the same in all three languages: "1.3.2026". */
const fiDate = (d: Date) => `${d.getDate()}.${d.getMonth() + 1}.${d.getFullYear()}`;
const fiTime = (d: Date) => `${pad(d.getHours())}.${pad(d.getMinutes())}`;

/** An ISO-8601 time from the query, or undefined when there is none or it is not a time. */
export function parseAt(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  return Number.isNaN(new Date(value).getTime()) ? undefined : value;
}

/** A date ("1.3.2026", or ISO "2026-03-01") and a 24-hour time ("12.00" or "12:00") as an ISO-8601 UTC time. */
export function toIso(date: string, time: string): string | undefined {
  const d = date.trim().match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/) ?? date.trim().match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  const t = (time.trim() || '00.00').match(/^(\d{1,2})[.:](\d{2})$/);
  if (!d || !t) return undefined;
  const [day, month, year] = d[0].includes('-') ? [d[3], d[2], d[1]] : [d[1], d[2], d[3]];
  const [hours, minutes] = [Number(t[1]), Number(t[2])];
  if (hours > 23 || minutes > 59) return undefined;
  const at = new Date(Number(year), Number(month) - 1, Number(day), hours, minutes);
  return at.getDate() === Number(day) && !Number.isNaN(at.getTime()) ? at.toISOString() : undefined;
}

/**
 * The moment every dashboard shows, kept in the address (?at=) so that it stays when the user
 * moves between tabs, and a way to set it or go back to the live figures.
 */
export function useAt(): [string | undefined, (at: string | undefined) => void] {
  const route = useRoute();
  const at = parseAt(route.query.get('at'));
  const path = `/${route.segments.map(encodeURIComponent).join('/')}`;
  const set = (next: string | undefined) => navigate(path, { ...Object.fromEntries(route.query.entries()), at: next });
  return [at, set];
}

/**
 * "Show the situation at": Suomi.fi's date input and a 24-hour time. Submitting asks for the
 * figures as they stood then; while a past time is shown, a button returns to the live figures.
 */
export function AsOfPicker({ value, onChange }: { value?: string; onChange: (at: string | undefined) => void }) {
  const { t, i18n } = useTranslation();
  const dateInput = useRef<HTMLInputElement>(null);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('12.00');
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    if (!value) return;
    const d = new Date(value);
    setDate(fiDate(d));
    setTime(fiTime(d));
  }, [value]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const at = toIso(date, time);
    setInvalid(!at);
    if (at) onChange(at);
  }

  function backToLive() {
    onChange(undefined);
    // The button goes away with the past view: keep keyboard focus in the form.
    dateInput.current?.focus();
  }

  return (
    <form className="filters as-of-picker" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('asOf.legend')}</legend>
        <div className="filter-fields">
          <div className="field">
            <DateInput
              ref={dateInput}
              labelText={t('asOf.date')}
              hintText={t('asOf.dateHint')}
              datePickerEnabled
              language={i18n.language as 'fi' | 'sv' | 'en'}
              maxDate={new Date()}
              value={date}
              onChange={({ value: v }) => setDate(v)}
              status={invalid ? 'error' : 'default'}
              statusText={invalid ? t('asOf.invalid') : undefined}
              data-testid="as-of-date"
            />
          </div>
          <div className="field">
            <TimeInput
              labelText={t('asOf.time')}
              hintText={t('asOf.timeHint')}
              value={time}
              onChange={(v) => setTime(v)}
              data-testid="as-of-time"
            />
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

/** A banner above every page while a past moment is chosen: which moment, and the way back to now. */
export function AsOfBanner() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [at, setAt] = useAt();
  if (!at) return null;
  return (
    <div className="as-of-banner" role="status" data-testid="as-of-banner">
      <span>{t('asOf.banner', { time: fmt.dateTime(at) })}</span>{' '}
      <Button variant="secondaryLight" onClick={() => setAt(undefined)} data-testid="as-of-banner-live">
        {t('asOf.backToLive')}
      </Button>
    </div>
  );
}
