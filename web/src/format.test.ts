import { describe, expect, it } from 'vitest';
import { makeFormat } from './format';
import { scopeFor } from './signalr';

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

describe('scopeFor', () => {
  it('prefers project, then county, then theme, else national', () => {
    expect(scopeFor({ county: 'helsinki', projectId: 'p1', theme: 'chat' })).toBe('project:p1');
    expect(scopeFor({ county: 'helsinki', theme: 'chat' })).toBe('county:helsinki');
    expect(scopeFor({ theme: 'chat' })).toBe('theme:chat');
    expect(scopeFor({})).toBe('national');
  });
});
