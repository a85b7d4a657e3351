import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useAnnounce } from '../components/LiveRegion';
import { timeline } from '../events';
import { useFormat } from '../format';
import { href, navigate } from '../router';
import type { ExperimentState, HistoryEvent } from '../types';
import { AreaField } from './fields';
import type { FormLogic, ExperimentCtx } from './logic';
import { allowedCommands, movesStage, type Command } from './stageRules';
import { useCommandForm, type CommandForm, type Conflict } from './useCommandForm';

/** The live experiment as the form page sees it: the state it opened on and the latest one. */
export interface ExperimentFormProps { opened: ExperimentState; latest: ExperimentState; refresh: () => void }

/** A form for one of the experiment's commands: sends expectedVersion, and on success returns to the experiment. */
export function useExperimentForm<V extends { reason: string }>(command: Command, logic: FormLogic<V, ExperimentCtx>, p: ExperimentFormProps) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const ctx = { state: p.latest };
  return useCommandForm<V>({
    draftKey: `experiment:${p.opened.id}:${command}`,
    initial: () => logic.initial({ state: p.opened }),
    validate: (v) => logic.validate(v, ctx),
    send: (v, expectedVersion) => api.command(p.opened.id, command, { ...logic.body(v, ctx), expectedVersion }),
    version: p.opened.version,
    latestVersion: p.latest.version,
    latestStage: p.latest.stage,
    onStale: p.refresh,
    onSaved: () => {
      announce(t('form.saved', { what: t(`actions.${command}`) }));
      navigate(`/experiments/${p.opened.id}`, { saved: command });
    },
  });
}

/** The why of a write: a stage move asks for its rationale, any other write offers a reason. */
export function ReasonField<V extends { reason: string }>({ form, command, stage, verdict, name = 'reason' }: {
  form: CommandForm<V>; command: Command; stage: string; verdict?: string; name?: string;
}) {
  const { t } = useTranslation();
  const gate = movesStage(command, stage, verdict);
  return (
    <AreaField
      name={name}
      label={t(gate ? 'form.rationale' : 'form.reason')}
      hint={t(gate ? 'form.rationaleHint' : 'form.reasonHint')}
      optional={!gate}
      error={form.errors[name]}
      value={form.values.reason}
      onChange={(reason) => form.set({ reason } as Partial<V>)}
    />
  );
}

/** What someone else saved while this form was open, read from the history; the next save applies on top. */
export function ConflictView({ id, conflict, command }: { id: string; conflict: Conflict; command: Command }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [events, setEvents] = useState<HistoryEvent[] | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    api.history(id, ctl.signal).then(setEvents).catch(() => setEvents([]));
    return () => ctl.abort();
  }, [id, conflict.to]);
  const changes = timeline((events ?? []).filter((e) => e.version > conflict.from && e.version <= conflict.to), t, fmt);
  const stillAllowed = !conflict.stage || allowedCommands(conflict.stage).includes(command);
  return (
    <>
      <h2 className="notice-heading">{t('form.conflict.title')}</h2>
      {changes.length > 0 && (
        <ul data-testid="conflict-changes">
          {changes.map((c) => (
            <li key={c.key}>
              <strong>{c.title}</strong>
              {c.detail && <>: {c.detail}</>}
              {c.userId && <> ({c.userId}, {fmt.dateTime(c.timestamp)})</>}
            </li>
          ))}
        </ul>
      )}
      <p>{stillAllowed ? t('form.conflict.again') : t('form.conflict.notAllowed', { stage: t(`stage.${conflict.stage}`) })}</p>
      {!stillAllowed && (
        <p>
          <a href={href(`/experiments/${id}`)}>{t('form.conflict.toExperiment')}</a>
        </p>
      )}
    </>
  );
}
