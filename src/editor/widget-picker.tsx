import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '@/components/modal';
import type { Group } from '@/dashboard/schema';
import { widgetTypes } from '@/widgets/registry';
import { say } from '@/i18n/message';

interface Props {
  open: boolean;
  groups: readonly Group[];
  /** The group to add into, preselected. */
  groupId: string | null;
  onPick(type: string, groupId: string): void;
  onClose(): void;
}

/** "Add a widget": the registry's types with name, description and icon. */
export function WidgetPicker({ open, groups, groupId, onPick, onClose }: Props) {
  const [target, setTarget] = useState(groupId);
  const [shownFor, setShownFor] = useState(groupId);
  if (shownFor !== groupId) {
    setShownFor(groupId);
    setTarget(groupId);
  }
  const selectId = useId();
  const into = target ?? groups[0]?.id ?? null;
  const { t } = useTranslation(['editor', 'common']);
  return (
    <Modal
      open={open}
      title={t('picker.title')}
      onClose={onClose}
      className="dialog--wide"
      footer={
        <button type="button" className="button" onClick={onClose}>
          {t('common:cancel')}
        </button>
      }
    >
      {groups.length > 1 && (
        <div className="field">
          <label htmlFor={selectId}>{t('picker.intoGroup')}</label>
          <select id={selectId} value={into ?? ''} onChange={(e) => setTarget(e.target.value)}>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.title || t('untitledGroup')}
              </option>
            ))}
          </select>
        </div>
      )}
      <ul className="picker">
        {widgetTypes.map((w) => (
          <li key={w.type}>
            <button
              type="button"
              className="picker__item"
              disabled={!into}
              onClick={() => into && onPick(w.type, into)}
            >
              <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
                <path fill="currentColor" d={w.icon} />
              </svg>
              <span>
                <span className="picker__name">{say(w.name)}</span>
                <span className="picker__description">{say(w.description)}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
