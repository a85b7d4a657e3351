import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Number and date formatting in the UI language: Finnish gives "3 500", "12,5" and "1.3.2026 klo 1.39".
 * Times everywhere use the locale's own short time style (Finnish "1.39", Swedish "01:39",
 * English "1:39 AM"), whether alone or after a date.
 */
export function makeFormat(lang: string) {
  const integer = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  const date = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'numeric', year: 'numeric' });
  // The locale's short time style decides whether 1 o'clock is "1" (fi, en) or "01" (sv).
  const oneOClock = new Intl.DateTimeFormat(lang, { timeStyle: 'short' }).formatToParts(new Date(2000, 0, 1, 1, 5));
  const hour = oneOClock.find((p) => p.type === 'hour')?.value.length === 2 ? '2-digit' : 'numeric';
  const time = new Intl.DateTimeFormat(lang, { hour, minute: '2-digit' });
  const dateTime = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'numeric', year: 'numeric', hour, minute: '2-digit' });
  // A business date ("2026-03-01") is that calendar day wherever the browser is, not UTC midnight.
  const parse = (v: string | Date) => {
    if (v instanceof Date) return v;
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    return day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(v);
  };
  const valid = (d: Date) => !Number.isNaN(d.getTime());
  return {
    int: (n: number | null | undefined) => (n === null || n === undefined ? '–' : integer.format(n)),
    dec: (n: number | null | undefined) => (n === null || n === undefined ? '–' : decimal.format(n)),
    pct: (n: number | null | undefined) => (n === null || n === undefined ? '–' : percent.format(n)),
    date: (v: string | null | undefined) => {
      if (!v) return '–';
      const d = parse(v);
      return valid(d) ? date.format(d) : v;
    },
    dateTime: (v: string | null | undefined) => {
      if (!v) return '–';
      const d = parse(v);
      return valid(d) ? dateTime.format(d) : v;
    },
    time: (v: string | Date) => time.format(parse(v)),
  };
}

export type Format = ReturnType<typeof makeFormat>;

export function useFormat(): Format {
  const { i18n } = useTranslation();
  return useMemo(() => makeFormat(i18n.language), [i18n.language]);
}
