import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { COUNTIES, mockFetch, renderWithLive, signIn } from '../test/utils';
import Experiment from './Experiment';
import ExperimentsList from './ExperimentsList';

const chat = {
  id: 'e1', version: 9, title: 'Chat-neuvonta', problem: 'Asiakkaat eivät tavoita neuvontaa yhdellä yhteydenotolla',
  county: 'vantaa-kerava', projectId: 'p1', workstream: 'Neuvonta ja asiakasohjaus', themes: ['chat', 'asiakaspalaute'],
  stage: 'Piloting', stageEnteredAt: '2026-09-01T00:00:00Z', proposedAt: '2026-05-01T00:00:00Z',
  plan: {
    hypothesis: 'Chat lisää sähköistä asiointia', targetGroup: 'Neuvonnan asiakkaat',
    successCriteria: [{ metric: 'Sähköisen asioinnin osuus', baseline: 20, target: 35, unit: '%' }],
    goalsServed: ['Sähköinen asiointi digitaalisilla kanavilla on lisääntynyt'], participationHours: 120,
  },
  stakeholders: [{ organisation: 'Vantaan kokemusasiantuntijat', kind: 'experienceExpert', roles: ['designedFor'] }],
  pilot: { sites: ['Tikkurilan neuvonta'], start: '2026-09-01', plannedEnd: '2026-12-31', channels: ['digital'], ended: null },
  participation: { total: 14, byKind: { client: 10, experienceExpert: 4 }, byAgeBand: { '30to64': 14 }, byWay: { planning: 14 }, byChannel: { digital: 14 } },
  sessions: [{ kind: 'experienceExpertClinic', date: '2026-10-05', theme: 'Chat-pilottien asiakaspalautteen kerääminen', attendeesByKind: { experienceExpert: 4 }, insights: ['Palautelomake lyhyemmäksi'] }],
  measurements: [{ metric: 'Sähköisen asioinnin osuus', baseline: 20, target: 35, unit: '%', latest: 27.5, latestAt: '2026-11-01T00:00:00Z' }],
  feedback: { count: 31, averageScore: 4.2 }, successFactors: null, evaluation: null, adoption: null, discontinuation: null, onHold: null,
};

describe('Experiment page', () => {
  it('shows the state, the criteria against the latest measurement, and the timeline', async () => {
    signIn();
    mockFetch({
      '/api/counties': COUNTIES,
      '/api/experiments/e1': chat,
      '/api/experiments/e1/history': [
        { sequence: 1, version: 1, type: 'ExperimentProposed', timestamp: '2026-05-01T08:00:00Z', data: {}, metadata: { role: 'projectOffice', reason: 'Yhden yhteydenoton malli' } },
        { sequence: 2, version: 2, type: 'PilotLaunched', timestamp: '2026-09-01T08:00:00Z', data: {}, metadata: { role: 'projectOffice' } },
      ],
    });
    renderWithLive(<Experiment id="e1" />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Chat-neuvonta' })).toBeTruthy();
    expect(screen.getByTestId('experiment-stage').textContent).toBe('Pilotoinnissa');
    const criteria = screen.getByTestId('criteria-table');
    expect(criteria.textContent).toContain('27,5');
    expect(criteria.textContent).toContain('35');
    expect(screen.getByText('Chat-pilottien asiakaspalautteen kerääminen')).toBeTruthy();
    expect(screen.getByTestId('experiment-participation-total').textContent).toBe('14');
    const timeline = await screen.findByTestId('timeline');
    expect(timeline.textContent).toContain('Kokeilua ehdotettiin');
    expect(timeline.textContent).toContain('Yhden yhteydenoton malli');
    expect(timeline.textContent).toContain('Pilotti käynnistettiin');
    expect(screen.queryByTestId('audit-link')).toBeNull();
  });

  it('shows participation of 1–4 people as the server hides it ("< 5"), in the total and the tables', async () => {
    signIn();
    const hidden = { ...chat, participation: { total: '< 5', byKind: { client: '< 5', professional: 0 }, byAgeBand: { '65plus': '< 5' }, byWay: { implementation: '< 5' }, byChannel: { digital: '< 5' } } };
    mockFetch({ '/api/counties': COUNTIES, '/api/experiments/e1': hidden, '/api/experiments/e1/history': [] });
    renderWithLive(<Experiment id="e1" />);
    expect((await screen.findByTestId('experiment-participation-total')).textContent).toBe('< 5');
    const byKind = screen.getByRole('table', { name: 'Osallistujat toimijaryhmittäin' });
    expect(byKind.textContent).toContain('< 5');
    expect(byKind.textContent).not.toContain('NaN');
  });

  it('offers the audit view to an auditor', async () => {
    signIn({ role: 'auditor', county: '*', user: 'tarkastaja' });
    mockFetch({ '/api/counties': COUNTIES, '/api/experiments/e1': chat, '/api/experiments/e1/history': [] });
    renderWithLive(<Experiment id="e1" />);
    expect((await screen.findByTestId('audit-link')).getAttribute('href')).toBe('#/audit/e1');
  });

  it('asks where the model spread only once it is adopted (only an adopted model can be adapted)', async () => {
    signIn();
    const adapted = { ...chat, adaptedFrom: { originId: 'e0', originCounty: 'helsinki', operatingModelTitle: 'Helsingin chat' } };
    let calls = mockFetch({ '/api/counties': COUNTIES, '/api/experiments/e1': adapted, '/api/experiments/e1/history': [] });
    const { unmount } = renderWithLive(<Experiment id="e1" />);
    expect((await screen.findByTestId('adapted-from')).textContent).toContain('Helsingin chat');
    expect(screen.getByText('Mallia ei ole vielä sovellettu muualla.')).toBeTruthy();
    expect(calls.map((c) => c.url)).not.toContain('/api/experiments/e1/spread');
    unmount();

    const adopted = { ...chat, stage: 'Adopted', adoption: { scope: 'county', processes: ['Neuvonta'], operatingModel: { title: 'Chat-malli' } } };
    calls = mockFetch({
      '/api/counties': COUNTIES, '/api/experiments/e1': adopted, '/api/experiments/e1/history': [],
      '/api/experiments/e1/spread': { id: 'e1', adaptedFrom: null, total: 1, adaptations: [{ experimentId: 'e2', title: 'Lapin chat', county: 'helsinki', stage: 'Piloting', published: false, adaptations: [] }] },
    });
    renderWithLive(<Experiment id="e1" />);
    expect(await screen.findByText('Sovelluksia yhteensä: 1')).toBeTruthy();
    expect(calls.map((c) => c.url)).toContain('/api/experiments/e1/spread');
  });
});

describe('Experiments list', () => {
  it('filters and pages through the experiments', async () => {
    signIn({ role: 'leadership', county: '*', user: 'valtakunnallinen-johto' });
    window.location.hash = '#/experiments';
    const calls = mockFetch({
      '/api/counties': COUNTIES,
      '/api/projects': (url) => [200, url.searchParams.get('county') === 'vantaa-kerava' ? [{ id: 'p1', name: 'Asukkaan asialla', county: 'vantaa-kerava' }] : []],
      '/api/experiments': (url) => [200, {
        items: [{ id: 'e1', title: 'Chat-neuvonta', county: 'vantaa-kerava', projectId: 'p1', stage: 'Piloting', themes: ['chat'], lastChangedAt: '2026-11-01T10:00:00Z', version: 9 }],
        page: Number(url.searchParams.get('page')), pageSize: 25, total: 312,
      }],
    });
    renderWithLive(<ExperimentsList />);
    expect((await screen.findByTestId('experiments-total')).textContent).toBe('312 kokeilua');
    expect(screen.getByRole('link', { name: 'Chat-neuvonta' }).getAttribute('href')).toBe('#/experiments/e1');
    expect(calls.some((c) => c.url === '/api/experiments?page=1&pageSize=25')).toBe(true);

    await waitFor(() => expect(screen.getAllByRole('option', { name: 'Vantaan ja Keravan hyvinvointialue' }).length).toBe(1));
    fireEvent.change(screen.getByLabelText('Hyvinvointialue'), { target: { value: 'vantaa-kerava' } });
    await screen.findByRole('option', { name: 'Asukkaan asialla' });
    fireEvent.change(screen.getByLabelText('Hanke'), { target: { value: 'p1' } });
    fireEvent.change(screen.getByLabelText('Vaihe'), { target: { value: 'Piloting' } });
    fireEvent.click(screen.getByRole('button', { name: 'Päivitä näkymä' }));
    await waitFor(() =>
      expect(calls.some((c) => c.url === '/api/experiments?county=vantaa-kerava&projectId=p1&stage=Piloting&page=1&pageSize=25')).toBe(true),
    );
    expect(window.location.hash).toBe('#/experiments?county=vantaa-kerava&projectId=p1&stage=Piloting');
  });
});
