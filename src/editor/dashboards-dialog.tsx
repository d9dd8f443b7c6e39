import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Modal } from '@/components/modal';
import type { Dashboard } from '@/dashboard/schema';

interface Props {
  open: boolean;
  dashboards: readonly Dashboard[];
  currentId: string | null;
  /** The address of a dashboard (keeps ?broker= and the like). */
  hrefOf(id: string): string;
  onNew(): void;
  onRename(id: string): void;
  onDuplicate(id: string): void;
  onDelete(id: string): void;
  onTransfer(): void;
  onClose(): void;
}

/**
 * All dashboards: open one, create, rename, duplicate, delete, import and export. Not in edit
 * mode only: managing dashboards is not editing the one on screen (kiosk mode hides the dialog).
 */
export function DashboardsDialog(props: Props) {
  const { dashboards, currentId } = props;
  const { t } = useTranslation(['editor', 'common']);
  return (
    <Modal
      open={props.open}
      title={t('dashboards.title')}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" className="button" onClick={props.onClose}>
            {t('common:close')}
          </button>
          <button type="button" className="button" onClick={props.onTransfer}>
            {t('dashboards.transfer')}
          </button>
          <button type="button" className="button button--primary" onClick={props.onNew}>
            {t('dashboards.new')}
          </button>
        </>
      }
    >
      <ul className="dashboard-list">
        {dashboards.map((d) => (
          <li key={d.id} className="dashboard-list__row">
            <Link
              className="dashboard-list__link"
              href={props.hrefOf(d.id)}
              aria-current={d.id === currentId ? 'page' : undefined}
              onClick={props.onClose}
            >
              {d.title}
            </Link>
            <span className="dashboard-list__actions">
              <button
                type="button"
                className="button button--small"
                aria-label={t('dashboards.renameName', { name: d.title })}
                onClick={() => props.onRename(d.id)}
              >
                {t('common:rename')}
              </button>
              <button
                type="button"
                className="button button--small"
                aria-label={t('dashboards.duplicateName', { name: d.title })}
                onClick={() => props.onDuplicate(d.id)}
              >
                {t('common:duplicate')}
              </button>
              <button
                type="button"
                className="button button--small button--danger"
                aria-label={t('dashboards.deleteName', { name: d.title })}
                onClick={() => props.onDelete(d.id)}
              >
                {t('common:delete')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {dashboards.length === 0 && <p className="empty">{t('dashboards.none')}</p>}
    </Modal>
  );
}
