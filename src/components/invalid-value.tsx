import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { say, type Text } from '@/i18n/message';

const MAX_SHOWN = 500;

/**
 * "—" for a value that cannot be shown, with the reason and the raw payload on hover (title)
 * and on tap (a toggle, since tablets have no hover). The payload is rendered as text.
 */
export function InvalidValue({ reason: why, raw }: { reason: Text; raw: string }) {
  const { t } = useTranslation('common');
  const reason = say(why);
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const shown = raw.length > MAX_SHOWN ? raw.slice(0, MAX_SHOWN) + '…' : raw;
  return (
    <div className="invalid-value">
      <button
        type="button"
        className="invalid-value__toggle"
        title={t('invalidValue.title', { reason, raw: shown })}
        aria-expanded={open}
        aria-controls={detailsId}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true" className="invalid-value__dash">
          —
        </span>
        <span className="invalid-value__label">{t('invalidValue.label')}</span>
      </button>
      {open && (
        <p id={detailsId} className="invalid-value__details">
          <span className="invalid-value__reason">{reason}</span>
          {shown !== '' && <code className="invalid-value__raw">{shown}</code>}
        </p>
      )}
    </div>
  );
}
