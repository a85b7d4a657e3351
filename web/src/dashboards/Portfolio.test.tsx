import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { COUNTIES, fakeHub, mockFetch, renderWithLive, signIn } from '../test/utils';
import Counties from './Counties';
import Factors from './Factors';
import Goals from './Goals';
import Participation from './Participation';
import Pilots from './Pilots';

const national = () => signIn({ role: 'leadership', county: '*', user: 'valtakunnallinen-johto' });

describe('What leadership learns from the portfolio', () => {
  it('counts only live pilots as running and names each pilot\'s stage; small counts stay "< 5"', async () => {
    national();
    const pilot = (id: string, stage: string) => ({
      experimentId: id, title: `Pilotti ${id}`, county: 'helsinki', sites: [], channels: [], start: '2026-09-01', plannedEnd: '2026-12-31',
      daysRunning: 10, participantsLast7Days: '< 5', evaluationOverdue: false, stage,
    });
    mockFetch({
      '/api/counties': COUNTIES,
      '/api/dashboards/pilots': { scope: 'national', pilots: [pilot('a', 'Piloting'), pilot('b', 'Evaluating')], onBoard: 2, live: 1, evaluationOverdue: 0 },
    });
    renderWithLive(<Pilots />);
    expect((await screen.findByTestId('pilots-count')).textContent).toBe('1');
    expect(screen.getByTestId('pilots-awaiting-count').textContent).toBe('1');
    expect(screen.getByTestId('pilot-stage-b').textContent).toBe('Päättynyt, odottaa arviointia');
    expect(screen.getByTestId('pilot-participants-a').textContent).toBe('< 5');
  });

  it('shows hidden participation counts as "< 5" and zero as 0', async () => {
    national();
    const counts = { client: '< 5', ngo: 0 };
    mockFetch({
      '/api/counties': COUNTIES,
      '/api/projects': [],
      '/api/dashboards/participation': { scope: 'national', total: '< 5', byKind: counts, byAgeBand: { '65plus': '< 5' }, byWay: {}, byChannel: {}, reachGaps: [] },
    });
    renderWithLive(<Participation />);
    expect((await screen.findByTestId('participation-total')).textContent).toBe('< 5');
    expect(screen.getByTestId('kind-client').textContent).toBe('< 5');
    expect(screen.getByTestId('kind-ngo').textContent).toBe('0');
  });

  it('shows each goal baseline → target → latest, and links its serving experiments', async () => {
    national();
    mockFetch({
      '/api/counties': COUNTIES,
      '/api/projects': [],
      '/api/dashboards/goals': {
        scope: 'national',
        goals: [{
          projectId: 'p1', project: 'Asukkaan asialla', county: 'vantaa-kerava', workstream: 'Neuvonta', indicator: 'Sähköinen asiointi on lisääntynyt',
          baseline: 12, target: 30, unit: '%', latest: 24, latestAt: '2026-10-31', latestMetric: 'Sähköisen asioinnin osuus', latestExperimentId: 'e1',
          progress: 0.667, servingExperiments: 2, measuringExperiments: 1,
        }],
      },
    });
    renderWithLive(<Goals />);
    expect((await screen.findByTestId('goal-latest')).textContent).toContain('24 %');
    expect(screen.getByTestId('goals-measured').textContent).toBe('1');
    expect(screen.getByRole('link', { name: '2' }).getAttribute('href')).toBe('#/experiments?projectId=p1&goal=S%C3%A4hk%C3%B6inen+asiointi+on+lis%C3%A4%C3%A4ntynyt');
    // Goals have no push of their own: the scope's funnel tells when to read them again.
    await waitFor(() => expect(fakeHub().invoked).toContainEqual(['Watch', 'funnel', 'national']));
  });

  it('says in words which success factors differ most between adopted and discontinued', async () => {
    national();
    const m = (mean: number | null, n: number) => ({ mean, n });
    mockFetch({
      '/api/counties': COUNTIES,
      '/api/projects': [],
      '/api/dashboards/factors': {
        scope: 'national', assessed: 4, differMost: ['resourcing'],
        factors: [{ factor: 'resourcing', level: 'organisation', adopted: m(4, 2), discontinued: m(1, 1), running: m(3, 1), difference: 3 }],
      },
    });
    renderWithLive(<Factors />);
    expect((await screen.findByTestId('factors-summary')).textContent).toBe('Resursointi arvioitiin käyttöön otetuissa keskimäärin 3 pistettä korkeammaksi kuin lopetetuissa.');
  });

  it('puts the counties side by side, each count a link to its experiments', async () => {
    national();
    mockFetch({
      '/api/counties': COUNTIES,
      '/api/dashboards/counties': {
        counties: [{
          county: 'etela-savo', experiments: 14, reachedPilot: 6, adopted: 3, discontinued: 2, adoptionRate: 0.214, medianDaysToAdoption: 180,
          conversions: [{ from: 'Idea', to: 'Planned', rate: 0.8 }], reachGaps: [{ dimension: 'ageBand', key: 'under18' }],
        }],
      },
    });
    renderWithLive(<Counties />);
    expect((await screen.findByTestId('county-adopted-etela-savo')).getAttribute('href')).toBe('#/experiments?county=etela-savo&reached=Adopted');
    expect(screen.getByTestId('county-row-etela-savo').textContent).toContain('Etelä-Savon hyvinvointialue');
  });
});
