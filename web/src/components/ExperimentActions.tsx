import { useTranslation } from 'react-i18next';
import { allowedCommands, commandSlug } from '../forms/stageRules';
import { href } from '../router';
import type { ExperimentState } from '../types';

/** The writes the experiment's stage allows, and no others; each opens its form. */
export function ExperimentActions({ state }: { state: ExperimentState }) {
  const { t } = useTranslation();
  const commands = allowedCommands(state.stage);
  return (
    <section aria-labelledby="experiment-actions" className="actions-panel">
      <h2 id="experiment-actions">{t('actions.heading')}</h2>
      {commands.length === 0 ? (
        <p>{t('actions.none')}</p>
      ) : (
        <ul className="action-list" data-testid="experiment-actions">
          {commands.map((c) => (
            <li key={c}>
              <a className="action-link" href={href(`/experiments/${state.id}/do/${commandSlug(c)}`)} data-command={c}>
                {t(`actions.${c}`)}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
