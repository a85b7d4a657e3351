import { useTranslation } from 'react-i18next';
import { useCountyName } from '../data';
import { useFormat } from '../format';
import { AGE_BANDS, CHANNELS, KINDS, WAYS, orderedKeys, type Counts, type ExperimentState, type PrivateCounts } from '../types';
import { CountTable } from './CountTable';

type H = 'h2' | 'h3';

function Field({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="field-row">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** A compact table of counts with a visible caption: the usual keys first, then any others. */
function CountsTable({ caption, keyHeader, prefix, keys, counts }: { caption: string; keyHeader: string; prefix: string; keys: readonly string[]; counts?: Counts | PrivateCounts }) {
  const { t } = useTranslation();
  return (
    <CountTable
      compact
      caption={caption}
      keyHeader={keyHeader}
      valueHeader={t('participation.count')}
      rows={orderedKeys(keys, counts).map((k) => ({ key: k, label: t(`${prefix}.${k}`, { defaultValue: k }), value: counts?.[k] ?? 0 }))}
    />
  );
}

/**
 * An experiment's state: the current one on the experiment page, or the state at a chosen
 * version in the auditor's view (then with one heading level lower).
 */
export function ExperimentStateView({ state, level = 'h2', idPrefix = 'x' }: { state: ExperimentState; level?: H; idPrefix?: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const countyName = useCountyName();
  const Hx = level;
  const sep = t('common.listSeparator');
  const id = (s: string) => `${idPrefix}-${s}`;
  const measurements = state.measurements ?? [];
  const criteria = state.plan?.successCriteria ?? [];
  const rows = criteria.map((c) => ({ ...c, m: measurements.find((m) => m.metric === c.metric) }));
  for (const m of measurements) if (!criteria.some((c) => c.metric === m.metric)) rows.push({ ...m, m });

  return (
    <div className="experiment-state">
      <section aria-labelledby={id('overview')}>
        <Hx id={id('overview')}>{t('experiment.overview')}</Hx>
        <dl className="fields">
          <Field label={t('experiment.stage')} testId="experiment-stage">{t(`stage.${state.stage}`, { defaultValue: state.stage })}</Field>
          <Field label={t('experiment.version')} testId="experiment-version">{fmt.int(state.version)}</Field>
          {state.problem && <Field label={t('experiment.problem')}>{state.problem}</Field>}
          <Field label={t('experiment.county')}>{countyName(state.county)}</Field>
          {state.workstream && <Field label={t('experiment.workstream')}>{state.workstream}</Field>}
          {state.themes.length > 0 && <Field label={t('experiment.themes')}>{state.themes.join(sep)}</Field>}
          <Field label={t('experiment.proposedAt')}>{fmt.date(state.proposedAt)}</Field>
          <Field label={t('experiment.stageEnteredAt')}>{fmt.date(state.stageEnteredAt)}</Field>
        </dl>
        {state.onHold && (
          <p className="notice" data-testid="experiment-on-hold">
            <strong>{t('experiment.onHold')}</strong> – {t('experiment.reason')}: {state.onHold.reason} ({t('experiment.onHoldFrom')} {fmt.date(state.onHold.from)})
          </p>
        )}
        {state.discontinuation && (
          <p className="notice" data-testid="experiment-discontinued">
            <strong>{t('experiment.discontinued')}</strong> – {t('experiment.reason')}: {state.discontinuation.reason}
            {state.discontinuation.lessons && <> · {t('experiment.lessons')}: {state.discontinuation.lessons}</>}
          </p>
        )}
      </section>

      <section aria-labelledby={id('plan')}>
        <Hx id={id('plan')}>{t('experiment.plan')}</Hx>
        {!state.plan ? (
          <p>{t('experiment.noPlan')}</p>
        ) : (
          <>
            <dl className="fields">
              <Field label={t('experiment.hypothesis')}>{state.plan.hypothesis}</Field>
              <Field label={t('experiment.targetGroup')}>{state.plan.targetGroup}</Field>
              {state.plan.goalsServed.length > 0 && <Field label={t('experiment.goalsServed')}>{state.plan.goalsServed.join(sep)}</Field>}
              {state.plan.participationHours != null && (
                <Field label={t('experiment.participationHours')}>{fmt.dec(state.plan.participationHours)}</Field>
              )}
            </dl>
          </>
        )}
        {rows.length > 0 && (
          <div className="table-scroll">
            <table className="data-table wide" data-testid="criteria-table">
              <caption>{t('experiment.criteria')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('experiment.metric')}</th>
                  <th scope="col" className="num">{t('experiment.baseline')}</th>
                  <th scope="col" className="num">{t('experiment.target')}</th>
                  <th scope="col" className="num">{t('experiment.latest')}</th>
                  <th scope="col">{t('experiment.unit')}</th>
                  <th scope="col">{t('experiment.measuredAt')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.metric}>
                    <th scope="row">{r.metric}</th>
                    <td className="num">{fmt.dec(r.baseline)}</td>
                    <td className="num">{fmt.dec(r.target)}</td>
                    <td className="num">{r.m?.latest != null ? fmt.dec(r.m.latest) : t('experiment.notMeasured')}</td>
                    <td>{r.unit ?? ''}</td>
                    <td>{r.m?.latestAt ? fmt.date(r.m.latestAt) : t('common.dash')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby={id('stakeholders')}>
        <Hx id={id('stakeholders')}>{t('experiment.stakeholders')}</Hx>
        {state.stakeholders.length === 0 ? (
          <p>{t('experiment.noStakeholders')}</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">{t('experiment.stakeholders')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('experiment.organisation')}</th>
                <th scope="col">{t('experiment.kind')}</th>
                <th scope="col">{t('experiment.roles')}</th>
              </tr>
            </thead>
            <tbody>
              {state.stakeholders.map((s, i) => (
                <tr key={`${s.organisation}-${i}`}>
                  <th scope="row">{s.organisation}</th>
                  <td>{t(`kind.${s.kind}`, { defaultValue: s.kind })}</td>
                  <td>{s.roles.map((r) => t(`stakeholderRole.${r}`, { defaultValue: r })).join(sep)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby={id('pilot')}>
        <Hx id={id('pilot')}>{t('experiment.pilot')}</Hx>
        {!state.pilot ? (
          <p>{t('experiment.noPilot')}</p>
        ) : (
          <dl className="fields">
            <Field label={t('experiment.sites')}>{state.pilot.sites.join(sep)}</Field>
            <Field label={t('experiment.channels')}>{state.pilot.channels.map((c) => t(`channel.${c}`, { defaultValue: c })).join(sep)}</Field>
            <Field label={t('experiment.start')}>{fmt.date(state.pilot.start)}</Field>
            <Field label={t('experiment.plannedEnd')}>{fmt.date(state.pilot.plannedEnd)}</Field>
            {state.pilot.ended && <Field label={t('experiment.ended')}>{fmt.date(state.pilot.ended)}</Field>}
          </dl>
        )}
      </section>

      <section aria-labelledby={id('participation')}>
        <Hx id={id('participation')}>{t('experiment.participation')}</Hx>
        <p>
          {t('experiment.participationTotal')}: <strong data-testid="experiment-participation-total">{fmt.count(state.participation?.total ?? 0)}</strong>
        </p>
        {state.participation && state.participation.total !== 0 && (
          <div className="count-grid">
            <CountsTable caption={t('participation.byKind')} keyHeader={t('participation.group')} prefix="kind" keys={KINDS} counts={state.participation.byKind} />
            <CountsTable caption={t('participation.byAgeBand')} keyHeader={t('participation.ageGroup')} prefix="ageBand" keys={AGE_BANDS} counts={state.participation.byAgeBand} />
            <CountsTable caption={t('participation.byWay')} keyHeader={t('participation.wayColumn')} prefix="way" keys={WAYS} counts={state.participation.byWay} />
            <CountsTable caption={t('participation.byChannel')} keyHeader={t('participation.channelColumn')} prefix="channel" keys={CHANNELS} counts={state.participation.byChannel} />
          </div>
        )}
      </section>

      {(state.sessions?.length ?? 0) > 0 && (
        <section aria-labelledby={id('sessions')}>
          <Hx id={id('sessions')}>{t('experiment.sessions')}</Hx>
          <div className="table-scroll">
            <table className="data-table wide">
              <caption className="visually-hidden">{t('experiment.sessions')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('experiment.date')}</th>
                  <th scope="col">{t('experiment.sessionKind')}</th>
                  <th scope="col">{t('experiment.theme')}</th>
                  <th scope="col">{t('experiment.attendees')}</th>
                  <th scope="col">{t('experiment.insights')}</th>
                </tr>
              </thead>
              <tbody>
                {state.sessions!.map((s, i) => (
                  <tr key={i}>
                    <th scope="row">{fmt.date(s.date)}</th>
                    <td>{t(`sessionKind.${s.kind}`, { defaultValue: s.kind })}</td>
                    <td>{s.theme}</td>
                    <td>
                      {Object.entries(s.attendeesByKind ?? {})
                        .filter(([, n]) => n > 0)
                        .map(([k, n]) => `${t(`kind.${k}`, { defaultValue: k })} ${fmt.int(n)}`)
                        .join(sep)}
                    </td>
                    <td>
                      {s.insights.length > 0 && (
                        <ul className="plain">
                          {s.insights.map((x, j) => (
                            <li key={j}>{x}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {state.feedback && state.feedback.count > 0 && (
        <section aria-labelledby={id('feedback')}>
          <Hx id={id('feedback')}>{t('experiment.feedback')}</Hx>
          <dl className="fields">
            <Field label={t('experiment.feedbackCount')}>{fmt.int(state.feedback.count)}</Field>
            <Field label={t('experiment.averageScore')}>{fmt.dec(state.feedback.averageScore)}</Field>
          </dl>
        </section>
      )}

      {state.successFactors && (
        <section aria-labelledby={id('factors')}>
          <Hx id={id('factors')}>{t('experiment.successFactors')}</Hx>
          <div className="count-grid">
            {(['individual', 'organisation'] as const).map((level) => (
              <CountTable
                key={level}
                compact
                decimals
                caption={t(level === 'individual' ? 'experiment.individualLevel' : 'experiment.organisationLevel')}
                keyHeader={t('experiment.factorColumn')}
                valueHeader={t('experiment.score')}
                rows={Object.entries(state.successFactors![level] ?? {}).map(([k, v]) => ({ key: k, label: t(`factor.${k}`, { defaultValue: k }), value: v }))}
              />
            ))}
          </div>
        </section>
      )}

      <section aria-labelledby={id('evaluation')}>
        <Hx id={id('evaluation')}>{t('experiment.evaluation')}</Hx>
        {!state.evaluation ? (
          <p>{t('experiment.noEvaluation')}</p>
        ) : (
          <>
            <table className="data-table">
              <caption className="visually-hidden">{t('experiment.evaluation')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('experiment.metric')}</th>
                  <th scope="col">{t('experiment.result')}</th>
                  <th scope="col">{t('experiment.note')}</th>
                </tr>
              </thead>
              <tbody>
                {state.evaluation.criteria.map((c) => (
                  <tr key={c.metric}>
                    <th scope="row">{c.metric}</th>
                    <td>{c.met ? `✓ ${t('experiment.met')}` : `✗ ${t('experiment.notMet')}`}</td>
                    <td>{c.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <dl className="fields">
              {state.evaluation.completedAt && <Field label={t('experiment.evaluatedAt')}>{fmt.date(state.evaluation.completedAt)}</Field>}
              <Field label={t('experiment.verdict')}>{t(`verdict.${state.evaluation.verdict}`, { defaultValue: state.evaluation.verdict })}</Field>
              <Field label={t('experiment.lessons')}>{state.evaluation.lessons}</Field>
            </dl>
          </>
        )}
      </section>

      {state.adoption && (
        <section aria-labelledby={id('adoption')}>
          <Hx id={id('adoption')}>{t('experiment.adoption')}</Hx>
          <dl className="fields">
            <Field label={t('experiment.adoptionScope')} testId="experiment-adoption-scope">
              {t(`adoptionScope.${state.adoption.scope}`, { defaultValue: state.adoption.scope })}
            </Field>
            {state.adoption.processes.length > 0 && <Field label={t('experiment.processes')}>{state.adoption.processes.join(sep)}</Field>}
            {state.adoption.operatingModel && (
              <Field label={t('experiment.operatingModel')}>
                {state.adoption.operatingModel.link && /^https?:\/\//.test(state.adoption.operatingModel.link) ? (
                  <a href={state.adoption.operatingModel.link} rel="noopener noreferrer">
                    {state.adoption.operatingModel.title}
                  </a>
                ) : (
                  state.adoption.operatingModel.title
                )}
              </Field>
            )}
          </dl>
        </section>
      )}
    </div>
  );
}
