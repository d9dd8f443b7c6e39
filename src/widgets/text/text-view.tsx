import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '@/i18n/i18n';
import { formatNumber } from '@/i18n/format';
import { InvalidValue } from '@/components/invalid-value';
import { NoValue } from '@/components/no-value';
import { rawText } from '@/mqtt/payload';
import { readDisplay, readNumber, type Display, type Reading } from '../kit/value';
import type { WidgetViewProps } from '../types';
import { formatTemplate } from './format-template';
import { RAW_MAX_CHARS, TEXT_MAX_CHARS, type TextConfig } from './schema';
import './text.css';

function cut(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) + '…' : s;
}

/** Short values as large as the card allows; a sentence smaller, so it still fits. */
function sizeFor(shown: string): 'l' | 'm' | 's' {
  return shown.length <= 8 ? 'l' : shown.length <= 24 ? 'm' : 's';
}

/**
 * A value as text, large enough to read from across a room. Deliberately not a live region:
 * a sensor updating every second would keep a screen reader talking.
 */
export function TextView({ config, value, labelId }: WidgetViewProps<TextConfig>) {
  const { mode, valuePath, decimals, format, prefix, suffix, unit, align } = config;
  const { t } = useTranslation('widgets');
  const language = currentLanguage(); // German reads "21,5" as a number: read again
  const reading = useMemo((): Reading<Display> | null => {
    if (!value || mode === 'raw') return null;
    if (mode === 'auto') return readDisplay(value.payload, valuePath);
    const n = readNumber(value.payload, valuePath, language);
    return n.ok ? { ok: true, value: { kind: 'number', value: n.value } } : n;
  }, [value, mode, valuePath, language]);

  let body: ReactNode;
  if (!value) {
    body = <NoValue />;
  } else if (mode === 'raw') {
    const raw = rawText(value.payload);
    const rest = raw.length - RAW_MAX_CHARS;
    body =
      raw === '' ? (
        <span className="text-value__muted">{t('text.emptyPayload')}</span>
      ) : (
        // Focusable, so keyboard users can scroll a long payload; a named region, so a
        // screen reader says what got focus.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <pre className="text-value__raw" tabIndex={0} role="region" aria-labelledby={labelId}>
          {rest > 0 ? raw.slice(0, RAW_MAX_CHARS) : raw}
          {rest > 0 && (
            <span className="text-value__muted">
              {'\n'}
              {t('text.more', { count: rest, n: formatNumber(rest, 0) })}
            </span>
          )}
        </pre>
      );
  } else if (reading && !reading.ok) {
    body =
      reading.kind === 'none' ? (
        <NoValue reason={reading.reason} />
      ) : (
        <InvalidValue reason={reading.reason} raw={reading.raw} />
      );
  } else if (reading && reading.value.value === '') {
    body = <span className="text-value__muted">{t('common.empty')}</span>;
  } else if (reading) {
    const shown = cut(formatTemplate(format, reading.value.value, decimals), TEXT_MAX_CHARS);
    body = (
      <p className="text-value__line">
        {prefix && <span className="text-value__affix">{prefix}</span>}
        <span className={`text-value__value text-value__value--${sizeFor(shown)}`}>{shown}</span>
        {unit && <span className="text-value__unit">{unit}</span>}
        {suffix && <span className="text-value__affix">{suffix}</span>}
      </p>
    );
  }

  return (
    <div className={`text-value text-value--${align}${mode === 'raw' ? ' text-value--raw' : ''}`}>
      {body}
    </div>
  );
}
