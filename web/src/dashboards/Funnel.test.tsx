import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { COUNTIES, fakeHub, mockFetch, renderWithLive, signIn } from '../test/utils';
import Funnel from './Funnel';

const funnel = (total: number, piloting: number) => ({
  scope: 'county:vantaa-kerava',
  total,
  stages: [
    { stage: 'Idea', current: 5, reached: total, medianDays: 12.5 },
    { stage: 'Planned', current: 8, reached: 32, medianDays: 20 },
    { stage: 'Piloting', current: piloting, reached: 20, medianDays: 90 },
    { stage: 'Evaluating', current: 3, reached: 9, medianDays: 30 },
    { stage: 'Adopted', current: 4, reached: 4, medianDays: null },
    { stage: 'Discontinued', current: 2, reached: 2, medianDays: null },
    { stage: 'OnHold', current: 0, reached: 1, medianDays: null },
  ],
  conversions: [
    { from: 'Idea', to: 'Planned', rate: 0.8 },
    { from: 'Planned', to: 'Piloting', rate: 0.625 },
    { from: 'Piloting', to: 'Evaluating', rate: 0.45 },
    { from: 'Evaluating', to: 'Adopted', rate: 0.444 },
  ],
  discontinuationReasons: [{ reason: 'Henkilöstöllä ei ollut aikaa ohjata asiakkaita', count: 3 }],
  adoptionScopes: { Unit: 1, County: 2, MultiCounty: 1, National: 0 },
  updatedAt: '2026-11-22T10:00:00Z',
});

describe('Funnel dashboard', () => {
  it('shows the figures for the user county, through the session cookie (no token in the page)', async () => {
    signIn();
    const calls = mockFetch({ '/api/counties': COUNTIES, '/api/projects': [], '/api/dashboards/funnel': funnel(3500, 11) });
    renderWithLive(<Funnel />);

    expect(await screen.findByTestId('funnel-total')).toHaveProperty('textContent', '3\u00a0500');
    expect(screen.getByTestId('stage-count-Piloting').textContent).toBe('11');
    expect(screen.getByTestId('stage-median-Idea').textContent).toBe('12,5');
    expect(screen.getByTestId('conversion-Idea-Planned').textContent).toMatch(/^80\s%$/);
    expect(screen.getByText('Henkilöstöllä ei ollut aikaa ohjata asiakkaita')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Käyttöönoton suppilo' })).toBeTruthy();

    const call = calls.find((c) => c.url.startsWith('/api/dashboards/funnel'))!;
    expect(call.url).toBe('/api/dashboards/funnel?county=vantaa-kerava');
    expect(call.headers.Authorization).toBeUndefined();
    expect(call.headers['X-Ledger-Request']).toBe('1');
  });

  it('watches its scope, replaces the figures on dashboardChanged and announces it', async () => {
    signIn();
    mockFetch({ '/api/counties': COUNTIES, '/api/projects': [], '/api/dashboards/funnel': funnel(40, 11) });
    const view = renderWithLive(<Funnel />);
    await screen.findByTestId('funnel-total');
    await waitFor(() => expect(fakeHub().invoked).toContainEqual(['Watch', 'funnel', 'county:vantaa-kerava']));
    expect(fakeHub().url).toBe('/hubs/dashboards');
    expect(fakeHub().options).not.toHaveProperty('accessTokenFactory');
    expect(fakeHub().options).toMatchObject({ headers: { 'X-Ledger-Request': '1' } });

    act(() => fakeHub().push('funnel', 'county:helsinki', funnel(999, 99)));
    expect(screen.getByTestId('funnel-total').textContent).toBe('40');

    act(() => fakeHub().push('funnel', 'county:vantaa-kerava', funnel(41, 12)));
    expect(screen.getByTestId('funnel-total').textContent).toBe('41');
    expect(screen.getByTestId('stage-count-Piloting').textContent).toBe('12');
    // It says what changed, not only that something did.
    await waitFor(() => expect(screen.getByTestId('live-region').textContent).toMatch(/^Luvut päivitetty klo \d{1,2}\.\d\d: Kokeiluja yhteensä 41 \(\+1\)/));
    expect(screen.getByTestId('live-region').textContent).toContain('Pilotoinnissa 12 (+1)');
    expect(screen.getByTestId('live-region').getAttribute('aria-live')).toBe('polite');
    // Sighted users see the same in the flow, beside "Tiedot päivitetty", not over the tables.
    expect(screen.getByTestId('live-note').textContent).toMatch(/^✓ Luvut päivitetty klo \d{1,2}\.\d\d$/);
    expect(screen.getByTestId('live-note').closest('.updated-at')).toBeTruthy();

    view.unmount();
    await waitFor(() => expect(fakeHub().invoked).toContainEqual(['Unwatch', 'funnel', 'county:vantaa-kerava']));
  });

  it('uses the project as the scope when a project is chosen', async () => {
    signIn({ role: 'leadership', county: '*', user: 'valtakunnallinen-johto' });
    window.location.hash = '#/funnel?county=helsinki&projectId=p-42&theme=chat';
    const calls = mockFetch({ '/api/counties': COUNTIES, '/api/projects': [], '/api/dashboards/funnel': { ...funnel(3, 1), scope: 'project:p-42' } });
    renderWithLive(<Funnel />);
    await screen.findByTestId('funnel-total');
    expect(calls.some((c) => c.url === '/api/dashboards/funnel?county=helsinki&projectId=p-42&theme=chat')).toBe(true);
    await waitFor(() => expect(fakeHub().invoked).toContainEqual(['Watch', 'funnel', 'project:p-42']));
  });

  it('shows the problem detail when the server refuses', async () => {
    signIn();
    mockFetch({
      '/api/counties': COUNTIES,
      '/api/projects': [],
      '/api/dashboards/funnel': () => [403, { title: 'Forbidden', status: 403, detail: 'Sinulla ei ole oikeutta Helsingin tietoihin.' }],
    });
    renderWithLive(<Funnel />);
    expect(await screen.findByText('Sinulla ei ole oikeutta Helsingin tietoihin.')).toBeTruthy();
  });

  it('says in words, not with an empty axis, that no stage has a median yet, and keeps the table', async () => {
    signIn();
    const data = funnel(3, 1);
    data.stages = data.stages.map((s) => ({ ...s, medianDays: null }));
    mockFetch({ '/api/counties': COUNTIES, '/api/projects': [], '/api/dashboards/funnel': data });
    renderWithLive(<Funnel />);
    await screen.findByTestId('funnel-total');
    const median = document.querySelector('section[aria-labelledby="funnel-median"]')!;
    expect(median.textContent).toContain('Ei vielä päättyneitä vaiheita.');
    expect(median.querySelector('canvas')).toBeNull();
    expect(screen.getByTestId('stage-median-Idea').textContent).toBe('–');
    // With medians the chart is there.
    expect(document.querySelector('section[aria-labelledby="funnel-stages"] canvas')).toBeTruthy();
  });

  it('says so in words, too, when every median is 0 days (nothing to draw either)', async () => {
    signIn();
    const data = funnel(3, 1);
    data.stages = data.stages.map((s, i) => ({ ...s, medianDays: i < 2 ? 0 : null }));
    mockFetch({ '/api/counties': COUNTIES, '/api/projects': [], '/api/dashboards/funnel': data });
    renderWithLive(<Funnel />);
    await screen.findByTestId('funnel-total');
    const median = document.querySelector('section[aria-labelledby="funnel-median"]')!;
    expect(median.textContent).toContain('Päättyneissä vaiheissa on viivytty mediaanina 0 päivää.');
    expect(median.querySelector('canvas')).toBeNull();
    expect(screen.getByTestId('stage-median-Idea').textContent).toBe('0');
  });

  it('shows the funnel as it stood at a chosen time, labelled and without live updates, and returns to live', async () => {
    signIn();
    const calls = mockFetch({
      '/api/counties': COUNTIES,
      '/api/projects': [],
      '/api/dashboards/funnel': (url) => [200, url.searchParams.has('at') ? funnel(20, 2) : funnel(40, 11)],
    });
    renderWithLive(<Funnel />);
    await waitFor(() => expect(screen.getByTestId('funnel-total').textContent).toBe('40'));
    await waitFor(() => expect(fakeHub().invoked).toContainEqual(['Watch', 'funnel', 'county:vantaa-kerava']));
    expect(screen.queryByTestId('as-of-live')).toBeNull();

    fireEvent.change(screen.getByLabelText('Päivä'), { target: { value: '2026-03-01' } });
    fireEvent.change(screen.getByLabelText('Kellonaika'), { target: { value: '12:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Näytä tilanne' }));

    const at = new Date(2026, 2, 1, 12, 0).toISOString();
    await waitFor(() => expect(screen.getByTestId('funnel-total').textContent).toBe('20'));
    expect(calls.some((c) => c.url === `/api/dashboards/funnel?county=vantaa-kerava&at=${encodeURIComponent(at)}`)).toBe(true);
    expect(window.location.hash).toContain(`at=${encodeURIComponent(at)}`);
    expect(screen.getByTestId('as-of-label').textContent).toBe('Tilanne 1.3.2026 klo 12.00');
    expect(screen.getByTestId('as-of-notice').textContent).toContain('ei päivity automaattisesti');
    expect(screen.queryByText(/^Tiedot päivitetty/)).toBeNull();
    await waitFor(() => expect(fakeHub().invoked).toContainEqual(['Unwatch', 'funnel', 'county:vantaa-kerava']));

    // A change now does not overwrite the past figures.
    act(() => fakeHub().push('funnel', 'county:vantaa-kerava', funnel(41, 12)));
    expect(screen.getByTestId('funnel-total').textContent).toBe('20');
    expect(screen.getByTestId('live-region').textContent).toBe('');

    fireEvent.click(screen.getByRole('button', { name: 'Palaa ajantasaiseen tilanteeseen' }));
    await waitFor(() => expect(screen.getByTestId('funnel-total').textContent).toBe('40'));
    expect(screen.queryByTestId('as-of-notice')).toBeNull();
    expect(screen.queryByTestId('as-of-live')).toBeNull();
    expect(calls.filter((c) => c.url === '/api/dashboards/funnel?county=vantaa-kerava')).toHaveLength(2);
    await waitFor(() => expect(fakeHub().invoked.filter((x) => x[0] === 'Watch')).toHaveLength(2));
    act(() => fakeHub().push('funnel', 'county:vantaa-kerava', funnel(41, 12)));
    expect(screen.getByTestId('funnel-total').textContent).toBe('41');
  });

  it('opens a past time from the address, e.g. a shared link', async () => {
    signIn();
    window.location.hash = `#/funnel?at=${encodeURIComponent(new Date(2026, 2, 1, 12, 0).toISOString())}`;
    const calls = mockFetch({ '/api/counties': COUNTIES, '/api/projects': [], '/api/dashboards/funnel': funnel(20, 2) });
    renderWithLive(<Funnel />);
    expect((await screen.findByTestId('as-of-label')).textContent).toBe('Tilanne 1.3.2026 klo 12.00');
    expect(calls.find((c) => c.url.startsWith('/api/dashboards/funnel'))!.url).toMatch(/^\/api\/dashboards\/funnel\?county=vantaa-kerava&at=2026-03-01T/);
    // Suomi.fi's date input and a 24-hour time, as written in Finland.
    expect((screen.getByLabelText(/^Päivä/) as HTMLInputElement).value).toBe('1.3.2026');
    expect((screen.getByLabelText(/^Kellonaika/) as HTMLInputElement).value).toBe('12.00');
  });
});
