import { useTranslation } from 'react-i18next';
import { say, type Text } from '@/i18n/message';

/**
 * "—" for a widget that has no value: nothing arrived yet, or what arrived says "no value"
 * (an empty payload clearing a retained message, JSON null). Never mistaken for a real 0.
 */
export function NoValue({ reason }: { reason?: Text | undefined }) {
  const { t } = useTranslation('common');
  const text = reason ? t('noValue.because', { reason: say(reason) }) : t('noValue.yet');
  return (
    <span className="no-value" title={text}>
      <span aria-hidden="true">—</span>
      <span className="sr-only">{text}</span>
    </span>
  );
}
