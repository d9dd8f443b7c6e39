import { lazyRetry } from '@/components/lazy-retry';

/**
 * The editor's parts load when first needed: a wall tablet that only shows dashboards never
 * downloads forms, dialogs or the import code. A failed download is tried again when the
 * server is back (components/lazy-retry), so an Edit tapped during a restart still works.
 */
export const SettingsPanel = lazyRetry(() =>
  import('@/editor/settings-panel').then((m) => m.SettingsPanel),
);
export const WidgetPicker = lazyRetry(() =>
  import('@/editor/widget-picker').then((m) => m.WidgetPicker),
);
export const WidgetChrome = lazyRetry(() =>
  import('@/editor/widget-chrome').then((m) => m.WidgetChrome),
);
export const DashboardsDialog = lazyRetry(() =>
  import('@/editor/dashboards-dialog').then((m) => m.DashboardsDialog),
);
export const NewDashboardDialog = lazyRetry(() =>
  import('@/editor/name-dialogs').then((m) => m.NewDashboardDialog),
);
export const RenameDialog = lazyRetry(() =>
  import('@/editor/name-dialogs').then((m) => m.RenameDialog),
);
export const PageDialog = lazyRetry(() =>
  import('@/editor/name-dialogs').then((m) => m.PageDialog),
);
export const GroupDialog = lazyRetry(() =>
  import('@/editor/name-dialogs').then((m) => m.GroupDialog),
);
export const ConfirmDialog = lazyRetry(() =>
  import('@/editor/name-dialogs').then((m) => m.ConfirmDialog),
);
export const TransferDialogHost = lazyRetry(() =>
  import('./transfer-host').then((m) => m.TransferDialogHost),
);
export const TabletSettingsDialog = lazyRetry(() =>
  import('./tablet/tablet-settings-dialog').then((m) => m.TabletSettingsDialog),
);
export const PinDialog = lazyRetry(() => import('./tablet/pin-dialog').then((m) => m.PinDialog));
