import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '@/i18n/i18n';
import { formatNumber } from '@/i18n/format';
import { InvalidValue } from '@/components/invalid-value';
import { NoValue } from '@/components/no-value';
import type { LiveEntry } from '@/stores/live-store';
import { renderPayload } from '../kit/payload-template';
import { NoTopic, SendError, useSend } from '../kit/send';
import { createThrottle, type Throttle } from '../kit/throttle';
import { readNumber } from '../kit/value';
import type { WidgetViewProps } from '../types';
import { SLIDER_THROTTLE_MS, type SliderConfig } from './schema';
import './slider.css';

/** After the user lets go, echoes of intermediate values arriving this soon are ignored. */
const SETTLE_MS = 600;

interface LocalValue {
  value: number;
  /** The live entry current when the user set this value: a newer entry means a new message. */
  basis: LiveEntry | undefined;
  at: number;
}

function decimalsOf(step: number): number {
  const s = String(step);
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** Where a range input puts `v`: within min..max, on the nearest step (as browsers do). */
export function controlValue(v: number, min: number, max: number, step: number): number {
  const clamped = Math.min(max, Math.max(min, v));
  const snapped = min + Math.round((clamped - min) / step) * step;
  // Keep the step's decimals: 0.1 + 0.2 is 0.3 here.
  return Math.min(max, Number(snapped.toFixed(decimalsOf(step))));
}

/**
 * A native range input labelled by the widget's title, horizontal or vertical (up is more).
 * While dragging it publishes at most one message per 100 ms and always the final value; it
 * follows the state topic except while the user's finger is on it.
 */
export function SliderView({ config, value, publish, labelId }: WidgetViewProps<SliderConfig>) {
  const { min, max, step, topic, sendMode, orientation, showValue } = config;
  const { t } = useTranslation('widgets');
  const language = currentLanguage(); // German reads "21,5" as a number: read again
  const vertical = orientation === 'vertical';
  const inputRef = useRef<HTMLInputElement>(null);
  const [local, setLocal] = useState<LocalValue | null>(null);
  const [dragging, setDragging] = useState(false);
  const { send, error: sendError } = useSend(publish);

  const incoming = useMemo(
    () => (value ? readNumber(value.payload, config.valuePath, language) : null),
    [value, config.valuePath, language],
  );

  // The latest config for callbacks that outlive a render (throttle timers, native listeners).
  const configRef = useRef(config);
  useEffect(() => {
    configRef.current = config;
  });

  // The publisher lives in an effect, so a new `publish` or an unmount cancels pending sends.
  const throttleRef = useRef<Throttle<number> | null>(null);
  useEffect(() => {
    const throttle = createThrottle<number>((v) => {
      const c = configRef.current;
      if (!c.topic) return;
      void send(c.topic, renderPayload(c.payloadTemplate, v), { qos: c.qos, retain: c.retain });
    }, SLIDER_THROTTLE_MS);
    throttleRef.current = throttle;

    // Commit (mouse/touch release, each keyboard step): React's onChange is the input event,
    // so the native change event is listened to directly.
    const input = inputRef.current;
    const onCommit = () => {
      if (input) throttle.flush(Number(input.value));
    };
    input?.addEventListener('change', onCommit);
    return () => {
      input?.removeEventListener('change', onCommit);
      throttle.cancel();
      throttleRef.current = null;
    };
  }, [send]);

  // A drag ends wherever the pointer is released, possibly outside the input.
  useEffect(() => {
    if (!dragging) return;
    const end = () => setDragging(false);
    window.addEventListener('pointerup', end);
    window.addEventListener('pointercancel', end);
    return () => {
      window.removeEventListener('pointerup', end);
      window.removeEventListener('pointercancel', end);
    };
  }, [dragging]);

  const incomingValue = incoming?.ok ? incoming.value : null;
  const keepLocal =
    local !== null &&
    (dragging ||
      local.basis === value ||
      incomingValue === null ||
      (value !== undefined &&
        value.receivedAt < local.at + SETTLE_MS &&
        incomingValue !== local.value));
  // The value the control holds, and the label shows the same: a state between steps or
  // outside the range puts the thumb where the input can hold it, and says what was reported.
  const held = keepLocal
    ? local.value
    : incomingValue !== null
      ? controlValue(incomingValue, min, max, step)
      : null;
  const reported =
    !keepLocal && incomingValue !== null && incomingValue !== held ? incomingValue : null;
  const shownText = held === null ? null : formatNumber(held, decimalsOf(step));
  const range =
    reported === null
      ? null
      : reported > max
        ? t('common.aboveMax')
        : reported < min
          ? t('common.belowMin')
          : null;
  const mark =
    reported === null
      ? null
      : range
        ? t('slider.reportedRange', { value: formatNumber(reported, null), range })
        : t('slider.reported', { value: formatNumber(reported, null) });
  // No value (nothing yet, empty, null) or an invalid one: no thumb position pretends to know.
  const empty = held === null;
  const unreadable = !keepLocal && incoming && !incoming.ok ? incoming : null;

  return (
    <div
      className={`slider slider--${orientation}${showValue ? '' : ' slider--no-value'}${empty ? ' slider--empty' : ''}`}
    >
      {showValue && (
        <output className="slider__value" htmlFor={`${labelId}-input`} aria-live="off">
          {shownText ?? (
            <NoValue reason={unreadable?.kind === 'none' ? unreadable.reason : undefined} />
          )}
        </output>
      )}
      <input
        ref={inputRef}
        id={`${labelId}-input`}
        className="slider__input"
        type="range"
        aria-labelledby={labelId}
        // Browsers infer a vertical range from its writing mode (slider.css), but assistive
        // technology is told explicitly.
        aria-orientation={vertical ? 'vertical' : undefined}
        min={min}
        max={max}
        step={step}
        value={held ?? min}
        aria-valuetext={
          held === null
            ? unreadable?.kind === 'invalid'
              ? t('common.invalidValue')
              : t('common.noValueYet')
            : mark
              ? `${shownText}, ${mark}`
              : undefined
        }
        disabled={!topic}
        onPointerDown={() => setDragging(true)}
        onChange={(e) => {
          const v = Number(e.currentTarget.value);
          setLocal({ value: v, basis: value, at: Date.now() });
          if (sendMode === 'drag') throttleRef.current?.push(v);
        }}
      />
      {/* The reported value sits between the ends of the scale: no row of its own, so it fits
          the slider's two-row cell. Screen readers get it in the valuetext. */}
      <div className="slider__scale" aria-hidden="true">
        <span>{formatNumber(min, null)}</span>
        {mark && <span className="slider__mark">{mark}</span>}
        <span>{formatNumber(max, null)}</span>
      </div>
      {unreadable?.kind === 'invalid' && (
        <InvalidValue reason={unreadable.reason} raw={unreadable.raw} />
      )}
      {!topic && <NoTopic />}
      <SendError error={sendError} />
    </div>
  );
}
