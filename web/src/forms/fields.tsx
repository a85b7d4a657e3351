import { createContext, useContext, useEffect, type ReactNode } from 'react';
import {
  Checkbox, CheckboxGroup, DateInput, MultiSelect, RadioButton, RadioButtonGroup, SingleSelect, Textarea, TextInput,
} from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { fieldId, type Msg } from './values';

/** Field labels by name, so the error summary can say which field a message is about. */
export const LabelRegistry = createContext<Map<string, string>>(new Map());

function useField(name: string, label: string, error: Msg | undefined) {
  const { t } = useTranslation();
  useContext(LabelRegistry).set(name, label);
  return {
    id: fieldId(name),
    status: error ? ('error' as const) : ('default' as const),
    statusText: error ? t(error.key, error.values) : undefined,
    optionalText: t('form.optional'),
  };
}

/**
 * suomifi-ui-components 18's SingleSelect and MultiSelect point aria-controls at their list even
 * while it is closed (and not in the DOM) and write an empty aria-activedescendant: axe reports
 * aria-valid-attr-value (critical). Keep the attributes true to the DOM: aria-controls only while
 * the list exists, no empty aria-activedescendant.
 */
function useMendedCombobox(id: string) {
  useEffect(() => {
    const listId = `${id}-popover`;
    const mend = () => {
      const input = document.getElementById(id);
      if (!input) return;
      const listThere = !!document.getElementById(listId);
      if (listThere && input.getAttribute('aria-controls') !== listId) input.setAttribute('aria-controls', listId);
      if (!listThere && input.hasAttribute('aria-controls')) input.removeAttribute('aria-controls');
      if (input.getAttribute('aria-activedescendant') === '') input.removeAttribute('aria-activedescendant');
    };
    mend();
    const observer = new MutationObserver(mend);
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-controls', 'aria-activedescendant'] });
    return () => observer.disconnect();
  }, [id]);
}

interface Common { name: string; label: string; hint?: string; error?: Msg; optional?: boolean }

export function TextField({ name, label, hint, error, optional, value, onChange, numeric, width }: Common & {
  value: string; onChange: (v: string) => void; numeric?: 'numeric' | 'decimal'; width?: 'short';
}) {
  const f = useField(name, label, error);
  return (
    <div className={`form-field${width === 'short' ? ' short' : ''}`}>
      <TextInput
        id={f.id} labelText={label} hintText={hint} status={f.status} statusText={f.statusText}
        optionalText={optional ? f.optionalText : undefined} value={value} onChange={(v) => onChange(String(v ?? ''))}
        inputMode={numeric} fullWidth autoComplete="off"
      />
    </div>
  );
}

export function AreaField({ name, label, hint, error, optional, value, onChange }: Common & { value: string; onChange: (v: string) => void }) {
  const f = useField(name, label, error);
  return (
    <div className="form-field">
      <Textarea
        id={f.id} labelText={label} hintText={hint} status={f.status} statusText={f.statusText}
        optionalText={optional ? f.optionalText : undefined} value={value} onChange={(e) => onChange(e.target.value)} fullWidth resize="vertical"
      />
    </div>
  );
}

export function DateField({ name, label, hint, error, optional, value, onChange }: Common & { value: string; onChange: (v: string) => void }) {
  const { t, i18n } = useTranslation();
  const f = useField(name, label, error);
  return (
    <div className="form-field short">
      <DateInput
        id={f.id} labelText={label} hintText={hint ?? t('form.dateHint')} status={f.status} statusText={f.statusText}
        optionalText={optional ? f.optionalText : undefined} value={value} onChange={({ value: v }) => onChange(v)}
        language={i18n.language as 'fi' | 'sv' | 'en'} autoComplete="off"
      />
    </div>
  );
}

export interface Option { value: string; label: string }

export function SelectField({ name, label, hint, error, optional, value, onChange, options }: Common & {
  value: string; onChange: (v: string) => void; options: Option[];
}) {
  const { t } = useTranslation();
  const f = useField(name, label, error);
  useMendedCombobox(f.id);
  const items = options.map((o) => ({ labelText: o.label, uniqueItemId: o.value }));
  const selected = items.find((i) => i.uniqueItemId === value) ?? null;
  return (
    <div className="form-field">
      <SingleSelect
        id={f.id} labelText={label} hintText={hint} status={f.status} statusText={f.statusText}
        optionalText={optional ? f.optionalText : undefined} items={items} selectedItem={selected}
        onItemSelectionChange={(item) => onChange(item?.uniqueItemId ?? '')}
        clearButtonLabel={t('form.clear')} noItemsText={t('form.noItems')} visualPlaceholder={t('form.choosePlaceholder')}
        ariaOptionsAvailableTextFunction={(n) => t('form.optionsAvailable', { count: n })} fullWidth
      />
    </div>
  );
}

export function MultiField({ name, label, hint, error, optional, value, onChange, options }: Common & {
  value: string[]; onChange: (v: string[]) => void; options: Option[];
}) {
  const { t } = useTranslation();
  const f = useField(name, label, error);
  useMendedCombobox(f.id);
  const items = options.map((o) => ({ labelText: o.label, uniqueItemId: o.value }));
  return (
    <div className="form-field">
      <MultiSelect
        id={f.id} labelText={label} hintText={hint} status={f.status} statusText={f.statusText}
        optionalText={optional ? f.optionalText : undefined} items={items}
        selectedItems={items.filter((i) => value.includes(i.uniqueItemId))}
        onItemSelectionsChange={(sel) => onChange(sel.map((s) => s.uniqueItemId))}
        noItemsText={t('form.noItems')} visualPlaceholder={t('form.choosePlaceholder')} removeAllButtonLabel={t('form.removeAll')}
        ariaChipActionLabel={t('form.remove')}
        ariaOptionsAvailableTextFunction={(n) => t('form.optionsAvailable', { count: n })}
        ariaOptionChipRemovedTextFunction={(o) => t('form.removed', { option: o })}
        ariaSelectedAmountTextFunction={(n) => t('form.selectedAmount', { count: n })} fullWidth
      />
    </div>
  );
}

export function RadioField({ name, label, hint, error, value, onChange, options, small }: Common & {
  value: string; onChange: (v: string) => void; options: (Option & { hint?: string })[]; small?: boolean;
}) {
  const f = useField(name, label, error);
  return (
    <div className={`form-field${small ? ' radio-row' : ''}`}>
      {/* The error summary links to the first option: a group itself takes no focus. */}
      <RadioButtonGroup
        id={`${f.id}-group`} labelText={label} groupHintText={hint} name={f.id} value={value} onChange={onChange}
        groupStatus={f.status} groupStatusText={f.statusText}
      >
        {options.map((o, i) => (
          <RadioButton key={o.value} id={i === 0 ? f.id : `${f.id}-${o.value}`} value={o.value} hintText={o.hint}>
            {o.label}
          </RadioButton>
        ))}
      </RadioButtonGroup>
    </div>
  );
}

export function CheckField({ name, label, hint, error, value, onChange, options }: Common & {
  value: string[]; onChange: (v: string[]) => void; options: (Option & { hint?: string })[];
}) {
  const f = useField(name, label, error);
  return (
    <div className="form-field">
      <CheckboxGroup id={`${f.id}-group`} labelText={label} groupHintText={hint} groupStatus={f.status} groupStatusText={f.statusText}>
        {options.map((o, i) => (
          <Checkbox
            key={o.value} id={i === 0 ? f.id : `${f.id}-${o.value}`} checked={value.includes(o.value)} hintText={o.hint}
            onClick={({ checkboxState }) => onChange(checkboxState ? [...value, o.value] : value.filter((x) => x !== o.value))}
          >
            {o.label}
          </Checkbox>
        ))}
      </CheckboxGroup>
    </div>
  );
}

export function Fieldset({ legend, hint, children }: { legend: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="form-fieldset">
      <legend>{legend}</legend>
      {hint && <p className="form-hint">{hint}</p>}
      {children}
    </fieldset>
  );
}
