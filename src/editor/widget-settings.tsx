import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '@/components/zod-issues';
import { currentLocale } from '@/i18n/i18n';
import { say, type Text } from '@/i18n/message';
import type { FieldSpec, WidgetDefinition } from '@/widgets/types';

interface Props {
  definition: WidgetDefinition;
  /** The stored (valid) config. */
  config: unknown;
  /** Called with each config that passes the type's schema — never with an invalid one. */
  onChange(config: unknown): void;
  /** Topics seen on the broker, offered in topic fields. */
  topicSuggestions?: readonly string[];
}

type DraftValue = string | boolean | string[] | Draft[];
interface Draft {
  [key: string]: DraftValue;
}

/** The config as the inputs hold it: text for text and number fields, so "1." can be typed. */
function toDraft(fields: readonly FieldSpec[], config: unknown): Draft {
  const c = (config ?? {}) as Record<string, unknown>;
  const draft: Draft = {};
  for (const f of fields) {
    const v = c[f.key];
    if (f.kind === 'boolean') draft[f.key] = v === true;
    else if (f.kind === 'colors') draft[f.key] = Array.isArray(v) ? v.map(String) : [];
    else if (f.kind === 'list')
      draft[f.key] = Array.isArray(v) ? v.map((item) => toDraft(f.fields, item)) : [];
    else draft[f.key] = v === null || v === undefined ? '' : String(v);
  }
  return draft;
}

/** The draft as a config candidate: numbers from text, null for empty nullable numbers. */
function fromDraft(
  fields: readonly FieldSpec[],
  draft: Draft,
  base: unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const f of fields) {
    const v = draft[f.key];
    if (f.kind === 'number') {
      const text = String(v).trim();
      out[f.key] = text === '' ? (f.nullable ? null : undefined) : Number(text.replace(',', '.'));
    } else if (f.kind === 'select') {
      const option = f.options.find((o) => String(o.value) === v);
      out[f.key] = option ? option.value : v;
    } else if (f.kind === 'list') {
      const rows = Array.isArray(v) ? (v as Draft[]) : [];
      const items = Array.isArray((base as Record<string, unknown>)[f.key])
        ? ((base as Record<string, unknown>)[f.key] as unknown[])
        : [];
      out[f.key] = rows.map((row, i) => fromDraft(f.fields, row, items[i] ?? f.newItem));
    } else {
      out[f.key] = v;
    }
  }
  return out;
}

/**
 * The generic settings form (docs/design.md, the widget contract): generated from the type's declared fields, each
 * validated by the type's zod schema as you type, the message next to the field. Controlled
 * and pure: it only calls `onChange` with valid configs; it touches no store.
 */
export function WidgetSettings({ definition, config, onChange, topicSuggestions = [] }: Props) {
  const { fields } = definition;
  const { t } = useTranslation(['editor', 'common']);
  const [draft, setDraft] = useState(() => toDraft(fields, config));
  const [errors, setErrors] = useState<Record<string, Text>>({});
  // A config changed from outside (undo, another device) replaces what is being typed; our
  // own change coming back (re-parsed, so a new object) must not, or "1." would become "1".
  const [source, setSource] = useState(() => JSON.stringify(config));
  const incoming = JSON.stringify(config);
  if (source !== incoming) {
    setSource(incoming);
    setDraft(toDraft(fields, config));
    setErrors({});
  }
  const ids = useId();
  const listId = `${ids}-topics`;

  function update(key: string, value: DraftValue) {
    const next = { ...draft, [key]: value };
    setDraft(next);
    const result = definition.schema.safeParse(fromDraft(fields, next, config));
    if (result.success) {
      setErrors({});
      setSource(JSON.stringify(result.data));
      onChange(result.data);
      return;
    }
    setErrors(fieldErrors(result.error, true));
  }

  return (
    <div className="settings-form">
      {fields.map((f) => {
        const id = `${ids}-${f.key}`;
        const error = errors[f.key];
        const described = [error ? `${id}-error` : '', f.help ? `${id}-help` : '']
          .filter(Boolean)
          .join(' ');
        const common = {
          id,
          'aria-invalid': error ? true : undefined,
          'aria-describedby': described || undefined,
        };
        const value = draft[f.key];
        let input;
        switch (f.kind) {
          case 'boolean':
            return (
              <div className="field" key={f.key}>
                <label className="choice" htmlFor={id}>
                  <input
                    {...common}
                    type="checkbox"
                    checked={value === true}
                    onChange={(e) => update(f.key, e.target.checked)}
                  />
                  {say(f.label)}
                </label>
                {f.help && (
                  <p className="field__help" id={`${id}-help`}>
                    {say(f.help)}
                  </p>
                )}
              </div>
            );
          case 'select':
            input = (
              <select
                {...common}
                value={String(value)}
                onChange={(e) => update(f.key, e.target.value)}
              >
                {f.options.map((o) => (
                  <option key={String(o.value)} value={String(o.value)}>
                    {say(o.label)}
                  </option>
                ))}
              </select>
            );
            break;
          case 'colors': {
            const colors = Array.isArray(value) ? value.map(String) : [];
            return (
              <fieldset className="field" key={f.key} aria-describedby={described || undefined}>
                <legend>{say(f.label)}</legend>
                <div className="color-row">
                  {f.labels.map((label, i) => (
                    <label key={i} className="color-choice">
                      <input
                        type="color"
                        value={colors[i] ?? '#000000'}
                        onChange={(e) => {
                          const next = [...colors];
                          next[i] = e.target.value;
                          update(f.key, next);
                        }}
                      />
                      {say(label)}
                    </label>
                  ))}
                </div>
                {error && (
                  <p className="field__error" id={`${id}-error`}>
                    {say(error)}
                  </p>
                )}
              </fieldset>
            );
          }
          case 'textarea':
            input = (
              <textarea
                {...common}
                rows={3}
                spellCheck={false}
                placeholder={f.placeholder === undefined ? undefined : say(f.placeholder)}
                value={String(value)}
                onChange={(e) => update(f.key, e.target.value)}
              />
            );
            break;
          case 'color':
            input = (
              <input
                {...common}
                type="color"
                value={String(value) || '#000000'}
                onChange={(e) => update(f.key, e.target.value)}
              />
            );
            break;
          case 'list': {
            const rows = Array.isArray(value) ? (value as Draft[]) : [];
            // The item label as it stands in a sentence ("Remove series 1"; German nouns keep
            // their capital), and capitalized where it starts the row's name ("Series 1").
            const item = say(f.itemLabel ?? f.label);
            const capital = `${item.charAt(0).toLocaleUpperCase(currentLocale())}${item.slice(1)}`;
            const itemName = (i: number) =>
              t('settings.list.item', { item: capital, number: i + 1 });
            return (
              <fieldset
                className="field list-field"
                key={f.key}
                aria-describedby={described || undefined}
              >
                <legend>{say(f.label)}</legend>
                {f.help && (
                  <p className="field__help" id={`${id}-help`}>
                    {say(f.help)}
                  </p>
                )}
                {rows.map((row, i) => (
                  <div
                    className="list-field__row"
                    key={i}
                    role="group"
                    aria-labelledby={`${id}-${i}-name`}
                  >
                    <div className="list-field__head">
                      <span className="list-field__name" id={`${id}-${i}-name`}>
                        {itemName(i)}
                      </span>
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={t('settings.list.remove', { item, number: i + 1 })}
                        onClick={() =>
                          update(
                            f.key,
                            rows.filter((_, j) => j !== i),
                          )
                        }
                      >
                        {t('common:remove')}
                      </button>
                    </div>
                    {f.fields.map((sub) => {
                      const subId = `${id}-${i}-${sub.key}`;
                      const subValue = row[sub.key];
                      const set = (v: DraftValue) =>
                        update(
                          f.key,
                          rows.map((r, j) => (j === i ? { ...r, [sub.key]: v } : r)),
                        );
                      const compact = sub.kind === 'color' || sub.kind === 'boolean';
                      return (
                        <label
                          key={sub.key}
                          className={`list-field__cell${compact ? ' list-field__cell--compact' : ''}`}
                          htmlFor={subId}
                        >
                          <span>{say(sub.label)}</span>
                          {sub.kind === 'select' ? (
                            <select
                              id={subId}
                              value={String(subValue)}
                              onChange={(e) => set(e.target.value)}
                            >
                              {sub.options.map((o) => (
                                <option key={String(o.value)} value={String(o.value)}>
                                  {say(o.label)}
                                </option>
                              ))}
                            </select>
                          ) : sub.kind === 'boolean' ? (
                            <input
                              id={subId}
                              type="checkbox"
                              checked={subValue === true}
                              onChange={(e) => set(e.target.checked)}
                            />
                          ) : sub.kind === 'color' ? (
                            <input
                              id={subId}
                              type="color"
                              value={String(subValue) || '#000000'}
                              onChange={(e) => set(e.target.value)}
                            />
                          ) : (
                            <input
                              id={subId}
                              type="text"
                              list={sub.kind === 'topic' ? listId : undefined}
                              spellCheck={sub.kind === 'topic' ? false : undefined}
                              autoCapitalize={sub.kind === 'topic' ? 'off' : undefined}
                              inputMode={sub.kind === 'number' ? 'decimal' : undefined}
                              value={String(subValue ?? '')}
                              onChange={(e) => set(e.target.value)}
                            />
                          )}
                        </label>
                      );
                    })}
                  </div>
                ))}
                <button
                  type="button"
                  className="button button--small list-field__add"
                  onClick={() => update(f.key, [...rows, toDraft(f.fields, f.newItem)])}
                >
                  {say(f.addLabel)}
                </button>
                {error && (
                  <p className="field__error" id={`${id}-error`}>
                    {say(error)}
                  </p>
                )}
              </fieldset>
            );
          }
          case 'number':
            input = (
              <input
                {...common}
                type="text"
                inputMode="decimal"
                placeholder={f.placeholder === undefined ? undefined : say(f.placeholder)}
                value={String(value)}
                onChange={(e) => update(f.key, e.target.value)}
              />
            );
            break;
          case 'topic':
            input = (
              <input
                {...common}
                type="text"
                list={listId}
                spellCheck={false}
                autoCapitalize="off"
                placeholder={f.placeholder === undefined ? undefined : say(f.placeholder)}
                value={String(value)}
                onChange={(e) => update(f.key, e.target.value)}
              />
            );
            break;
          case 'text':
            input = (
              <input
                {...common}
                type="text"
                placeholder={f.placeholder === undefined ? undefined : say(f.placeholder)}
                value={String(value)}
                onChange={(e) => update(f.key, e.target.value)}
              />
            );
            break;
        }
        return (
          <div className="field" key={f.key}>
            <label htmlFor={id}>{say(f.label)}</label>
            {input}
            {f.help && (
              <p className="field__help" id={`${id}-help`}>
                {say(f.help)}
              </p>
            )}
            {error && (
              <p className="field__error" id={`${id}-error`}>
                {say(error)}
              </p>
            )}
          </div>
        );
      })}
      <datalist id={listId}>
        {topicSuggestions.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
    </div>
  );
}
