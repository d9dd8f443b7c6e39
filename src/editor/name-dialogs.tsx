import { useId, useState, type ReactNode } from 'react';
import { Modal } from '@/components/modal';
import type { Group, Page } from '@/dashboard/schema';

/** A small form in a modal: fields, then Cancel and a submit button. */
function FormModal(props: {
  open: boolean;
  title: string;
  submitLabel: string;
  onSubmit(): void;
  onClose(): void;
  children: ReactNode;
}) {
  return (
    <Modal
      open={props.open}
      title={props.title}
      onClose={props.onClose}
      onSubmit={() => props.onSubmit()}
      footer={
        <>
          <button type="button" className="button" onClick={props.onClose}>
            Cancel
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
  error?: string | undefined;
  placeholder?: string;
  maxLength?: number;
}) {
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
          {props.error}
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
  const [error, setError] = useState<string>();
  const name = useId();
  return (
    <FormModal
      open={props.open}
      title="New dashboard"
      submitLabel="Create"
      onClose={props.onClose}
      onSubmit={() => {
        if (!title.trim()) return setError('Give the dashboard a name.');
        setError(undefined);
        props.onCreate(title.trim(), from);
        setTitle('');
      }}
    >
      <TextField
        label="Name"
        value={title}
        onChange={setTitle}
        error={error}
        placeholder="e.g. Ground floor"
      />
      <fieldset className="field">
        <legend>Start from</legend>
        <label className="choice">
          <input
            type="radio"
            name={name}
            checked={from === 'empty'}
            onChange={() => setFrom('empty')}
          />
          An empty page
        </label>
        <label className="choice">
          <input
            type="radio"
            name={name}
            checked={from === 'example'}
            onChange={() => setFrom('example')}
          />
          The example (a slider and a gauge)
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
  const [error, setError] = useState<string>();
  return (
    <FormModal
      open={props.open}
      title={props.title}
      submitLabel="Save"
      onClose={props.onClose}
      onSubmit={() => {
        if (!value.trim()) return setError('A name cannot be empty.');
        setError(undefined);
        props.onSave(value.trim());
      }}
    >
      <TextField label={props.label} value={value} onChange={setValue} error={error} />
    </FormModal>
  );
}

export function PageDialog(props: {
  open: boolean;
  page: Pick<Page, 'title' | 'icon'> | null;
  onSave(patch: { title: string; icon?: string }): void;
  onClose(): void;
}) {
  const initial = props.page ?? { title: '', icon: '' };
  const [title, setTitle] = useFormState(props.open, initial.title);
  const [icon, setIcon] = useFormState(props.open, initial.icon ?? '');
  const [error, setError] = useState<string>();
  return (
    <FormModal
      open={props.open}
      title={props.page ? 'Page settings' : 'New page'}
      submitLabel={props.page ? 'Save' : 'Add page'}
      onClose={props.onClose}
      onSubmit={() => {
        if (!title.trim()) return setError('A page needs a name.');
        setError(undefined);
        props.onSave({ title: title.trim(), ...(icon.trim() ? { icon: icon.trim() } : {}) });
      }}
    >
      <TextField
        label="Page name"
        value={title}
        onChange={setTitle}
        error={error}
        placeholder="e.g. Kitchen"
      />
      <TextField
        label="Icon (an emoji, optional)"
        value={icon}
        onChange={setIcon}
        maxLength={8}
        placeholder="🍳"
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
  const [error, setError] = useState<string>();
  const widthId = useId();
  const showId = useId();
  return (
    <FormModal
      open={props.open}
      title={props.group ? 'Group settings' : 'New group'}
      submitLabel={props.group ? 'Save' : 'Add group'}
      onClose={props.onClose}
      onSubmit={() => {
        const w = Number(width);
        if (!Number.isInteger(w) || w < 1 || w > 24)
          return setError('Width is a whole number from 1 to 24.');
        setError(undefined);
        props.onSave({ title: title.trim(), width: w, showTitle });
      }}
    >
      <TextField
        label="Group name"
        value={title}
        onChange={setTitle}
        placeholder="e.g. Living room"
      />
      <div className="field">
        <label htmlFor={widthId}>Width (columns, about 60 px each)</label>
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
            {error}
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
        Show the name on the card
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
  return (
    <Modal
      open={props.open}
      title={props.title}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" className="button" onClick={props.onClose}>
            Cancel
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
