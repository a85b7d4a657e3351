import { fireEvent, screen, waitFor } from '@testing-library/react';
import { createHash, webcrypto } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { COUNTIES, mockFetch, renderWithLive, signIn } from '../test/utils';
import Audit from './Audit';

const state = (version: number) => ({
  id: 'e1', version, title: 'Chat-pilotti', problem: 'Asiakkaat eivät tavoita neuvontaa', county: 'vantaa-kerava',
  projectId: null, workstream: 'Neuvonta ja asiakasohjaus', themes: ['chat'], stage: version >= 3 ? 'Piloting' : 'Planned',
  stageEnteredAt: '2026-09-01T00:00:00Z', proposedAt: '2026-06-01T00:00:00Z', plan: null, stakeholders: [], pilot: null,
  participation: null, sessions: [], measurements: [], feedback: null, successFactors: null, evaluation: null,
  adoption: null, discontinuation: null, onHold: null,
});

const history = [1, 2, 3].map((v) => ({
  sequence: v, version: v, type: ['ExperimentProposed', 'ExperimentPlanned', 'PilotLaunched'][v - 1],
  timestamp: `2026-0${v + 5}-01T09:00:00Z`, data: { n: v },
  metadata: { userId: 'vk-projektitoimisto', role: 'projectOffice', correlationId: 'c', reason: v === 3 ? 'Chat käyttöön' : null, hash: `hash${v}`, previousHash: v > 1 ? `hash${v - 1}` : null },
}));

describe('Auditor view', () => {
  it('shows every event with who, when, why and hash, and the state at a version', async () => {
    signIn({ role: 'auditor', county: '*', user: 'tarkastaja' });
    const calls = mockFetch({
      '/api/counties': COUNTIES,
      '/api/experiments/e1/history': history,
      '/api/experiments/e1/as-of': (url) => [200, state(Number(url.searchParams.get('version')))],
    });
    renderWithLive(<Audit id="e1" />);
    const row = await screen.findByTestId('audit-event-3');
    expect(row.textContent).toContain('Pilotti käynnistettiin');
    expect(row.textContent).toContain('Chat käyttöön');
    expect(row.textContent).toContain('hash3');
    expect(row.textContent).toContain('projektitoimisto');
    expect(screen.getByTestId('audit-event-1').textContent).toContain('Ei perustelua');

    const input = screen.getByLabelText('Versio numerona') as HTMLInputElement;
    expect(input.value).toBe('3');
    expect(screen.getByLabelText('Versio liukusäätimellä')).toBeTruthy();
    fireEvent.change(input, { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Näytä versio' }));
    expect((await screen.findByTestId('as-of')).textContent).toContain('Tila versiossa 2');
    expect(screen.getByTestId('as-of').textContent).toContain('Suunniteltu');
    expect(calls.some((c) => c.url === '/api/experiments/e1/as-of?version=2')).toBe(true);
  });

  it('says plainly that the history is intact', async () => {
    signIn({ role: 'auditor', county: '*', user: 'tarkastaja' });
    mockFetch({
      '/api/counties': COUNTIES,
      '/api/experiments/e1/history': history,
      '/api/audit/verify': { streamId: 'e1', intact: true, events: 12, firstMismatch: null },
    });
    renderWithLive(<Audit id="e1" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Tarkista eheys' }));
    await waitFor(() => expect(screen.getByTestId('verify-result').textContent).toContain('Historia on ehjä'));
    expect(screen.getByTestId('verify-result').textContent).toContain('12 tapahtumaa tarkistettu');
  });

  it('names the first version that does not match', async () => {
    signIn({ role: 'auditor', county: '*', user: 'tarkastaja' });
    const calls = mockFetch({
      '/api/counties': COUNTIES,
      '/api/experiments/e1/history': history,
      '/api/audit/verify': { streamId: 'e1', intact: false, events: 12, firstMismatch: { version: 7, problem: 'dataChanged', detail: 'hash differs' } },
    });
    renderWithLive(<Audit id="e1" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Tarkista eheys' }));
    await waitFor(() => expect(screen.getByTestId('verify-result').textContent).toContain('Versio 7 ei täsmää: tietoja muutettu'));
    expect(calls.some((c) => c.url === '/api/audit/verify?experimentId=e1')).toBe(true);
  });

  it('is for auditors only', () => {
    signIn();
    mockFetch({ '/api/counties': COUNTIES });
    renderWithLive(<Audit id="e1" />);
    expect(screen.getByText('Historian tarkastus on vain tarkastajille.')).toBeTruthy();
  });
});

describe('Auditor view: the transparency log', () => {
  const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
  const leaves = [sha(Buffer.from([0]), Buffer.from('a')), sha(Buffer.from([0]), Buffer.from('b'))];
  const root = sha(Buffer.from([1]), leaves[0], leaves[1]);
  const checkpoint = (r: Buffer) =>
    `projectledger.demo/events\n2\n${r.toString('base64')}\n\n\u2014 projectledger.demo/events AAAAAAAA\n`;
  const lines = [0, 1].map((i) => JSON.stringify({ sequence: 10 + i, version: i + 1, leafIndex: i, leafHash: leaves[i].toString('base64') }));
  const routes = (r: Buffer) => ({
    '/api/counties': COUNTIES,
    '/api/experiments/e1/history': history,
    '/api/audit/log/key': { text: 'projectledger.demo/events+01234567+AQ==\n', textHeaders: {} },
    '/api/audit/log/checkpoint': { text: checkpoint(r), textHeaders: { 'Last-Modified': 'Sat, 28 Nov 2026 08:00:00 GMT' } },
    '/api/audit/export': { text: lines.join('\n') + '\n', textHeaders: {} },
    '/api/audit/log/proof/inclusion': (url: URL) => {
      const i = Number(url.searchParams.get('sequence')) - 10;
      return [200, { leafIndex: i, treeSize: 2, leafHash: leaves[i].toString('base64'), hashes: [leaves[1 - i].toString('base64')] }];
    },
  });

  it('says the events are included, in which checkpoint, signed by whom, and offers the bundle', async () => {
    vi.stubGlobal('crypto', webcrypto);
    signIn({ role: 'auditor', county: '*', user: 'tarkastaja' });
    mockFetch(routes(root));
    renderWithLive(<Audit id="e1" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Tarkista lokia vasten' }));
    await waitFor(() => expect(screen.getByTestId('log-result').textContent).toContain('Mukana lokissa'));
    const text = screen.getByTestId('log-result').textContent!;
    expect(text).toContain('koko 2');
    expect(text).toContain('allekirjoittaja projectledger.demo/events');
    expect(text).toContain('2 tapahtuman todisteet');
    expect(screen.getByRole('button', { name: 'Lataa todistepaketti' })).toBeTruthy();
  });

  it('says so when a proof does not lead to the signed root', async () => {
    vi.stubGlobal('crypto', webcrypto);
    signIn({ role: 'auditor', county: '*', user: 'tarkastaja' });
    mockFetch(routes(sha(Buffer.from('another root'))));
    renderWithLive(<Audit id="e1" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Tarkista lokia vasten' }));
    await waitFor(() => expect(screen.getByTestId('log-result').textContent).toContain('Tapahtuman 1 todiste ei johda'));
    expect(screen.queryByRole('button', { name: 'Lataa todistepaketti' })).toBeNull();
  });
});
