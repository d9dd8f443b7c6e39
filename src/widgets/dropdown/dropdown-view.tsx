import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { say } from '@/i18n/message';
import { NoTopic, SendError, useSend } from '../kit/send';
import type { WidgetViewProps } from '../types';
import { optionPayload, readDropdownState } from './match';
import type { DropdownConfig } from './schema';
import './dropdown.css';

/** The select's value while nothing is chosen, and while the state matches no option. */
const NONE = '__none__';
const UNKNOWN = '__unknown__';
/** Enough of an unknown value to recognise it in the select; more is in the tooltip. */
const SHOWN_CHARS = 40;
const TOOLTIP_CHARS = 500;

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max) + '…' : text);

/**
 * A native `<select>` (role combobox) labelled by the widget title. Shows the option the
 * state topic reports; a value no option has is shown as "Unknown value" (with what came),
 * never as a wrong option. A choice is published at once and shown until the next state
 * message.
 */
export function DropdownView({ config, value, publish, labelId }: WidgetViewProps<DropdownConfig>) {
  const { options, topic, valuePath, payloadTemplate, qos, retain, placeholder } = config;
  const { t } = useTranslation('widgets');
  const hintId = useId();
  const reported = useMemo(
    () => (value ? readDropdownState(value.payload, options, valuePath, payloadTemplate) : null),
    [value, options, valuePath, payloadTemplate],
  );
  const [chosen, setChosen] = useState<number | null>(null);
  const { send, error: sendError } = useSend(publish);

  // A new state message is the device's word and replaces the user's choice (even if it
  // says something else). Adjusted while rendering, so no frame shows both.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setChosen(null);
  }

  const index = chosen ?? (reported?.kind === 'option' ? reported.index : null);
  const unknown = chosen === null && reported?.kind === 'unknown' ? reported : null;
  const selectValue =
    index !== null && index < options.length ? String(index) : unknown ? UNKNOWN : NONE;

  function choose(raw: string) {
    const i = Number(raw);
    const option = options[i];
    if (!topic || !option) return;
    setChosen(i);
    void send(topic, optionPayload(option, payloadTemplate), { qos, retain }).then((sent) => {
      if (!sent) setChosen((c) => (c === i ? null : c));
    });
  }

  // One line in the select: newlines (pretty JSON) would break the option's text. Only the
  // start of a long payload is looked at: a 1 MB message must not cost a 1 MB regex pass.
  const shown = unknown
    ? clip(unknown.raw.slice(0, 1000).replace(/\s+/g, ' ').trim(), SHOWN_CHARS)
    : '';
  return (
    <div className="dropdown">
      <select
        className={`dropdown__select${unknown ? ' dropdown__select--unknown' : ''}`}
        aria-labelledby={labelId}
        aria-describedby={unknown ? hintId : undefined}
        value={selectValue}
        disabled={!topic || options.length === 0}
        onChange={(e) => choose(e.currentTarget.value)}
      >
        {selectValue === NONE && (
          <option value={NONE} disabled>
            {placeholder}
          </option>
        )}
        {selectValue === UNKNOWN && (
          <option value={UNKNOWN} disabled>
            {shown === '' ? t('dropdown.unknown') : t('dropdown.unknownShown', { value: shown })}
          </option>
        )}
        {options.map((o, i) => (
          // The index is the option's identity: values may be long or contain anything.
          <option key={i} value={String(i)}>
            {o.label || o.value || t('common.empty')}
          </option>
        ))}
      </select>
      {unknown && (
        <p
          id={hintId}
          className="widget__hint dropdown__unknown"
          title={clip(unknown.raw, TOOLTIP_CHARS)}
        >
          {capitalized(say(unknown.reason))}
        </p>
      )}
      {!topic && <NoTopic />}
      {topic && options.length === 0 && <p className="widget__hint">{t('dropdown.noOptions')}</p>}
      <SendError error={sendError} />
    </div>
  );
}
