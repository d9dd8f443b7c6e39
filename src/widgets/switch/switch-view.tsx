import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { key } from '@/i18n/i18n';
import { say } from '@/i18n/message';
import { InvalidValue } from '@/components/invalid-value';
import type { WidgetViewProps } from '../types';
import { NoTopic, SendError, useSend } from '../kit/send';
import { encodeTyped } from '../kit/typed-payload';
import type { SwitchConfig } from './schema';
import { readSwitchState } from './switch-state';
import './switch.css';

/** Shown when the device did not confirm a toggle in time ("wait for the device" mode). */
export const NO_ANSWER = key('widgets:switch.noAnswer');

/** A toggle the user asked for; a new object per press, so a new press restarts the timer. */
interface Intent {
  readonly on: boolean;
}

/**
 * A native `<button role="switch">` named by the widget title. Optimistic mode shows the new
 * position until the next state message; "wait" mode shows it as pending (`aria-busy`) until
 * a state message confirms it, and goes back with a hint when none comes in time.
 */
export function SwitchView({ config, value, publish, labelId }: WidgetViewProps<SwitchConfig>) {
  const { topic, mode, timeout, qos, retain } = config;
  const { onPayload, onType, offPayload, offType, valuePath } = config;
  const { t } = useTranslation('widgets');
  const stateId = useId();

  const confirmed = useMemo(
    () =>
      value
        ? readSwitchState(value.payload, { onPayload, onType, offPayload, offType, valuePath })
        : null,
    [value, onPayload, onType, offPayload, offType, valuePath],
  );

  const [local, setLocal] = useState<Intent | null>(null);
  const [pending, setPending] = useState<Intent | null>(null);
  const [noAnswer, setNoAnswer] = useState(false);
  const { send, error: sendError } = useSend(publish);

  // A new state message is the device's word: it ends an optimistic guess, confirms a
  // pending toggle when it says the same, and answers a "no answer" hint. Adjusted while
  // rendering (not in an effect) so no frame shows the stale guess next to the new state.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setLocal(null);
    setNoAnswer(false);
    if (pending && confirmed?.kind === (pending.on ? 'on' : 'off')) setPending(null);
  }

  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => {
      setPending(null);
      setNoAnswer(true);
    }, timeout * 1000);
    return () => clearTimeout(timer);
  }, [pending, timeout]);

  const on = pending ? pending.on : local ? local.on : confirmed?.kind === 'on';
  const unknown = !pending && !local && confirmed?.kind === 'unknown' ? confirmed : null;
  const stateText = t(
    pending
      ? pending.on
        ? 'switch.switchingOn'
        : 'switch.switchingOff'
      : unknown
        ? 'switch.unknown'
        : local || confirmed
          ? on
            ? 'switch.on'
            : 'switch.off'
          : 'switch.noState',
  );
  const plain = !pending && !unknown && (local !== null || confirmed !== null);

  function toggle() {
    if (!topic) return;
    const target = !on;
    const payload = encodeTyped(target ? onPayload : offPayload, target ? onType : offType);
    if (!payload.ok) return; // the schema refuses such configs; never send a wrong payload
    const intent: Intent = { on: target };
    setNoAnswer(false);
    if (mode === 'wait') {
      setPending(intent);
      setLocal(null);
    } else {
      setLocal(intent);
      setPending(null);
    }
    void send(topic, payload.text, { qos, retain }).then((sent) => {
      if (sent) return;
      // Nothing went out, so nothing is pending: show the device's state again.
      setPending((p) => (p === intent ? null : p));
      setLocal((l) => (l === intent ? null : l));
    });
  }

  const modifier = pending ? ' switch--pending' : unknown ? ' switch--unknown' : '';
  return (
    <div className={`switch${modifier}`}>
      <div className="switch__row">
        <button
          type="button"
          role="switch"
          className="switch__control"
          aria-checked={on}
          aria-labelledby={labelId}
          aria-describedby={plain ? undefined : stateId}
          aria-busy={pending ? true : undefined}
          disabled={!topic}
          onClick={toggle}
        >
          <span className="switch__track" aria-hidden="true">
            <span className="switch__thumb" />
          </span>
          <span id={stateId} className="switch__state">
            {stateText}
          </span>
        </button>
        {unknown && <InvalidValue reason={unknown.reason} raw={unknown.raw} />}
      </div>
      {/* Always present, so screen readers announce the hint when it appears. */}
      <div role="status" className="switch__status">
        {noAnswer && <p className="widget__hint switch__no-answer">{say(NO_ANSWER)}</p>}
      </div>
      {!topic && <NoTopic />}
      <SendError error={sendError} />
    </div>
  );
}
