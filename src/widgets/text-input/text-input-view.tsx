import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { say } from '@/i18n/message';
import { formatClock } from '@/i18n/format';
import { renderPayload } from '../kit/payload-template';
import { NoTopic, useSend } from '../kit/send';
import type { WidgetViewProps } from '../types';
import type { TextInputConfig } from './schema';
import './text-input.css';

/**
 * A text field that publishes on Enter, or when focus leaves the widget with a change — not
 * on every keystroke. Enter always sends (sending the same command twice is a use); leaving
 * sends only when the text differs from what was last sent.
 */
export function TextInputView({ config, publish, labelId }: WidgetViewProps<TextInputConfig>) {
  const { topic, password, placeholder } = config;
  const { t } = useTranslation('widgets');
  const inputId = useId();
  const hintId = useId();
  const [text, setText] = useState('');
  /** The field's text right after the last send ('' at first): leaving sends only a change. */
  const [baseline, setBaseline] = useState('');
  const [reveal, setReveal] = useState(false);
  const { send: publishText, error } = useSend(publish);
  /** When the last send went out; cleared by typing, so the hint is about this text. */
  const [sentAt, setSentAt] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const status =
    failed && error
      ? { ok: false, text: say(error) }
      : sentAt !== null
        ? { ok: true, text: t('textInput.sent', { time: formatClock(sentAt) }) }
        : null;

  function send(value: string) {
    if (!topic) return;
    const after = config.clearAfterSend ? '' : value;
    setText(after);
    setBaseline(after);
    void publishText(topic, renderPayload(config.payloadTemplate, value), {
      qos: config.qos,
      retain: config.retain,
    }).then((sent) => {
      setFailed(!sent);
      setSentAt(sent ? Date.now() : null);
    });
  }

  return (
    <div
      className="text-input"
      onBlur={(e) => {
        // Moving to the Show button is not leaving.
        if (e.currentTarget.contains(e.relatedTarget as Node | null)) return;
        if (text !== baseline) send(text);
      }}
    >
      <div className="text-input__row">
        <input
          id={inputId}
          className="text-input__field"
          type={password && !reveal ? 'password' : 'text'}
          aria-labelledby={labelId}
          aria-describedby={status ? hintId : undefined}
          value={text}
          placeholder={placeholder}
          disabled={!topic}
          // A password is not a word for the spell checker or the keyboard's suggestions.
          autoComplete={password ? 'off' : undefined}
          spellCheck={password ? false : undefined}
          autoCapitalize={password ? 'off' : undefined}
          enterKeyHint="send"
          onChange={(e) => {
            setText(e.currentTarget.value);
            setSentAt(null);
            setFailed(false);
          }}
          onKeyDown={(e) => {
            // During IME composition Enter picks a word; it does not send.
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send(text);
            }
          }}
        />
        {password && (
          <button
            type="button"
            className="text-input__toggle"
            aria-pressed={reveal}
            aria-controls={inputId}
            disabled={!topic}
            onClick={() => setReveal((r) => !r)}
          >
            {t('textInput.show')}
          </button>
        )}
      </div>
      {status && (
        <p
          id={hintId}
          className={`widget__hint${status.ok ? '' : ' widget__hint--error'}`}
          role={status.ok ? undefined : 'alert'}
        >
          {status.text}
        </p>
      )}
      {!topic && <NoTopic />}
    </div>
  );
}
