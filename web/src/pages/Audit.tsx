import { useEffect, useId, useState } from 'react';
import { Button, InlineAlert } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { ExperimentStateView } from '../components/ExperimentStateView';
import { PageHeading } from '../components/PageHeading';
import { ScrollTable } from '../components/ScrollTable';
import { Loading } from '../components/Status';
import { useFormat } from '../format';
import { href } from '../router';
import { useSession } from '../session';
import type { ExperimentState, HistoryEvent, VerifyResult } from '../types';
import { checkAgainstLog, type LogCheck } from '../transparencyLog';

export default function Audit({ id }: { id: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const session = useSession();
  const sliderId = useId();
  const numberId = useId();
  const [history, setHistory] = useState<HistoryEvent[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(1);
  const [asOf, setAsOf] = useState<ExperimentState | null>(null);
  const [asOfError, setAsOfError] = useState<unknown>(null);
  const [verify, setVerify] = useState<VerifyResult | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const [verifying, setVerifying] = useState(false);
  const [logCheck, setLogCheck] = useState<LogCheck | null>(null);
  const [logError, setLogError] = useState<unknown>(null);
  const [logChecking, setLogChecking] = useState(false);
  const isAuditor = session?.role === 'auditor';

  useEffect(() => {
    if (!isAuditor) return;
    const ctl = new AbortController();
    api
      .history(id, ctl.signal)
      .then((h) => {
        setHistory(h);
        setVersion(h.length ? Math.max(...h.map((e) => e.version)) : 1);
      })
      .catch((e) => (e as Error)?.name !== 'AbortError' && setError(e));
    return () => ctl.abort();
  }, [id, isAuditor]);

  if (!isAuditor) {
    return (
      <>
        <PageHeading>{t('audit.title')}</PageHeading>
        <InlineAlert status="warning">{t('audit.onlyAuditors')}</InlineAlert>
      </>
    );
  }

  const maxVersion = history?.length ? Math.max(...history.map((e) => e.version)) : 1;
  const title = asOf?.title;

  async function showVersion() {
    setAsOfError(null);
    try {
      setAsOf(await api.asOf(id, version));
    } catch (e) {
      setAsOf(null);
      setAsOfError(e);
    }
  }

  async function runVerify() {
    setVerifying(true);
    setVerifyError(null);
    setVerify(null);
    try {
      setVerify(await api.verify(id));
    } catch (e) {
      setVerifyError(e);
    } finally {
      setVerifying(false);
    }
  }

  async function runLogCheck() {
    setLogChecking(true);
    setLogError(null);
    setLogCheck(null);
    try {
      setLogCheck(await checkAgainstLog(id));
    } catch (e) {
      setLogError(e);
    } finally {
      setLogChecking(false);
    }
  }

  function downloadBundle() {
    if (!logCheck) return;
    const url = URL.createObjectURL(new Blob([logCheck.bundle], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `ledger-proof-${id}.json`;
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <>
      <p className="back-link">
        <a href={href(`/experiments/${id}`)}>← {title ?? t('experiments.title')}</a>
      </p>
      <PageHeading>{t('audit.title')}</PageHeading>
      <p className="intro">{t('audit.intro')}</p>
      <ErrorAlert error={error} />

      <section aria-labelledby="audit-verify" className="panel">
        <h2 id="audit-verify">{t('audit.verifyHeading')}</h2>
        <p>{t('audit.verifyIntro')}</p>
        <Button onClick={runVerify} disabled={verifying} data-testid="verify-button">
          {t('audit.verify')}
        </Button>
        <div role="status" aria-live="polite" className="verify-result" data-testid="verify-result">
          {verifying && t('audit.checking')}
          {verify?.intact && (
            <p className="result-ok">
              <span aria-hidden="true">✓ </span>
              <strong>{t('audit.intact')}</strong>{' '}
              {t('audit.intactDetail', { count: verify.events, formatted: fmt.int(verify.events) })}
            </p>
          )}
          {verify && !verify.intact && (
            <p className="result-bad">
              <span aria-hidden="true">✗ </span>
              <strong>
                {verify.firstMismatch
                  ? t('audit.mismatch', {
                      version: verify.firstMismatch.version,
                      problem: t(`audit.problem.${verify.firstMismatch.problem}`, { defaultValue: verify.firstMismatch.problem }),
                    })
                  : t('errors.unknown')}
              </strong>
              {verify.firstMismatch?.detail && <> – {verify.firstMismatch.detail}</>}
            </p>
          )}
        </div>
        <ErrorAlert error={verifyError} />
      </section>

      <section aria-labelledby="audit-log" className="panel">
        <h2 id="audit-log">{t('audit.log.heading')}</h2>
        <p>{t('audit.log.intro')}</p>
        <Button onClick={runLogCheck} disabled={logChecking} data-testid="log-check-button">
          {t('audit.log.check')}
        </Button>
        <div role="status" aria-live="polite" className="verify-result" data-testid="log-result">
          {logChecking && t('audit.log.checking')}
          {logCheck && !logCheck.notYet && logCheck.failed === null && (
            <p className="result-ok">
              <span aria-hidden="true">✓ </span>
              <strong>
                {t('audit.log.included', {
                  time: logCheck.signedAt ? fmt.dateTime(new Date(logCheck.signedAt).toISOString()) : t('audit.log.unknownTime'),
                  size: fmt.int(logCheck.checkpoint.treeSize),
                  key: logCheck.checkpoint.keyName,
                })}
              </strong>{' '}
              {t('audit.log.includedDetail', { count: logCheck.events, formatted: fmt.int(logCheck.events) })}
            </p>
          )}
          {logCheck?.notYet && <p>{t('audit.log.notYet')}</p>}
          {logCheck && logCheck.failed !== null && (
            <p className="result-bad">
              <span aria-hidden="true">✗ </span>
              <strong>{t('audit.log.proofFails', { version: logCheck.failed })}</strong>
            </p>
          )}
        </div>
        {logCheck && !logCheck.notYet && logCheck.failed === null && (
          <>
            <Button variant="secondary" onClick={downloadBundle} data-testid="log-download">
              {t('audit.log.download')}
            </Button>
            <p className="muted small">{t('audit.log.downloadHint')}</p>
          </>
        )}
        <ErrorAlert error={logError} />
      </section>

      <section aria-labelledby="audit-events">
        <h2 id="audit-events">{t('audit.events')}</h2>
        {!history && !error && <Loading />}
        {history && (
          <ScrollTable captionId="audit-events-caption" caption={t('audit.eventsCaption')} captionHidden className="audit-table" testId="audit-table">
              <thead>
                <tr>
                  <th scope="col" className="num">{t('audit.version')}</th>
                  <th scope="col">{t('audit.type')}</th>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.who')}</th>
                  <th scope="col">{t('audit.role')}</th>
                  <th scope="col">{t('audit.reason')}</th>
                  <th scope="col">{t('audit.hash')}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((e) => (
                  <tr key={e.sequence ?? e.version} data-testid={`audit-event-${e.version}`}>
                    <td className="num">{fmt.int(e.version)}</td>
                    <th scope="row">
                      {t(`event.${e.type}`, { defaultValue: e.type })}
                      <details>
                        <summary>{t('audit.data')}</summary>
                        <pre>{JSON.stringify(e.data, null, 2)}</pre>
                      </details>
                    </th>
                    <td>
                      <time dateTime={e.timestamp}>{fmt.dateTime(e.timestamp)}</time>
                    </td>
                    <td>{e.metadata?.userId ?? t('common.dash')}</td>
                    <td>{e.metadata?.role ? t(`roles.${e.metadata.role}`, { defaultValue: e.metadata.role }) : t('common.dash')}</td>
                    <td>{e.metadata?.reason || <span className="muted">{t('audit.noReason')}</span>}</td>
                    <td>
                      <code className="hash">{e.metadata?.hash ?? t('common.dash')}</code>
                      {e.metadata?.previousHash && (
                        <div className="muted small">
                          {t('audit.previousHash')}: <code className="hash">{e.metadata.previousHash}</code>
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
          </ScrollTable>
        )}
      </section>

      <section aria-labelledby="audit-asof" className="panel">
        <h2 id="audit-asof">{t('audit.asOfHeading')}</h2>
        <form
          className="version-picker"
          onSubmit={(e) => {
            e.preventDefault();
            void showVersion();
          }}
        >
          <div className="field">
            <label htmlFor={sliderId}>{t('audit.versionSlider')}</label>
            <input
              id={sliderId}
              type="range"
              min={1}
              max={maxVersion}
              step={1}
              value={version}
              onChange={(e) => setVersion(Number(e.target.value))}
            />
          </div>
          <div className="field">
            <label htmlFor={numberId}>{t('audit.versionNumber')}</label>
            <input
              id={numberId}
              type="number"
              min={1}
              max={maxVersion}
              value={version}
              onChange={(e) => setVersion(Math.min(maxVersion, Math.max(1, Number(e.target.value) || 1)))}
              data-testid="version-input"
            />
          </div>
          <Button type="submit">{t('audit.showVersion')}</Button>
        </form>
        <ErrorAlert error={asOfError} />
        {asOf && (
          <div className="as-of" data-testid="as-of">
            <h3>{t('audit.stateAtVersion', { version: asOf.version })}</h3>
            <ExperimentStateView state={asOf} level="h3" idPrefix="asof" />
          </div>
        )}
      </section>
    </>
  );
}
