import { describe, expect, it } from 'vitest';
import { fieldId, fromServer, lines, parseCount, parseDate, parseNumber, showDate } from './values';

describe('what people type', () => {
  it('reads numbers with a decimal comma and spaces', () => {
    expect(parseNumber('12,5')).toBe(12.5);
    expect(parseNumber('1 234')).toBe(1234);
    expect(parseNumber('-3')).toBe(-3);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('12 %')).toBeNull();
  });
  it('reads counts: empty is zero, never negative or fractional', () => {
    expect(parseCount('')).toBe(0);
    expect(parseCount('7')).toBe(7);
    expect(parseCount('-1')).toBeNull();
    expect(parseCount('1,5')).toBeNull();
  });
  it('reads Finnish and ISO dates and refuses impossible ones', () => {
    expect(parseDate('1.3.2026')).toBe('2026-03-01');
    expect(parseDate('2026-03-01')).toBe('2026-03-01');
    expect(parseDate('30.2.2026')).toBeNull();
    expect(parseDate('March 1')).toBeNull();
    expect(showDate('2026-03-01')).toBe('1.3.2026');
  });
  it('splits lists by line, or also by comma', () => {
    expect(lines(' a \n\n b ')).toEqual(['a', 'b']);
    expect(lines('chat, sms; puhelin', true)).toEqual(['chat', 'sms', 'puhelin']);
  });
  it("maps the API's field messages to the UI's words and field ids", () => {
    expect(fromServer({ 'byKind.client': ['Counts are never negative.'], title: ['Required.'], x: ['Something new.'] })).toEqual({
      'byKind.client': { key: 'form.errors.negative', values: undefined },
      title: { key: 'form.errors.required', values: undefined },
      x: { key: 'form.errors.notAccepted', values: undefined },
    });
    expect(fieldId('successCriteria[0].metric')).toBe('f-successCriteria-0-metric');
  });
});
