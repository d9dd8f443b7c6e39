import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '@/i18n/i18n';
import { formatNumber } from '@/i18n/format';
import { msg, say, type Message } from '@/i18n/message';
import { InvalidValue } from '@/components/invalid-value';
import { readNumber } from '../kit/value';
import type { LiveEntry } from '@/stores/live-store';
import { renderPayload } from '@/widgets/kit/payload-template';
import { NoTopic, useSend } from '../kit/send';
import type { WidgetViewProps } from '../types';
import { normalize, parseTyped, stepFrom, toInputText } from './number-value';
import type { NumberInputConfig } from './schema';
import './number-input.css';

interface Sent {
  readonly value: number;
  /** The state entry current when it was sent: a newer entry is the device's answer. */
  readonly basis: LiveEntry | undefined;
}

/**
 * A number field with − and +. Typing sends on Enter or when focus leaves the widget; − and +
 * send after a pause (`sendDelay`), so five quick presses are one message. While the user has
 * an unsent change the field keeps it; otherwise it follows the state topic.
 */
export function NumberInputView({
  config,
  value,
  publish,
  labelId,
}: WidgetViewProps<NumberInputConfig>) {
  const { topic, label, min, max, step, decimals } = config;
  const { t } = useTranslation('widgets');
  const language = currentLanguage(); // German reads "21,5" as a number: read again
  const hintId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  /** The text being edited and not yet sent; null = follow the state. */
  const [draft, setDraft] = useState<string | null>(null);
  const [sent, setSent] = useState<Sent | null>(null);
  const [error, setError] = useState<Message | null>(null);
  const [note, setNote] = useState<Message | null>(null);
  const { send: publishValue, error: sendError } = useSend(publish);

  const incoming = useMemo(
    () => (value ? readNumber(value.payload, config.valuePath, language) : null),
    [value, config.valuePath, language],
  );

  // The latest props for a send that fires from a timer, after the render that scheduled it.
  const latest = useRef({ config, value, publishValue });
  useEffect(() => {
    latest.current = { config, value, publishValue };
  });

  const send = useCallback((v: number) => {
    const { config: c, value: basis, publishValue: pub } = latest.current;
    if (!c.topic) return;
    setSent({ value: v, basis });
    setDraft(null);
    setError(null);
    void pub(c.topic, renderPayload(c.payloadTemplate, v), { qos: c.qos, retain: c.retain });
  }, []);

  /** A − / + result waiting for the pause to end. */
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; value: number } | null>(null);
  const cancelPending = () => {
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = null;
  };
  // Leaving the page within the pause still sends what the user set.
  useEffect(
    () => () => {
      const p = pending.current;
      pending.current = null;
      if (p) {
        clearTimeout(p.timer);
        send(p.value);
      }
    },
    [send],
  );

  const stateValue =
    sent && sent.basis === value ? sent.value : incoming?.ok ? incoming.value : null;
  const text = draft ?? (stateValue === null ? '' : toInputText(stateValue, decimals));

  function commit(typed: string, badInput: boolean) {
    cancelPending();
    const n = badInput ? null : parseTyped(typed);
    if (n === null) {
      setError(
        msg(
          typed.trim() === '' && !badInput
            ? 'widgets:numberInput.enterNumber'
            : 'widgets:numberInput.notNumber',
        ),
      );
      return;
    }
    const v = normalize(n, config);
    setNote(
      max !== null && n > max
        ? msg('widgets:numberInput.limitedMax', { max: formatNumber(max, null) })
        : min !== null && n < min
          ? msg('widgets:numberInput.limitedMin', { min: formatNumber(min, null) })
          : null,
    );
    send(v);
  }

  function stepBy(dir: 1 | -1) {
    const from = parseTyped(text) ?? stateValue;
    const next = from === null ? normalize(min ?? 0, config) : stepFrom(from, dir, config);
    setDraft(toInputText(next, decimals));
    setError(null);
    setNote(null);
    cancelPending();
    if (config.sendDelay > 0) {
      pending.current = {
        value: next,
        timer: setTimeout(() => {
          pending.current = null;
          send(next);
        }, config.sendDelay),
      };
    }
  }

  const badInput = () => inputRef.current?.validity?.badInput ?? false;

  return (
    <div
      className="number-input"
      onBlur={(e) => {
        // Moving between the field and its buttons is not leaving.
        if (e.currentTarget.contains(e.relatedTarget as Node | null)) return;
        if (draft !== null) commit(draft, badInput());
      }}
    >
      <div className="number-input__row">
        <button
          type="button"
          className="number-input__button"
          aria-label={t('numberInput.decrease', { label })}
          disabled={!topic}
          onClick={() => stepBy(-1)}
        >
          <span aria-hidden="true">−</span>
        </button>
        <input
          ref={inputRef}
          className="number-input__field"
          type="number"
          inputMode="decimal"
          aria-labelledby={labelId}
          aria-invalid={error !== null}
          aria-describedby={error || note || sendError ? hintId : undefined}
          min={min ?? undefined}
          max={max ?? undefined}
          step={step}
          value={text}
          placeholder="—"
          disabled={!topic}
          onChange={(e) => {
            cancelPending();
            setDraft(e.currentTarget.value);
            setError(null);
            setNote(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
              e.preventDefault();
              commit(draft ?? e.currentTarget.value, badInput());
            } else if (e.key === 'Escape' && draft !== null) {
              cancelPending();
              setDraft(null);
              setError(null);
            }
          }}
        />
        <button
          type="button"
          className="number-input__button"
          aria-label={t('numberInput.increase', { label })}
          disabled={!topic}
          onClick={() => stepBy(1)}
        >
          <span aria-hidden="true">+</span>
        </button>
      </div>
      {(error || note || sendError) && (
        <p
          id={hintId}
          className={`widget__hint${error || sendError ? ' widget__hint--error' : ''}`}
          role={error || sendError ? 'alert' : undefined}
        >
          {say((error ?? sendError ?? note)!)}
        </p>
      )}
      {draft === null &&
        incoming &&
        !incoming.ok &&
        incoming.kind === 'invalid' &&
        stateValue === null && <InvalidValue reason={incoming.reason} raw={incoming.raw} />}
      {/* The field shows the device's true value; one outside the limits is marked as such. */}
      {draft === null &&
        stateValue !== null &&
        (max !== null && stateValue > max ? (
          <p className="widget__hint">
            {t('numberInput.aboveMax', { max: formatNumber(max, null) })}
          </p>
        ) : min !== null && stateValue < min ? (
          <p className="widget__hint">
            {t('numberInput.belowMin', { min: formatNumber(min, null) })}
          </p>
        ) : null)}
      {!topic && <NoTopic />}
    </div>
  );
}
