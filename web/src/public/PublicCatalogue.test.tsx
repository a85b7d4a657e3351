import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { COUNTIES, mockFetch, renderWithLive } from '../test/utils';
import PublicApp from './PublicApp';

const kotitori = {
  id: 'm1', title: 'Kotitori-palveluintegraattorimalli', link: null, county: 'etela-savo', experimentTitle: 'Sociala-palvelualusta',
  problem: 'Palveluohjaus hajallaan', themes: ['palveluohjaus'],
  tried: { hypothesis: 'Yhteinen alusta', targetGroup: 'Ikääntyneet', sites: ['Essote'], channels: ['verkkoalusta'], start: '2026-03-02', ended: '2026-06-30' },
  criteria: [
    { metric: 'Palvelutilaukset alustalla', baseline: 0, target: 500, unit: 'kpl', met: true, note: null },
    { metric: 'Asiakastyytyväisyys', baseline: 3, target: 4, unit: '1–5', met: false, note: null },
  ],
  lessons: null, adoptionScope: 'MultiCounty', processes: ['Palveluohjaus'], adoptedAt: '2026-08-01T00:00:00Z', publishedAt: '2026-09-01T00:00:00Z',
  participation: { total: 52, byKind: { client: 40, experienceExpert: '< 5' }, byKindProtecting: ['professional'], byAgeBandProtecting: [], byAgeBand: { under18: 0, '65plus': 30, '30to64': '< 5', '18to29': '< 5' } },
  suppressedBelow: 5, adaptedFrom: null, spreadTotal: 2,
  spread: [
    { experimentId: 'm2', title: 'Kotitori Tampere', county: 'helsinki', stage: 'Adopted', adoptionScope: 'County', published: true,
      adaptations: [{ experimentId: null, title: null, county: 'vantaa-kerava', stage: 'Piloting', adoptionScope: null, published: false, adaptations: [] }] },
  ],
};

describe('Public catalogue', () => {
  it('searches without a token and lists the published models', async () => {
    window.history.pushState(null, '', '/julkinen');
    const calls = mockFetch({
      '/api/counties': COUNTIES,
      '/api/public/operating-models': (url) => [200, {
        total: 1,
        items: [{ id: 'm1', title: kotitori.title, county: 'etela-savo', experimentTitle: 'x', problem: 'Palveluohjaus hajallaan', themes: ['palveluohjaus'],
          adoptionScope: 'MultiCounty', publishedAt: '2026-09-01T00:00:00Z', adaptations: url.searchParams.get('q') ? 2 : 0 }],
      }],
    });
    renderWithLive(<PublicApp />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Toimintamallien luettelo' })).toBeTruthy();
    expect((await screen.findAllByTestId('catalogue-item')).length).toBe(1);

    fireEvent.change(screen.getByLabelText('Hakusana', { exact: false }), { target: { value: 'kotitori' } });
    fireEvent.click(screen.getByRole('button', { name: 'Hae' }));
    await waitFor(() => expect(window.location.search).toBe('?q=kotitori'));
    await waitFor(() => expect(screen.getByTestId('catalogue-item').textContent).toContain('Sovelluksia muualla: 2'));
    expect(calls.some((c) => c.url === '/api/public/operating-models?q=kotitori')).toBe(true);
    expect(calls.every((c) => !('Authorization' in c.headers))).toBe(true);
  }, 20_000);

  it('shows a model with met / not met, small counts as "< 5" and where it spread as a nested list', async () => {
    window.history.pushState(null, '', '/julkinen/m1');
    mockFetch({ '/api/counties': COUNTIES, '/api/public/operating-models/m1': kotitori });
    renderWithLive(<PublicApp />);
    expect(await screen.findByRole('heading', { level: 1, name: kotitori.title })).toBeTruthy();
    const criteria = screen.getAllByTestId('public-criterion');
    expect(criteria[0].textContent).toContain('Täyttyi');
    expect(criteria[1].textContent).toContain('Ei täyttynyt');
    expect(screen.getByTestId('public-participation-total').textContent).toBe('52');
    expect(screen.getByTestId('public-kind-experienceExpert').textContent).toBe('< 5');
    expect(screen.getByTestId('public-kind-professional').textContent).toBe('–');
    expect(screen.getByTestId('public-age-under18').textContent).toBe('0');

    const tree = screen.getByTestId('spread-tree');
    const first = within(tree).getByRole('link', { name: 'Kotitori Tampere' });
    expect(first.getAttribute('href')).toBe('/julkinen/m2');
    const nested = first.closest('li')!.querySelector('ul li')!;
    expect(nested.textContent).toContain('Vantaan ja Keravan hyvinvointialue');
    expect(nested.textContent).toContain('Pilotoinnissa');
    expect(nested.querySelector('a')).toBeNull();
    expect(screen.getByRole('img', { name: /2 sovellusta/ })).toBeTruthy();
  }, 20_000);
});
