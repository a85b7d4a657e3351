import { describe, expect, it } from 'vitest';
import fi from './fi.json';
import sv from './sv.json';
import en from './en.json';

function keys(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('locale files', () => {
  it('have the same keys in Finnish, Swedish and English', () => {
    const f = keys(fi).sort();
    expect(keys(sv).sort()).toEqual(f);
    expect(keys(en).sort()).toEqual(f);
  });
  it('have no empty texts', () => {
    for (const l of [fi, sv, en]) {
      const flat = keys(l);
      expect(flat.length).toBeGreaterThan(100);
    }
  });
});
