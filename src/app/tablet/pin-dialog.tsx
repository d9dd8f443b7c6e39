import { useTranslation } from 'react-i18next';
import { useId, useState } from 'react';
import { Modal } from '@/components/modal';
import { hashPin } from './tablet-settings';

/** Asks for the PIN; calls `onUnlock` only with the right one. */
export function PinDialog({
  open,
  pinHash,
  purpose,
  onUnlock,
  onClose,
}: {
  open: boolean;
  pinHash: string;
  purpose: string;
  onUnlock(): void;
  onClose(): void;
}) {
  const { t } = useTranslation(['app', 'common']);
  const [pin, setPin] = useState('');
  const [wrong, setWrong] = useState(false);
  const id = useId();
  return (
    <Modal
      open={open}
      title={t('pin.title')}
      onClose={onClose}
      onSubmit={() => {
        if (hashPin(pin) === pinHash) {
          setPin('');
          setWrong(false);
          onUnlock();
        } else {
          setWrong(true);
          setPin('');
        }
      }}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common:cancel')}
          </button>
          <button type="submit" className="button button--primary">
            {t('pin.unlock')}
          </button>
        </>
      }
    >
      <p>{purpose}</p>
      <div className="field">
        <label htmlFor={id}>{t('pin.label')}</label>
        <input
          id={id}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          aria-invalid={wrong ? true : undefined}
          aria-describedby={wrong ? `${id}-error` : undefined}
          onChange={(e) => setPin(e.target.value)}
        />
        {wrong && (
          <p className="field__error" id={`${id}-error`} role="alert">
            {t('pin.wrong')}
          </p>
        )}
      </div>
    </Modal>
  );
}
