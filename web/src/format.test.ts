import { describe, expect, it } from 'vitest';
import { makeFormat } from './format';

describe('Finnish number formatting', () => {
  const fmt = makeFormat('fi');
  it('groups thousands with a space and uses a decimal comma', () => {
    expect(fmt.int(3500).replace(/\s/g, ' ')).toBe('3 500');
    expect(fmt.dec(12.5)).toBe('12,5');
    expect(fmt.pct(0.8).replace(/\s/g, ' ')).toBe('80 %');
  });
  it('shows a dash for a missing figure', () => {
    expect(fmt.int(null)).toBe('–');
    expect(fmt.dec(undefined)).toBe('–');
  });
  it('formats in English too', () => {
    expect(makeFormat('en').int(3500)).toBe('3,500');
  });
});

describe('time formatting', () => {
  const at = new Date(2026, 2, 1, 1, 39);
  it('writes Finnish times one way, alone or after a date: "klo 1.39", not "01.39"', () => {
    const fmt = makeFormat('fi');
    expect(fmt.time(at)).toBe('1.39');
    expect(fmt.dateTime(at.toISOString())).toBe('1.3.2026 klo 1.39');
    expect(fmt.dateTime(new Date(2026, 2, 1, 12, 0).toISOString())).toBe('1.3.2026 klo 12.00');
  });
  it("follows Finland's conventions in Swedish and English: day first, 24-hour clock", () => {
    expect(makeFormat('sv').time(at)).toBe('1.39');
    expect(makeFormat('sv').dateTime(at.toISOString())).toBe('1.3.2026 1.39');
    expect(makeFormat('sv').date('2026-11-28')).toBe('28.11.2026');
    expect(makeFormat('en').time(at)).toBe('01:39');
    expect(makeFormat('en').dateTime(new Date(2026, 10, 28, 20, 26).toISOString())).toBe('28/11/2026, 20:26');
    expect(makeFormat('en').date('2026-11-28')).toBe('28/11/2026');
  });
  it('keeps a hidden small count as the server wrote it', () => {
    expect(makeFormat('fi').count('< 5')).toBe('< 5');
    expect(makeFormat('fi').count(0)).toBe('0');
  });
});

describe('business dates', () => {
  it('show the calendar day as given, whatever the time zone', () => {
    expect(makeFormat('fi').date('2026-03-01')).toBe('1.3.2026');
  });
});
