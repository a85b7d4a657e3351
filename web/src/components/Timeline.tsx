import { useTranslation } from 'react-i18next';
import { timeline } from '../events';
import { useFormat } from '../format';
import type { HistoryEvent } from '../types';

/** An experiment's writes, oldest first: what happened, when, by whom and why; a stage move is one entry. */
export function Timeline({ events }: { events: HistoryEvent[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (events.length === 0) return <p>{t('experiment.noEvents')}</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {timeline(events, t, fmt).map((e) => (
        <li key={e.key} data-type={e.type}>
          <span className="timeline-when">
            <time dateTime={e.timestamp}>{fmt.dateTime(e.timestamp)}</time>
            {(e.userId || e.role) && (
              <> · {[e.userId, e.role && t(`roles.${e.role}`, { defaultValue: e.role })].filter(Boolean).join(', ')}</>
            )}
          </span>
          <span className="timeline-what">
            <strong>{e.title}</strong>
            {e.detail && <>: {e.detail}</>}
          </span>
          {e.gate && (
            <span className="timeline-gate">
              {t('timeline.gate', { from: t(`stage.${e.gate.from}`, { defaultValue: e.gate.from }), to: t(`stage.${e.gate.to}`, { defaultValue: e.gate.to }) })}
              {e.gate.rationale && <> – {t('timeline.rationale')}: {e.gate.rationale}</>}
            </span>
          )}
          {e.reason && e.reason !== e.gate?.rationale && e.reason !== e.detail && (
            <span className="timeline-reason">{t('timeline.reason')}: {e.reason}</span>
          )}
        </li>
      ))}
    </ol>
  );
}
