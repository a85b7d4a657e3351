import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import App from './App';
import i18n from './i18n';
import { getSession } from './session';
import { COUNTIES, mockFetch, renderWithLive, signIn } from './test/utils';

describe('App shell', () => {
  it('signs a demo user in, keeps the token in sessionStorage and sends it', async () => {
    const calls = mockFetch({
      '/api/demo/login': (_u, init) => {
        const body = JSON.parse(String(init!.body));
        return [200, { token: 'tok-123', user: body.user, role: body.role, county: body.county }];
      },
      '/api/counties': COUNTIES,
      '/api/projects': [],
      '/api/dashboards/funnel': {
        scope: 'county:etela-savo', total: 7, stages: [], conversions: [], discontinuationReasons: [], adoptionScopes: {}, updatedAt: null,
      },
    });
    renderWithLive(<App />);
    expect(screen.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' })).toBeTruthy();
    fireEvent.click(screen.getByLabelText(/Johto – Etelä-Savon hyvinvointialue/));
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaudu' }));

    expect((await screen.findByTestId('funnel-total')).textContent).toBe('7');
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ url: '/api/demo/login', method: 'POST', body: { user: 'essote-johto', role: 'leadership', county: 'etela-savo' } });
    expect(getSession()?.token).toBe('tok-123');
    expect(sessionStorage.getItem('projectledger.session')).toContain('tok-123');
    // Nothing was asked of the API before signing in but the sign-in itself.
    expect(calls[0].url).toBe('/api/demo/login');
    expect(window.location.hash).toBe('#/funnel');
    const funnelCall = calls.find((c) => c.url.startsWith('/api/dashboards/funnel'))!;
    expect(funnelCall.headers.Authorization).toBe('Bearer tok-123');
    expect(funnelCall.url).toBe('/api/dashboards/funnel?county=etela-savo');
  });

  it('has landmarks, a skip link and a labelled main navigation', async () => {
    signIn();
    window.location.hash = '#/experiments';
    mockFetch({ '/api/counties': COUNTIES, '/api/projects': [], '/api/experiments': { items: [], page: 1, pageSize: 25, total: 0 } });
    renderWithLive(<App />);
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Päävalikko' });
    expect(nav.querySelector('[aria-current="page"]')?.textContent).toBe('Kokeilut');
    const skip = screen.getByText('Siirry sisältöön');
    fireEvent.click(skip);
    expect(document.activeElement?.id).toBe('main-content');
    expect(window.location.hash).toBe('#/experiments');
    expect(await screen.findByText('Hakuehtoja vastaavia kokeiluja ei löytynyt.')).toBeTruthy();
  });

  it('switches language and sets <html lang>', async () => {
    signIn();
    window.location.hash = '#/experiments';
    mockFetch({ '/api/counties': COUNTIES, '/api/projects': [], '/api/experiments': { items: [], page: 1, pageSize: 25, total: 0 } });
    renderWithLive(<App />);
    expect(document.documentElement.lang).toBe('fi');
    await act(async () => {
      await i18n.changeLanguage('sv');
    });
    expect(document.documentElement.lang).toBe('sv');
    expect(screen.getByRole('navigation', { name: 'Huvudmeny' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Försök');
    await act(async () => {
      await i18n.changeLanguage('en');
    });
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('link', { name: 'Adoption funnel' })).toBeTruthy();
  });

  it('returns to sign-in when the token is no longer accepted', async () => {
    signIn();
    window.location.hash = '#/pilots';
    mockFetch({
      '/api/counties': COUNTIES,
      '/api/dashboards/pilots': () => [401, { title: 'Unauthorized', status: 401 }],
    });
    renderWithLive(<App />);
    await waitFor(() => expect(screen.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' })).toBeTruthy());
    expect(getSession()).toBeNull();
  });
});
