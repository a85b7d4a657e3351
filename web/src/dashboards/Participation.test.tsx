import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { COUNTIES, mockFetch, renderWithLive, signIn } from '../test/utils';
import Participation from './Participation';

const leanLab = {
  scope: 'county:helsinki',
  total: 104,
  byKind: { client: 90, experienceExpert: 4, professional: 10, leadership: 0, ngo: 0, company: 0, education: 0, research: 0 },
  byAgeBand: { under18: 0, '18to29': 0, '30to64': 60, '65plus': 44 },
  byWay: { ideation: 0, planning: 104, development: 0, evaluation: 0, implementation: 0 },
  byChannel: { digital: 104, inPerson: 0 },
  reachGaps: [
    { dimension: 'ageBand', key: 'under18' },
    { dimension: 'kind', key: 'ngo' },
  ],
  updatedAt: '2026-11-22T10:00:00Z',
};

describe('Participation dashboard', () => {
  it('shows totals and names the reach gaps in text', async () => {
    signIn({ user: 'hki-projektitoimisto', county: 'helsinki' });
    const calls = mockFetch({ '/api/counties': COUNTIES, '/api/projects': [], '/api/dashboards/participation': leanLab });
    renderWithLive(<Participation />);

    expect((await screen.findByTestId('participation-total')).textContent).toBe('104');
    expect(screen.getByTestId('reach-gap-under18').textContent).toBe('⚠ Ei tavoitettu: alle 18-vuotiaat');
    expect(screen.getByTestId('reach-gap-ngo').textContent).toContain('Ei tavoitettu: Järjestöt');
    // 18–29 is zero too, though the server did not list it: still named as a gap.
    expect(screen.getByTestId('reach-gap-18to29').textContent).toContain('18–29-vuotiaat');
    expect(screen.getByTestId('age-65plus').textContent).toBe('44');
    expect(screen.getByTestId('kind-client').textContent).toBe('90');
    expect(screen.getByTestId('way-planning').textContent).toBe('104');
    expect(screen.getByTestId('channel-digital').textContent).toBe('104');
    // A zero row in the table carries the words, not only a colour.
    const under18Row = screen.getByTestId('age-under18').closest('tr')!;
    expect(under18Row.textContent).toContain('Ei tavoitettu');
    expect(calls.some((c) => c.url === '/api/dashboards/participation?county=helsinki')).toBe(true);
  });

  it('says when everyone was reached', async () => {
    signIn();
    mockFetch({
      '/api/counties': COUNTIES,
      '/api/projects': [],
      '/api/dashboards/participation': {
        ...leanLab,
        byAgeBand: { under18: 1, '18to29': 2, '30to64': 60, '65plus': 41 },
        reachGaps: [],
      },
    });
    renderWithLive(<Participation />);
    expect(await screen.findByText('Kaikki ikäryhmät ja toimijaryhmät tavoitettiin.')).toBeTruthy();
  });
});
