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
  return (
    <Modal
      open={props.open}
      title="Dashboards"
      onClose={props.onClose}
      footer={
        <>
          <button type="button" className="button" onClick={props.onClose}>
            Close
          </button>
          <button type="button" className="button" onClick={props.onTransfer}>
            Import and export…
          </button>
          <button type="button" className="button button--primary" onClick={props.onNew}>
            New dashboard
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
                aria-label={`Rename ${d.title}`}
                onClick={() => props.onRename(d.id)}
              >
                Rename
              </button>
              <button
                type="button"
                className="button button--small"
                aria-label={`Duplicate ${d.title}`}
                onClick={() => props.onDuplicate(d.id)}
              >
                Duplicate
              </button>
              <button
                type="button"
                className="button button--small button--danger"
                aria-label={`Delete ${d.title}`}
                onClick={() => props.onDelete(d.id)}
              >
                Delete
              </button>
            </span>
          </li>
        ))}
      </ul>
      {dashboards.length === 0 && <p className="empty">No dashboards yet.</p>}
    </Modal>
  );
}
