/** Parsing what people type: numbers with a decimal comma, Finnish or ISO dates, one item per line. */

/** "12,5", "1 234" or "-3" → a number; empty or not a number → null. */
export function parseNumber(text: string | undefined | null): number | null {
  if (text === undefined || text === null) return null;
  const s = String(text).replace(/[\s\u00a0\u202f]/g, '').replace(',', '.').replace('−', '-');
  if (s === '' || !/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/** A whole number of people, never negative; empty counts as 0. Null when it is not one. */
export function parseCount(text: string | undefined | null): number | null {
  if (text === undefined || text === null || String(text).trim() === '') return 0;
  const n = parseNumber(text);
  return n !== null && Number.isInteger(n) && n >= 0 ? n : null;
}

/** "1.3.2026" (as suomifi's DateInput writes it) or "2026-03-01" → "2026-03-01"; anything else → null. */
export function parseDate(text: string | undefined | null): string | null {
  if (!text) return null;
  const s = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** An ISO date as DateInput shows it ("2026-03-01" → "1.3.2026"). */
export function showDate(iso: string | null | undefined): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? `${Number(m[3])}.${Number(m[2])}.${m[1]}` : '';
}

/** Today as DateInput shows it. */
export function today(): string {
  const d = new Date();
  return `${d.getDate()}.${d.getMonth() + 1}.${d.getFullYear()}`;
}

/** One item per line (or separated by commas when `commas`), trimmed, empty ones dropped. */
export function lines(text: string | undefined | null, commas = false): string[] {
  return (text ?? '').split(commas ? /[\n,;]/ : /\n/).map((x) => x.trim()).filter(Boolean);
}

/** A message to show: an i18n key with optional values. */
export type Msg = { key: string; values?: Record<string, string | number> };
export type FieldErrors = Record<string, Msg>;
export const msg = (key: string, values?: Record<string, string | number>): Msg => ({ key, values });

/** Collects field errors in order of the form. */
export class Check {
  readonly errors: FieldErrors = {};
  add(field: string, key: string, values?: Record<string, string | number>) {
    if (!this.errors[field]) this.errors[field] = msg(key, values);
    return this;
  }
  required(field: string, value: string | undefined | null) {
    return !value || !value.trim() ? this.add(field, 'form.errors.required') : this;
  }
  number(field: string, text: string | undefined | null) {
    if (!text || !String(text).trim()) return this.add(field, 'form.errors.numberRequired');
    return parseNumber(text) === null ? this.add(field, 'form.errors.notANumber') : this;
  }
  date(field: string, text: string | undefined | null) {
    if (!text || !text.trim()) return this.add(field, 'form.errors.dateRequired');
    return parseDate(text) === null ? this.add(field, 'form.errors.notADate') : this;
  }
  oneOf(field: string, value: string | undefined | null) {
    return !value ? this.add(field, 'form.errors.choose') : this;
  }
  get any() {
    return Object.keys(this.errors).length > 0;
  }
}

/**
 * The API's English field messages in the UI's language: the known ones by pattern, others as a
 * general "not accepted" beside the field (the server's own words stay in the error summary's title).
 */
const SERVER_MESSAGES: [RegExp, string][] = [
  [/^Required/, 'form.errors.required'],
  [/^A number is required/, 'form.errors.numberRequired'],
  [/^A score from 1 to 5/, 'form.errors.score'],
  [/never negative/, 'form.errors.negative'],
  [/must be equal|add up/, 'form.errors.totalsDiffer'],
  [/Measure one of the plan's success criteria/, 'form.errors.notACriterion'],
  [/At least one/, 'form.errors.atLeastOne'],
  [/cannot end before|ends after it starts|comes after the start/, 'form.errors.endBeforeStart'],
  [/Judge every criterion/, 'form.errors.judgeEvery'],
  [/absolute URL/, 'form.errors.url'],
  [/^At most \d+ characters/, 'form.errors.tooLong'],
];

export function fromServer(errors: Record<string, string[]> | null | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, messages] of Object.entries(errors ?? {})) {
    const text = messages[0] ?? '';
    const known = SERVER_MESSAGES.find(([re]) => re.test(text));
    out[field] = known ? msg(known[1]) : msg('form.errors.notAccepted');
  }
  return out;
}

/** The DOM id of a field's input: "successCriteria[0].metric" → "f-successCriteria-0-metric". */
export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;
