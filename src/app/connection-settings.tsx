import { say, type Text } from '@/i18n/message';
import { Trans, useTranslation } from 'react-i18next';
import { useId, useState } from 'react';
import { Modal } from '@/components/modal';
import { fieldErrors } from '@/components/zod-issues';
import {
  brokerPresets,
  brokerSettingsSchema,
  effectiveBrokerUrl,
  isPublicBroker,
  type BrokerSettings,
} from '@/mqtt/settings';
import { validateSyncSettings, type SyncSettings, type SyncSettingsErrors } from '@/sync/settings';
import { SyncSettingsFields } from '@/sync/sync-status';

interface Props {
  open: boolean;
  initial: BrokerSettings;
  /** This browser's dashboard sharing settings. */
  sync: SyncSettings;
  onSave(settings: BrokerSettings, sync: SyncSettings): void;
  onClose(): void;
}

type Draft = Omit<BrokerSettings, 'keepalive'> & { keepalive: string };

/** The choice beside the presets: any broker, by its address. */
const CUSTOM = { id: 'custom', name: 'app:broker.preset.custom' } as const;

const EXAMPLE_URL = 'ws://192.168.1.10:9001';

const presetOf = (url: string) => brokerPresets.find((p) => p.url === url)?.id ?? 'custom';

/** Broker URL, credentials, client id and keepalive, in a modal dialog. Controlled: it only calls back. */
export function ConnectionSettings({ open, initial, sync, onSave, onClose }: Props) {
  const { t } = useTranslation(['app', 'common']);
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [preset, setPreset] = useState(() => presetOf(initial.url));
  const [errors, setErrors] = useState<Partial<Record<keyof BrokerSettings, Text>>>({});
  const [syncDraft, setSyncDraft] = useState(sync);
  const [syncErrors, setSyncErrors] = useState<SyncSettingsErrors>({});
  const ids = useId();
  const override = effectiveBrokerUrl(initial, window.location);
  const publicBroker = isPublicBroker(draft.url.trim());

  // Each opening starts again from the saved settings.
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setDraft(toDraft(initial));
      setPreset(presetOf(initial.url));
      setErrors({});
      setSyncDraft(sync);
      setSyncErrors({});
    }
  }

  function submit() {
    const result = brokerSettingsSchema.safeParse(draft);
    if (!result.success) {
      setErrors(fieldErrors(result.error));
      return;
    }
    const syncResult = validateSyncSettings(syncDraft, { publicBroker });
    if (!syncResult.ok) {
      setSyncErrors(syncResult.errors);
      return;
    }
    onSave(result.data, syncResult.settings);
  }

  const field = (key: keyof Draft) => ({
    id: `${ids}-${key}`,
    value: draft[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) =>
      setDraft((d) => ({ ...d, [key]: e.target.value })),
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': errors[key] ? `${ids}-${key}-error` : undefined,
  });
  const error = (key: keyof BrokerSettings) =>
    errors[key] && (
      <p className="field__error" id={`${ids}-${key}-error`}>
        {say(errors[key])}
      </p>
    );

  return (
    <Modal
      open={open}
      title={t('broker.title')}
      onClose={onClose}
      onSubmit={submit}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common:cancel')}
          </button>
          <button type="submit" className="button button--primary">
            {t('broker.saveAndConnect')}
          </button>
        </>
      }
    >
      {override.overridden && (
        <p className="notice">
          <Trans
            t={t}
            i18nKey="broker.overridden"
            values={{ url: override.url }}
            components={{ code: <code /> }}
          />
        </p>
      )}
      <fieldset className="field">
        <legend>{t('broker.connectTo')}</legend>
        {[...brokerPresets, { ...CUSTOM, url: draft.url }].map((p) => (
          <label key={p.id} className="choice">
            <input
              type="radio"
              name={`${ids}-preset`}
              value={p.id}
              checked={preset === p.id}
              onChange={() => {
                setPreset(p.id);
                if (p.id !== 'custom') setDraft((d) => ({ ...d, url: p.url }));
                // A public broker: nothing is shared until the person picks a private prefix.
                if (isPublicBroker(p.url)) setSyncDraft((s) => ({ ...s, enabled: false }));
              }}
            />
            {say(p.name)}
          </label>
        ))}
      </fieldset>
      {preset === 'custom' && (
        <div className="field">
          <label htmlFor={`${ids}-url`}>{t('broker.url')}</label>
          <input
            {...field('url')}
            type="url"
            inputMode="url"
            placeholder={EXAMPLE_URL}
            autoComplete="off"
            spellCheck={false}
          />
          {error('url')}
        </div>
      )}
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${ids}-username`}>{t('broker.username')}</label>
          <input {...field('username')} autoComplete="username" />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-password`}>{t('broker.password')}</label>
          <input {...field('password')} type="password" autoComplete="current-password" />
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${ids}-clientId`}>{t('broker.clientId')}</label>
          <input
            {...field('clientId')}
            placeholder={t('broker.clientIdPlaceholder')}
            spellCheck={false}
          />
          {error('clientId')}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-keepalive`}>{t('broker.keepalive')}</label>
          <input {...field('keepalive')} type="number" min={0} max={65535} inputMode="numeric" />
          {error('keepalive')}
        </div>
      </div>
      <fieldset className="field">
        <legend>{t('broker.dashboards')}</legend>
        <SyncSettingsFields
          value={syncDraft}
          onChange={setSyncDraft}
          errors={syncErrors}
          publicBroker={publicBroker}
        />
      </fieldset>
    </Modal>
  );
}

function toDraft(s: BrokerSettings): Draft {
  return { ...s, keepalive: String(s.keepalive) };
}
