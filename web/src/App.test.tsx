import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import App from './App';
import i18n from './i18n';
import { getSession } from './session';
import { COUNTIES, mockFetch, renderWithLive, signIn } from './test/utils';

describe('App shell', () => {
  it('signs a demo user in through the session cookie: no token is kept or sent by the page', async () => {
    let signedIn = false;
    const calls = mockFetch({
      '/api/session': () => [200, signedIn
        ? { signedIn: true, user: 'essote-johto', name: null, role: 'leadership', county: 'etela-savo', via: 'demo', refusal: null, demo: true, provider: false }
        : { signedIn: false, demo: true, provider: false }],
      '/api/demo/login': (_u, init) => {
        const body = JSON.parse(String(init!.body));
        signedIn = true;
        return [200, { token: 'tok-123', user: body.user, role: body.role, county: body.county }];
      },
      '/api/counties': COUNTIES,
      '/api/projects': [],
      '/api/dashboards/funnel': {
        scope: 'county:etela-savo', total: 7, stages: [], conversions: [], discontinuationReasons: [], adoptionScopes: {}, updatedAt: null,
      },
    });
    renderWithLive(<App />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Kirjaudu sisään' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Kirjaudu tunnistuspalveluun' })).toBeNull();
    fireEvent.click(screen.getByLabelText(/Johto – Etelä-Savon hyvinvointialue/));
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaudu' }));

    expect((await screen.findByTestId('funnel-total', {}, { timeout: 10_000 })).textContent).toBe('7');
    const login = calls.find((c) => c.method === 'POST')!;
    expect(login).toMatchObject({ url: '/api/demo/login', method: 'POST', body: { user: 'essote-johto', role: 'leadership', county: 'etela-savo' } });
    expect(login.headers['X-Ledger-Request']).toBe('1');
    expect(getSession()).toMatchObject({ user: 'essote-johto', role: 'leadership', county: 'etela-savo' });
    expect(JSON.stringify(getSession())).not.toContain('tok-123');
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('tok-123');
    expect(JSON.stringify({ ...localStorage })).not.toContain('tok-123');
    // Before signing in, the page asked only who is signed in and then signed in.
    expect(calls.slice(0, 2).map((c) => c.url)).toEqual(['/api/session', '/api/demo/login']);
    expect(window.location.hash).toBe('#/funnel');
    const funnelCall = calls.find((c) => c.url.startsWith('/api/dashboards/funnel'))!;
    expect(funnelCall.headers.Authorization).toBeUndefined();
    expect(funnelCall.url).toBe('/api/dashboards/funnel?county=etela-savo');
  });

  it('outside demo mode offers only the provider, and a refused sign-in is told why in the UI language', async () => {
    mockFetch({ '/api/session': { signedIn: false, demo: false, provider: true } });
    const { unmount } = renderWithLive(<App />);
    expect(await screen.findByRole('button', { name: 'Kirjaudu tunnistuspalveluun' })).toBeTruthy();
    expect(screen.queryByText(/Johto – Etelä-Savon hyvinvointialue/)).toBeNull();
    unmount();

    const calls = mockFetch({
      '/api/session': {
        signedIn: true, user: 'vieras', name: 'Ville Vieras', role: 'visitors', county: 'helsinki', via: 'oidc',
        refusal: { code: 'unknownRole', detail: 'Your sign-in carries the role ...' }, demo: false, provider: true,
      },
    });
    renderWithLive(<App />);
    expect((await screen.findByTestId('access-refused')).textContent).toContain('ei ole ProjectLedgerin rooli');
    // The server refuses such a session everything: what changed since the last visit is not asked.
    expect(calls.map((c) => c.url)).not.toContain('/api/me/changes');
    await act(async () => {
      await i18n.changeLanguage('sv');
    });
    expect(screen.getByTestId('access-refused').textContent).toContain('inte en roll i ProjectLedger');
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

  it('returns to sign-in, saying the session ended, when the session is no longer accepted', async () => {
    signIn();
    window.location.hash = '#/pilots';
    mockFetch({
      '/api/counties': COUNTIES,
      '/api/dashboards/pilots': () => [401, { title: 'Sign-in required', status: 401, code: 'sessionExpired' }],
    });
    renderWithLive(<App />);
    await waitFor(() => expect(screen.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' })).toBeTruthy());
    expect(getSession()).toBeNull();
    expect(screen.getByText('Istuntosi on päättynyt. Kirjaudu uudelleen jatkaaksesi.')).toBeTruthy();
  });
});
