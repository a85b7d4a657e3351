import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch, renderWithLive, signIn } from '../test/utils';
import type { ExperimentState } from '../types';
import { PublicationPanel } from './PublicationPanel';

const adopted = {
  id: 'e1', version: 12, title: 'Chat-neuvonta', county: 'vantaa-kerava', themes: [], stage: 'Adopted', plan: null, stakeholders: [], pilot: null,
  evaluation: null, discontinuation: null, onHold: null,
  adoption: { scope: 'County', processes: ['Neuvonta'], operatingModel: { title: 'Chat-neuvonnan toimintamalli' } },
} as unknown as ExperimentState;

describe('Publishing an operating model', () => {
  it('needs a rationale, then publishes with the lessons when chosen', async () => {
    signIn();
    const calls = mockFetch({ '/api/experiments/e1/publication': () => [200, { id: 'e1', version: 13 }] });
    renderWithLive(<PublicationPanel state={adopted} />);
    fireEvent.click(screen.getByRole('button', { name: 'Julkaise toimintamalli' }));
    expect(await screen.findByText('Kirjoita perustelu.')).toBeTruthy();
    expect(calls.length).toBe(0);

    fireEvent.click(screen.getByRole('checkbox', { name: /Julkaise myös opit/ }));
    fireEvent.change(screen.getByLabelText('Perustelu', { exact: false }), { target: { value: 'Valmis muille alueille' } });
    fireEvent.click(screen.getByRole('button', { name: 'Julkaise toimintamalli' }));
    await waitFor(() => expect(screen.getByTestId('publication-done').textContent).toBe('Toimintamalli julkaistiin luetteloon.'));
    expect(calls[0].body).toEqual({ includeLessons: true, rationale: 'Valmis muille alueille', expectedVersion: 12 });
  }, 20_000);

  it('offers withdrawal once published, and nothing before adoption', async () => {
    signIn();
    const calls = mockFetch({ '/api/experiments/e1/publication/withdraw': () => [200, { id: 'e1', version: 14 }] });
    const { unmount } = renderWithLive(<PublicationPanel state={{ ...adopted, publication: { publishedAt: '2026-11-01T08:00:00Z', includeLessons: false } }} />);
    expect(screen.getByRole('link', { name: 'Katso julkinen sivu' }).getAttribute('href')).toBe('/julkinen/e1');
    fireEvent.change(screen.getByLabelText('Perustelu', { exact: false }), { target: { value: 'Kuvaus vanhentui' } });
    fireEvent.click(screen.getByRole('button', { name: 'Poista luettelosta' }));
    await waitFor(() => expect(calls[0]?.url).toBe('/api/experiments/e1/publication/withdraw'));
    unmount();
    renderWithLive(<PublicationPanel state={{ ...adopted, adoption: null }} />);
    expect(screen.queryByTestId('publication-panel')).toBeNull();
  }, 20_000);
});
