import type { Dashboard } from '@/dashboard/schema';
import { exportFile, exportFileName, applyImport } from '@/editor/transfer';
import { TransferDialog } from '@/editor/transfer-dialog';
import { useDashboardStore } from '@/stores/dashboard-store';
import { downloadText } from './bootstrap';
import { hrefFor } from './routes';

/**
 * The import/export dialog, wired to the dashboard store: an import is one undoable edit.
 * The dialog itself says what was imported.
 */
export function TransferDialogHost({
  open,
  currentId,
  onClose,
  onUseBroker,
}: {
  open: boolean;
  currentId: string | null;
  onClose(): void;
  onUseBroker(url: string): void;
}) {
  const dashboards = useDashboardStore((s) => s.document.dashboards);
  return (
    <TransferDialog
      open={open}
      dashboards={dashboards}
      currentId={currentId}
      onClose={onClose}
      onExport={(ids) => {
        const chosen = dashboards.filter((d) => ids.includes(d.id));
        downloadText(exportFileName(chosen), exportFile(chosen));
      }}
      hrefOf={(id) => hrefFor(dashboards, id)}
      onDownload={downloadText}
      onUseBroker={onUseBroker}
      onImport={(incoming: Dashboard[], mode) => {
        useDashboardStore.getState().edit((doc) => applyImport(doc, incoming, mode));
      }}
    />
  );
}
