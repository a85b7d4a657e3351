import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { COUNTIES, fakeHub, mockFetch, renderWithLive, signIn } from '../test/utils';
import Pilots from './Pilots';

const pilot = (id: string, overdue: boolean) => ({
  experimentId: id,
  title: overdue ? 'Chat-neuvonta' : 'LeanLab Myllypuro',
  county: 'helsinki',
  projectId: null,
  sites: ['Myllypuron terveys- ja hyvinvointikeskus'],
  channels: ['digital'],
  start: '2026-09-01',
  plannedEnd: '2026-12-31',
  daysRunning: 82,
  participantsLast7Days: 1400,
  evaluationOverdue: overdue,
});

describe('Pilots board', () => {
  it('lists live pilots and flags overdue evaluation in words', async () => {
    signIn({ user: 'hki-projektitoimisto', county: 'helsinki' });
    mockFetch({
      '/api/counties': COUNTIES,
      '/api/dashboards/pilots': { scope: 'county:helsinki', pilots: [pilot('a', false), pilot('b', true)], updatedAt: null },
    });
    renderWithLive(<Pilots />);
    expect((await screen.findByTestId('pilots-count')).textContent).toBe('2');
    expect(screen.getByTestId('pilots-overdue-count').textContent).toBe('1');
    expect(screen.getByTestId('pilot-evaluation-b').textContent).toContain('Arviointi myöhässä');
    expect(screen.getByTestId('pilot-evaluation-a').textContent).toBe('Aikataulussa');
    expect(screen.getByTestId('pilot-participants-a').textContent).toBe('1\u00a0400');
    expect(screen.getByRole('link', { name: 'Chat-neuvonta' }).getAttribute('href')).toBe('#/experiments/b');
    expect(screen.getAllByText('Myllypuron terveys- ja hyvinvointikeskus').length).toBe(2);

    await waitFor(() => expect(fakeHub().invoked).toContainEqual(['Watch', 'pilots', 'county:helsinki']));
    act(() => fakeHub().push('pilots', 'county:helsinki', { scope: 'county:helsinki', pilots: [pilot('a', false)], updatedAt: null }));
    expect(screen.getByTestId('pilots-count').textContent).toBe('1');
  });

  it('watches nationally for a user who reads every county', async () => {
    signIn({ role: 'leadership', county: '*', user: 'valtakunnallinen-johto' });
    mockFetch({ '/api/counties': COUNTIES, '/api/dashboards/pilots': { scope: 'national', pilots: [], updatedAt: null } });
    renderWithLive(<Pilots />);
    expect(await screen.findByText('Käynnissä olevia pilotteja ei ole.')).toBeTruthy();
    await waitFor(() => expect(fakeHub().invoked).toContainEqual(['Watch', 'pilots', 'national']));
  });
});
