import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '@/components/modal';
import type { Group, Page } from '@/dashboard/schema';
import type { TKey } from '@/i18n/i18n';
import { say } from '@/i18n/message';

/** A small form in a modal: fields, then Cancel and a submit button. */
function FormModal(props: {
  open: boolean;
  title: string;
  submitLabel: string;
  onSubmit(): void;
  onClose(): void;
  children: ReactNode;
}) {
  const { t } = useTranslation('common');
  return (
    <Modal
      open={props.open}
      title={props.title}
      onClose={props.onClose}
      onSubmit={() => props.onSubmit()}
      footer={
        <>
          <button type="button" className="button" onClick={props.onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="button button--primary">
            {props.submitLabel}
          </button>
        </>
      }
    >
      {props.children}
    </Modal>
  );
}

function TextField(props: {
  label: string;
  value: string;
  onChange(v: string): void;
  /** A message key: said in the language on screen, also after a switch. */
  error?: TKey | undefined;
  placeholder?: string;
  maxLength?: number;
}) {
  useTranslation(); // said again when the language changes
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        value={props.value}
        placeholder={props.placeholder}
        maxLength={props.maxLength ?? 200}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.error && (
        <p className="field__error" id={`${id}-error`}>
          {say(props.error)}
        </p>
      )}
    </div>
  );
}

/** A form value that starts again from `initial` each time the dialog opens. */
function useFormState<T>(open: boolean, initial: T): [T, (v: T) => void] {
  const [value, setValue] = useState(initial);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setValue(initial);
  }
  return [value, setValue];
}

export function NewDashboardDialog(props: {
  open: boolean;
  onCreate(title: string, from: 'empty' | 'example'): void;
  onClose(): void;
}) {
  const [title, setTitle] = useState('');
  const [from, setFrom] = useState<'empty' | 'example'>('empty');
  const [error, setError] = useState<TKey>();
  const name = useId();
  const { t } = useTranslation('editor');
  const submit = () => {
    if (!title.trim()) return setError('editor:forms.newDashboard.nameMissing');
    setError(undefined);
    props.onCreate(title.trim(), from);
    setTitle('');
  };
  return (
    <FormModal
      open={props.open}
      title={t('forms.newDashboard.title')}
      submitLabel={t('forms.create')}
      onClose={props.onClose}
      onSubmit={submit}
    >
      <TextField
        label={t('forms.newDashboard.name')}
        value={title}
        onChange={setTitle}
        error={error}
        placeholder={t('forms.newDashboard.placeholder')}
      />
      <fieldset className="field">
        <legend>{t('forms.newDashboard.startFrom')}</legend>
        <label className="choice">
          <input
            type="radio"
            name={name}
            checked={from === 'empty'}
            onChange={() => setFrom('empty')}
          />
          {t('forms.newDashboard.empty')}
        </label>
        <label className="choice">
          <input
            type="radio"
            name={name}
            checked={from === 'example'}
            onChange={() => setFrom('example')}
          />
          {t('forms.newDashboard.example')}
        </label>
      </fieldset>
    </FormModal>
  );
}

export function RenameDialog(props: {
  open: boolean;
  title: string;
  label: string;
  value: string;
  onSave(value: string): void;
  onClose(): void;
}) {
  const [value, setValue] = useFormState(props.open, props.value);
  const [error, setError] = useState<TKey>();
  const { t } = useTranslation('common');
  const submit = () => {
    if (!value.trim()) return setError('editor:forms.rename.empty');
    setError(undefined);
    props.onSave(value.trim());
  };
  return (
    <FormModal
      open={props.open}
      title={props.title}
      submitLabel={t('save')}
      onClose={props.onClose}
      onSubmit={submit}
    >
      <TextField label={props.label} value={value} onChange={setValue} error={error} />
    </FormModal>
  );
}

/** The icon field's example: an emoji is the same in every language. */
const ICON_EXAMPLE = '🍳';

export function PageDialog(props: {
  open: boolean;
  page: Pick<Page, 'title' | 'icon'> | null;
  onSave(patch: { title: string; icon?: string }): void;
  onClose(): void;
}) {
  const initial = props.page ?? { title: '', icon: '' };
  const [title, setTitle] = useFormState(props.open, initial.title);
  const [icon, setIcon] = useFormState(props.open, initial.icon ?? '');
  const [error, setError] = useState<TKey>();
  const { t } = useTranslation(['editor', 'common']);
  const submit = () => {
    if (!title.trim()) return setError('editor:forms.page.nameMissing');
    setError(undefined);
    props.onSave({ title: title.trim(), ...(icon.trim() ? { icon: icon.trim() } : {}) });
  };
  return (
    <FormModal
      open={props.open}
      title={t(props.page ? 'forms.page.settings' : 'forms.page.new')}
      submitLabel={props.page ? t('common:save') : t('forms.page.add')}
      onClose={props.onClose}
      onSubmit={submit}
    >
      <TextField
        label={t('forms.page.name')}
        value={title}
        onChange={setTitle}
        error={error}
        placeholder={t('forms.page.placeholder')}
      />
      <TextField
        label={t('forms.page.icon')}
        value={icon}
        onChange={setIcon}
        maxLength={8}
        placeholder={ICON_EXAMPLE}
      />
    </FormModal>
  );
}

export function GroupDialog(props: {
  open: boolean;
  group: Pick<Group, 'title' | 'width' | 'showTitle'> | null;
  onSave(patch: { title: string; width: number; showTitle: boolean }): void;
  onClose(): void;
}) {
  const initial = props.group ?? { title: '', width: 6, showTitle: true };
  const [title, setTitle] = useFormState(props.open, initial.title);
  const [width, setWidth] = useFormState(props.open, String(initial.width));
  const [showTitle, setShowTitle] = useFormState(props.open, initial.showTitle);
  const [error, setError] = useState<TKey>();
  const widthId = useId();
  const showId = useId();
  const { t } = useTranslation(['editor', 'common']);
  const submit = () => {
    const w = Number(width);
    if (!Number.isInteger(w) || w < 1 || w > 24) return setError('editor:forms.group.widthInvalid');
    setError(undefined);
    props.onSave({ title: title.trim(), width: w, showTitle });
  };
  return (
    <FormModal
      open={props.open}
      title={t(props.group ? 'forms.group.settings' : 'forms.group.new')}
      submitLabel={props.group ? t('common:save') : t('forms.group.add')}
      onClose={props.onClose}
      onSubmit={submit}
    >
      <TextField
        label={t('forms.group.name')}
        value={title}
        onChange={setTitle}
        placeholder={t('forms.group.placeholder')}
      />
      <div className="field">
        <label htmlFor={widthId}>{t('forms.group.width')}</label>
        <input
          id={widthId}
          type="number"
          min={1}
          max={24}
          value={width}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${widthId}-error` : undefined}
          onChange={(e) => setWidth(e.target.value)}
        />
        {error && (
          <p className="field__error" id={`${widthId}-error`}>
            {say(error)}
          </p>
        )}
      </div>
      <label className="choice" htmlFor={showId}>
        <input
          id={showId}
          type="checkbox"
          checked={showTitle}
          onChange={(e) => setShowTitle(e.target.checked)}
        />
        {t('forms.group.showTitle')}
      </label>
    </FormModal>
  );
}

export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  text: string;
  confirmLabel: string;
  onConfirm(): void;
  onClose(): void;
}) {
  const { t } = useTranslation('common');
  return (
    <Modal
      open={props.open}
      title={props.title}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" className="button" onClick={props.onClose}>
            {t('cancel')}
          </button>
          <button type="button" className="button button--danger" onClick={props.onConfirm}>
            {props.confirmLabel}
          </button>
        </>
      }
    >
      <p>{props.text}</p>
    </Modal>
  );
}
