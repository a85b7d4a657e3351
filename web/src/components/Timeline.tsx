import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';
import type { HistoryEvent } from '../types';

/** An experiment's events, oldest first: what happened, when, by whom and why. */
export function Timeline({ events }: { events: HistoryEvent[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (events.length === 0) return <p>{t('experiment.noEvents')}</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {events.map((e) => (
        <li key={e.sequence ?? e.version}>
          <span className="timeline-when">
            <time dateTime={e.timestamp}>{fmt.dateTime(e.timestamp)}</time>
          </span>
          <span className="timeline-what">
            <strong>{t(`event.${e.type}`, { defaultValue: e.type })}</strong>
            {e.metadata?.role && <> · {t(`roles.${e.metadata.role}`, { defaultValue: e.metadata.role })}</>}
            {e.metadata?.reason && <span className="timeline-reason"> – {e.metadata.reason}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}
