import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { COUNTIES, mockFetch, renderWithLive, signIn } from '../test/utils';
import { resetSinceLastVisit, SinceLastVisit } from './SinceLastVisit';

describe('What changed since the last visit', () => {
  it('lists the changes with links to their experiments, then remembers the visit up to when the list was made', async () => {
    signIn();
    resetSinceLastVisit();
    const calls = mockFetch({
      '/api/counties': COUNTIES,
      '/api/me/changes': {
        since: '2026-11-20T08:00:00Z', until: '2026-11-28T08:00:00Z', firstVisit: false,
        changes: [
          { experimentId: 'e1', title: 'Chat-neuvonta', county: 'vantaa-kerava', kind: 'published', at: '2026-11-27T08:00:00Z' },
          { experimentId: 'e2', title: 'Alkuarviointilomake', county: 'vantaa-kerava', kind: 'evaluationOverdue', at: '2026-11-26T00:00:00Z', plannedEnd: '2026-11-25' },
          { experimentId: 'e3', title: 'Etävastaanotto', county: 'vantaa-kerava', kind: 'stageChanged', at: '2026-11-21T08:00:00Z', from: 'Planned', to: 'Piloting' },
        ],
      },
      '/api/me/visits': () => [204, null],
    });
    renderWithLive(<SinceLastVisit user="vk-projektitoimisto" />);
    expect(await screen.findByRole('heading', { name: 'Muutokset edellisen käyntisi jälkeen' })).toBeTruthy();
    const items = screen.getAllByTestId('since-change');
    expect(items.map((i) => i.querySelector('a')!.getAttribute('href'))).toEqual(['#/experiments/e1', '#/experiments/e2', '#/experiments/e3']);
    expect(items[1].textContent).toContain('Arviointi myöhässä: pilotin piti päättyä 25.11.2026');
    expect(items[2].textContent).toContain('Suunniteltu → Pilotoinnissa');
    await waitFor(() => expect(calls.find((c) => c.url === '/api/me/visits')?.body).toEqual({ seenUntil: '2026-11-28T08:00:00Z' }));
  }, 20_000);
});
