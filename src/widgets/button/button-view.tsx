import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { say } from '@/i18n/message';
import { Modal } from '@/components/modal';
import type { WidgetViewProps } from '../types';
import { buttonIconOptions, buttonIconPaths } from './icons';
import { useSend } from '../kit/send';
import { encodeTyped } from '../kit/typed-payload';
import { textColorOn } from './payload';
import type { ButtonConfig } from './schema';
import './button.css';

/** How long "Sent" stays after a press, in ms. */
export const SENT_SHOWN_MS = 1500;

type Status = { readonly kind: 'sent' } | { readonly kind: 'error' };

/**
 * A native button named by its label, in the configured colour. A press publishes the
 * payload; with a confirm text it first asks in the app's modal dialog (Cancel / Confirm),
 * which also gives focus trapping and Esc for free.
 */
export function ButtonView({ config, publish }: WidgetViewProps<ButtonConfig>) {
  const { label, icon, color, topic, payload, payloadType, qos, retain, confirm } = config;
  const { t } = useTranslation(['widgets', 'common']);
  const [asking, setAsking] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);
  const { send: publishPress, error } = useSend(publish);
  const asks = confirm.trim() !== '';

  useEffect(() => {
    if (status?.kind !== 'sent') return;
    const timer = setTimeout(() => setStatus((s) => (s === status ? null : s)), SENT_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [status]);

  function send() {
    const encoded = encodeTyped(payload, payloadType);
    if (!topic || !encoded.ok) return; // the schema refuses such configs
    void publishPress(topic, encoded.text, { qos, retain }).then((sent) =>
      setStatus({ kind: sent ? 'sent' : 'error' }),
    );
  }

  function press() {
    if (!topic) return;
    setStatus(null);
    if (asks) setAsking(true);
    else send();
  }

  const hint = !topic ? t('send.noTopic') : status?.kind === 'error' && error ? say(error) : null;
  const iconName = buttonIconOptions.find((o) => o.value === icon)?.label;
  return (
    <div className="button-widget">
      <button
        type="button"
        className="button-widget__button"
        style={{ background: color, color: textColorOn(color) }}
        // Without a label the icon alone shows; the name must still say what it does.
        aria-label={
          label.trim() === ''
            ? icon === 'none' || !iconName
              ? t('button.defaults.label')
              : say(iconName)
            : undefined
        }
        disabled={!topic}
        onClick={press}
      >
        {icon !== 'none' && (
          <svg className="button-widget__icon" viewBox="0 0 24 24" aria-hidden="true">
            <path fill="currentColor" d={buttonIconPaths[icon]} />
          </svg>
        )}
        {label.trim() !== '' && <span className="button-widget__label">{label}</span>}
      </button>
      <div className="button-widget__status" role="status">
        {status?.kind === 'sent' && <span className="button-widget__sent">{t('button.sent')}</span>}
      </div>
      {hint && (
        <p
          className={`button-widget__hint${topic ? ' button-widget__hint--error' : ''}`}
          role={topic ? 'alert' : undefined}
          title={hint}
        >
          {hint}
        </p>
      )}
      {asks && (
        <Modal
          open={asking}
          title={confirm}
          onClose={() => setAsking(false)}
          className="button-widget__dialog"
          footer={
            <>
              <button type="button" className="button" onClick={() => setAsking(false)}>
                {t('common:cancel')}
              </button>
              <button
                type="button"
                className="button button--primary"
                onClick={() => {
                  setAsking(false);
                  send();
                }}
              >
                {t('button.confirm')}
              </button>
            </>
          }
        />
      )}
    </div>
  );
}
