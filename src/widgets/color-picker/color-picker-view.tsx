import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { InvalidValue } from '@/components/invalid-value';
import type { LiveEntry } from '@/stores/live-store';
import { NoTopic, SendError, useSend } from '../kit/send';
import type { WidgetViewProps } from '../types';
import {
  formatColor,
  parseColorText,
  readableOn,
  readColor,
  renderColorPayload,
  toHex,
} from './color';
import { COLOR_THROTTLE_MS, type ColorPickerConfig } from './schema';
import { createThrottle, type Throttle } from '../kit/throttle';
import './color-picker.css';

/** After a change, echoes of intermediate colours arriving this soon are ignored. */
const SETTLE_MS = 600;

interface LocalValue {
  /** `#rrggbb` as the input gave it. */
  hex: string;
  /** The live entry current when the user picked this colour: a newer entry is a new message. */
  basis: LiveEntry | undefined;
  at: number;
}

/**
 * A native colour input labelled by the widget's title, a swatch and the colour as text.
 * Publishes while the colour changes (at most every 100 ms, the final colour always) and
 * follows the state topic in any of the formats it can send, and `rgb(…)`.
 */
export function ColorPickerView({
  config,
  value,
  publish,
  labelId,
}: WidgetViewProps<ColorPickerConfig>) {
  const { topic, format } = config;
  const inputRef = useRef<HTMLInputElement>(null);
  const [local, setLocal] = useState<LocalValue | null>(null);
  const { send, error: sendError } = useSend(publish);

  const incoming = useMemo(
    () => (value ? readColor(value.payload, config.valuePath) : null),
    [value, config.valuePath],
  );

  // The latest config for callbacks that outlive a render (throttle timers, native listeners).
  const configRef = useRef(config);
  useEffect(() => {
    configRef.current = config;
  });

  // The publisher lives in an effect, so a new `publish` or an unmount cancels pending sends.
  const throttleRef = useRef<Throttle<string> | null>(null);
  useEffect(() => {
    const throttle = createThrottle<string>((hex) => {
      const c = configRef.current;
      const rgb = parseColorText(hex);
      if (!c.topic || !rgb) return;
      void send(c.topic, renderColorPayload(c.payloadTemplate, rgb, c.format), {
        qos: c.qos,
        retain: c.retain,
      });
    }, COLOR_THROTTLE_MS);
    throttleRef.current = throttle;

    // The picker closing (or a committed choice): React's onChange is the input event, so the
    // native change event is listened to directly, and carries the final colour.
    const input = inputRef.current;
    const onCommit = () => {
      if (input) throttle.flush(input.value.toLowerCase());
    };
    input?.addEventListener('change', onCommit);
    return () => {
      input?.removeEventListener('change', onCommit);
      throttle.cancel();
      throttleRef.current = null;
    };
  }, [send]);

  const incomingHex = incoming?.ok ? toHex(incoming.rgb) : null;
  // The user's own pick wins until a new message arrives; echoes of the colours sent while
  // changing, arriving just after, do not pull the picker back.
  const keepLocal =
    local !== null &&
    (local.basis === value ||
      incomingHex === null ||
      (value !== undefined &&
        value.receivedAt < local.at + SETTLE_MS &&
        incomingHex !== local.hex));
  const shownHex = keepLocal ? local.hex : (incomingHex ?? null);
  const rgb = shownHex === null ? null : parseColorText(shownHex);
  // A state message that is not a colour is shown as such, unless the user picked since.
  const invalid = incoming?.ok === false && local?.basis !== value ? incoming : null;

  return (
    <div className={`color-picker${rgb ? '' : ' color-picker--empty'}`}>
      <div className="color-picker__row">
        <input
          ref={inputRef}
          id={`${labelId}-input`}
          className="color-picker__input"
          type="color"
          aria-labelledby={labelId}
          // Before any colour the input must still hold a valid one; black is its own default.
          value={shownHex ?? '#000000'}
          disabled={!topic}
          onChange={(e) => {
            const hex = e.currentTarget.value.toLowerCase();
            setLocal({ hex, basis: value, at: Date.now() });
            throttleRef.current?.push(hex);
          }}
        />
        <output
          className="color-picker__swatch"
          htmlFor={`${labelId}-input`}
          aria-live="off"
          style={rgb ? { background: shownHex!, color: readableOn(rgb) } : undefined}
        >
          {rgb ? <BreakAfterCommas text={formatColor(rgb, format)} /> : '—'}
        </output>
      </div>
      {invalid && <InvalidValue reason={invalid.reason} raw={invalid.raw} />}
      {!topic && <NoTopic />}
      <SendError error={sendError} />
    </div>
  );
}

/** The text with line-break opportunities after its commas: JSON wraps between channels. */
function BreakAfterCommas({ text }: { text: string }) {
  const parts = text.split(',');
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 && (
        <>
          ,<wbr />
        </>
      )}
    </Fragment>
  ));
}
