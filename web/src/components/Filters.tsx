import { useEffect, useState, type FormEvent } from 'react';
import { Button } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { useCounties, useProjects } from '../data';
import { useRoute } from '../router';
import { boundCounty, useSession } from '../session';
import { STAGES } from '../types';
import { Select, TextField } from './Select';

export interface FilterValues { county?: string; projectId?: string; theme?: string; stage?: string }
export type FilterName = keyof FilterValues;

/**
 * The filter form of a view. Changes apply when the form is submitted, so that choosing a county
 * does not reload the figures under a keyboard or screen-reader user's feet.
 */
export function Filters(props: { fields: FilterName[]; values: FilterValues; onApply: (v: FilterValues) => void }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const bound = boundCounty(session);
  const counties = useCounties();
  const [draft, setDraft] = useState<FilterValues>(props.values);
  const key = JSON.stringify(props.values);
  useEffect(() => setDraft(props.values), [key]); // eslint-disable-line react-hooks/exhaustive-deps
  const projects = useProjects(draft.county || bound || undefined, props.fields.includes('projectId'));
  const lang = i18n.language as 'fi' | 'sv' | 'en';

  const countyOptions = counties
    .filter((c) => !bound || c.slug === bound)
    .map((c) => ({ value: c.slug, label: c[lang] ?? c.fi }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));

  function submit(e: FormEvent) {
    e.preventDefault();
    props.onApply(draft);
  }

  return (
    <form className="filters" onSubmit={submit}>
      <fieldset>
        <legend>{t('filters.legend')}</legend>
        <div className="filter-fields">
          {props.fields.includes('county') && (
            <Select
              name="county"
              label={t('filters.county')}
              value={draft.county ?? ''}
              emptyLabel={bound ? undefined : t('filters.allCounties')}
              options={countyOptions}
              onChange={(v) => setDraft({ ...draft, county: v || undefined, projectId: undefined })}
            />
          )}
          {props.fields.includes('projectId') && (
            <Select
              name="projectId"
              label={t('filters.project')}
              value={draft.projectId ?? ''}
              emptyLabel={t('filters.allProjects')}
              options={projects.map((p) => ({ value: p.id, label: p.name }))}
              onChange={(v) => setDraft({ ...draft, projectId: v || undefined })}
            />
          )}
          {props.fields.includes('stage') && (
            <Select
              name="stage"
              label={t('filters.stage')}
              value={draft.stage ?? ''}
              emptyLabel={t('filters.allStages')}
              options={STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
              onChange={(v) => setDraft({ ...draft, stage: v || undefined })}
            />
          )}
          {props.fields.includes('theme') && (
            <TextField
              name="theme"
              label={t('filters.theme')}
              hint={t('filters.themeHint')}
              value={draft.theme ?? ''}
              onChange={(v) => setDraft({ ...draft, theme: v || undefined })}
            />
          )}
          <div className="filter-submit">
            <Button type="submit">{t('filters.apply')}</Button>
          </div>
        </div>
      </fieldset>
    </form>
  );
}

/** Reads filter values from the route's query, defaulting the county to the user's own. */
export function filtersFromQuery(query: URLSearchParams, bound: string | null): FilterValues {
  const get = (k: string) => query.get(k) || undefined;
  return {
    county: bound ?? get('county'),
    projectId: get('projectId'),
    theme: get('theme'),
    stage: get('stage'),
  };
}

/** The current route and the filters in its query (the county bound to the user's own, if any). */
export function useRouteFilters() {
  const route = useRoute();
  const bound = boundCounty(useSession());
  return { route, filters: filtersFromQuery(route.query, bound) };
}
