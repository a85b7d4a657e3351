import { describe, expect, it } from 'vitest';
import i18n from './i18n';
import { timeline } from './events';
import { makeFormat } from './format';
import type { HistoryEvent } from './types';

const ev = (version: number, type: string, data: object, correlationId: string, reason: string | null = null): HistoryEvent => ({
  sequence: version, version, type, timestamp: `2026-03-0${version}T10:00:00Z`, data,
  metadata: { userId: 'vk-projektitoimisto', role: 'projectOffice', correlationId, reason },
});

describe('timeline', () => {
  const t = i18n.getFixedT('fi');
  const fmt = makeFormat('fi');
  it('folds a stage move into one entry with its rationale, and says what each entry recorded', () => {
    const entries = timeline([
      ev(1, 'ExperimentProposed', { title: 'Chat', proposedByRole: 'palveluesihenkilö' }, 'a'),
      ev(2, 'ExperimentPutOnHoldV2', { reason: 'Rahoitus', reviewOn: '2026-09-01' }, 'b', 'Rahoitus'),
      ev(3, 'StageGateDecided', { from: 'Idea', to: 'OnHold', decision: 'hold', rationale: 'Rahoitus' }, 'b', 'Rahoitus'),
      ev(4, 'MeasurementRecorded', { metric: 'Osuus', value: 31.5, at: '2026-04-30' }, 'c'),
    ], t, fmt);
    expect(entries).toHaveLength(3);
    expect(entries[1].title).toBe('Kokeilu siirrettiin tauolle');
    expect(entries[1].detail).toBe('Rahoitus (tarkistetaan 1.9.2026)');
    expect(entries[1].gate).toEqual({ from: 'Idea', to: 'OnHold', rationale: 'Rahoitus' });
    expect(entries[2].detail).toBe('Osuus = 31,5 (30.4.2026)');
  });
  it('says a participation record of 1–4 people as "< 5", as the server sends it to all but auditors', () => {
    const [entry] = timeline([
      ev(1, 'ParticipationRecorded', { periodStart: '2026-03-01', periodEnd: '2026-03-07', way: 'implementation', channel: 'digital', byKind: { client: '< 5', professional: 0 }, total: '< 5' }, 'p'),
    ], t, fmt);
    expect(entry.detail).toContain('< 5 osallistujaa');
    expect(entry.detail).not.toContain('NaN');
  });
  it('numbers evaluation rounds in order', () => {
    const entries = timeline([
      ev(2, 'EvaluationCompleted', { verdict: 'adopt', criteria: [{ metric: 'a', met: true }] }, 'y'),
      ev(1, 'EvaluationCompleted', { verdict: 'revise', criteria: [{ metric: 'a', met: false }] }, 'x'),
    ], t, fmt);
    expect(entries.map((e) => e.detail)).toEqual([
      'arviointikierros 1: Muokataan ja pilotoidaan uudelleen; 0/1 mittaria saavutettiin',
      'arviointikierros 2: Otetaan käyttöön; 1/1 mittaria saavutettiin',
    ]);
  });
  it('has a label for every event type in all three languages', () => {
    const types = ['ExperimentProposed', 'ExperimentPlanned', 'StakeholderJoined', 'PilotLaunched', 'ParticipationRecorded', 'CoDevelopmentSessionHeld',
      'MeasurementRecorded', 'FeedbackReceived', 'SuccessFactorsAssessed', 'PilotEnded', 'EvaluationCompleted', 'StageGateDecided', 'ExperimentPutOnHold',
      'ExperimentPutOnHoldV2', 'ExperimentResumed', 'ExperimentAdopted', 'AdoptionScopeWidened', 'ExperimentDiscontinued'];
    for (const lng of ['fi', 'sv', 'en']) for (const type of types) expect(i18n.exists(`event.${type}`, { lng })).toBe(true);
  });
});
