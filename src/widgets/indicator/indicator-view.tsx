import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { InvalidValue } from '@/components/invalid-value';
import { t } from '@/i18n/i18n';
import { say, type Message } from '@/i18n/message';
import { firstMatch, readRuleInput } from '../kit/rules';
import type { WidgetViewProps } from '../types';
import { NEUTRAL_COLOR, type IndicatorConfig } from './schema';
import './indicator.css';

/** Longest value text shown beside the LED (a 1 MB payload stays one line). */
const MAX_TEXT = 120;

const cut = (s: string) => (s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) + '…' : s);

/** What the LED shows for the current value. */
export interface LedState {
  readonly color: string;
  readonly text: string;
  /** Nothing arrived yet: the LED is drawn hollow. */
  readonly waiting?: boolean;
  /** The value could not be read; reason and raw text go to InvalidValue. */
  readonly invalid?: { readonly reason: Message; readonly raw: string };
}

/**
 * The LED for a config and the latest message: first matching rule, else neutral + raw value.
 * Its words are in the language on screen now.
 */
export function ledState(
  config: IndicatorConfig,
  value: WidgetViewProps<IndicatorConfig>['value'],
): LedState {
  if (!value) return { color: NEUTRAL_COLOR, text: t('widgets:common.noValueYet'), waiting: true };
  const read = readRuleInput(value.payload, config.valuePath);
  if (!read.ok && read.kind === 'none') {
    return {
      color: NEUTRAL_COLOR,
      text: t('widgets:indicator.noValue', { reason: say(read.reason) }),
      waiting: true,
    };
  }
  if (!read.ok) {
    return {
      color: NEUTRAL_COLOR,
      text: t('widgets:common.invalidValue'),
      invalid: { reason: read.reason, raw: read.raw },
    };
  }
  const input = read.value;
  const shownValue = input.text === '' ? t('widgets:common.empty') : cut(input.text);
  const rule = config.rules[firstMatch(config.rules, input)];
  if (!rule) return { color: NEUTRAL_COLOR, text: shownValue };
  return { color: rule.color, text: rule.text.trim() === '' ? shownValue : rule.text };
}

/**
 * A coloured LED and its meaning in words, so colour is never the only signal. The LED and
 * its text are one image for assistive technology, named "<title>: <text>".
 */
export function IndicatorView({ config, value }: WidgetViewProps<IndicatorConfig>) {
  // Not memoized: the LED's words are said anew when the language changes (cheap to make).
  useTranslation('widgets');
  const led = ledState(config, value);
  const style = { '--led-color': led.color } as CSSProperties;
  return (
    <div className="indicator">
      <div
        role="img"
        className={`indicator__led${led.waiting ? ' indicator__led--waiting' : ''}`}
        aria-label={`${config.label}: ${led.text}`}
        style={style}
      >
        <span className="indicator__dot" />
        {!led.invalid && <span className="indicator__text">{led.text}</span>}
      </div>
      {led.invalid && <InvalidValue reason={led.invalid.reason} raw={led.invalid.raw} />}
    </div>
  );
}
