import { languageFromBrowser } from '@/i18n/language';
import { say } from '@/i18n/message';
import { Trans, useTranslation } from 'react-i18next';
import { useId, useState } from 'react';
import { Modal } from '@/components/modal';
import { issueText } from '@/components/zod-issues';
import { ruleOperatorOptions } from '@/widgets/kit/rules';
import {
  hashPin,
  SCALE_MAX,
  SCALE_MIN,
  tabletSettingsSchema,
  type TabletSettings,
} from './tablet-settings';

const EXAMPLE_TOPIC = 'home/doorbell';

/** The typed scale as a number; null for nothing typed or not a number. */
function parseScale(text: string): number | null {
  const t = text.trim();
  return t === '' || !Number.isFinite(Number(t)) ? null : Number(t);
}

interface Props {
  open: boolean;
  initial: TabletSettings;
  onSave(settings: TabletSettings): void;
  onClose(): void;
}

/** Wall-tablet settings: kiosk, PIN, scale, dimming, wake lock, watchdog. Controlled. */
export function TabletSettingsDialog({ open, initial, onSave, onClose }: Props) {
  const { t } = useTranslation(['app', 'common']);
  const [draft, setDraft] = useState(initial);
  const [newPin, setNewPin] = useState('');
  // The scale as typed: "1" and "12" are on the way to "125", not values to clamp.
  const [scaleText, setScaleText] = useState(String(initial.scale));
  const [error, setError] = useState<string | null>(null);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setDraft(initial);
      setScaleText(String(initial.scale));
      setNewPin('');
      setError(null);
    }
  }
  const ids = useId();
  const secure = window.isSecureContext;
  const set = <K extends keyof TabletSettings>(key: K, value: TabletSettings[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  return (
    <Modal
      open={open}
      title={t('tablet.title')}
      onClose={onClose}
      onSubmit={() => {
        if (newPin !== '' && !/^\d{4,8}$/.test(newPin)) {
          setError(t('tablet.pinDigits'));
          return;
        }
        const result = tabletSettingsSchema.safeParse({
          ...draft,
          scale: parseScale(scaleText),
          pinHash: newPin ? hashPin(newPin) : draft.pinHash,
        });
        if (!result.success) {
          setError(
            result.error.issues[0]
              ? say(issueText(result.error.issues[0].message))
              : t('tablet.invalid'),
          );
          return;
        }
        onSave(result.data);
      }}
      footer={
        <>
          {error && (
            <p className="field__error dialog__footer-error" role="alert">
              {error}
            </p>
          )}
          <button type="button" className="button" onClick={onClose}>
            {t('common:cancel')}
          </button>
          <button type="submit" className="button button--primary">
            {t('common:save')}
          </button>
        </>
      }
    >
      <div className="field">
        <label htmlFor={`${ids}-language`}>{t('tablet.language')}</label>
        <select
          id={`${ids}-language`}
          value={draft.language}
          onChange={(e) => set('language', e.target.value as TabletSettings['language'])}
        >
          <option value="browser">
            {t('tablet.languageBrowser', {
              language: t(`languageName.${languageFromBrowser(navigator.languages)}`),
            })}
          </option>
          <option value="de" lang="de">
            {t('languageOwn.de')}
          </option>
          <option value="en" lang="en">
            {t('languageOwn.en')}
          </option>
        </select>
      </div>
      <label className="choice">
        <input
          type="checkbox"
          checked={draft.kiosk}
          onChange={(e) => set('kiosk', e.target.checked)}
        />
        {t('tablet.kiosk')}
      </label>
      <label className="choice">
        <input
          type="checkbox"
          checked={draft.hideTabs}
          onChange={(e) => set('hideTabs', e.target.checked)}
        />
        {t('tablet.hideTabs')}
      </label>
      <div className="field">
        <label htmlFor={`${ids}-scale`}>{t('tablet.scale')}</label>
        <div className="scale-field">
          <input
            id={`${ids}-scale`}
            type="range"
            min={SCALE_MIN}
            max={SCALE_MAX}
            step={1}
            value={draft.scale}
            aria-valuetext={`${draft.scale} %`}
            onChange={(e) => {
              set('scale', Number(e.target.value));
              setScaleText(e.target.value);
            }}
          />
          <input
            className="scale-field__number"
            type="number"
            inputMode="numeric"
            min={SCALE_MIN}
            max={SCALE_MAX}
            step={1}
            aria-label={t('tablet.scaleNumber')}
            value={scaleText}
            onChange={(e) => {
              setScaleText(e.target.value);
              const typed = parseScale(e.target.value);
              if (typed !== null && typed >= SCALE_MIN && typed <= SCALE_MAX) set('scale', typed);
            }}
          />
          <span aria-hidden="true">%</span>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-pin`}>{draft.pinHash ? t('tablet.newPin') : t('tablet.pin')}</label>
        <input
          id={`${ids}-pin`}
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          value={newPin}
          onChange={(e) => setNewPin(e.target.value.trim())}
        />
        <p className="field__help">{t('tablet.pinHelp')}</p>
        {draft.pinHash && (
          <button type="button" className="button button--small" onClick={() => set('pinHash', '')}>
            {t('tablet.removePin')}
          </button>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${ids}-dim`}>{t('tablet.dim')}</label>
        <input
          id={`${ids}-dim`}
          type="number"
          min={1}
          placeholder={t('tablet.never')}
          value={draft.dimAfterMinutes ?? ''}
          onChange={(e) =>
            set('dimAfterMinutes', e.target.value === '' ? null : Number(e.target.value))
          }
        />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${ids}-wake`}>{t('tablet.wakeTopic')}</label>
          <input
            id={`${ids}-wake`}
            value={draft.wakeTopic}
            placeholder={EXAMPLE_TOPIC}
            spellCheck={false}
            onChange={(e) => set('wakeTopic', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-wake-op`}>{t('tablet.wakeWhen')}</label>
          <select
            id={`${ids}-wake-op`}
            value={draft.wakeRule.op}
            onChange={(e) =>
              set('wakeRule', {
                ...draft.wakeRule,
                op: e.target.value as TabletSettings['wakeRule']['op'],
              })
            }
          >
            {ruleOperatorOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.value === 'else' ? t('tablet.anyMessage') : say(o.label)}
              </option>
            ))}
          </select>
          {draft.wakeRule.op !== 'else' && (
            <input
              aria-label={t('tablet.wakeValue')}
              value={draft.wakeRule.value}
              onChange={(e) => set('wakeRule', { ...draft.wakeRule, value: e.target.value })}
            />
          )}
        </div>
      </div>
      <label className="choice">
        <input
          type="checkbox"
          checked={draft.wakeLock}
          onChange={(e) => set('wakeLock', e.target.checked)}
        />
        {t('tablet.wakeLock')}
      </label>
      {!secure && (
        <p className="notice" role="note">
          <Trans t={t} i18nKey="tablet.wakeLockNeedsHttps" components={{ code: <code /> }} />
        </p>
      )}
      <div className="field">
        <label htmlFor={`${ids}-watchdog`}>{t('tablet.watchdog')}</label>
        <input
          id={`${ids}-watchdog`}
          type="number"
          min={1}
          value={draft.watchdogMinutes}
          onChange={(e) => set('watchdogMinutes', Number(e.target.value) || 5)}
        />
      </div>
    </Modal>
  );
}
