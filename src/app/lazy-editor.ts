import { lazy } from 'react';

/**
 * The editor's parts load when first needed: a wall tablet that only shows dashboards never
 * downloads forms, dialogs or the import code.
 */
export const SettingsPanel = lazy(() =>
  import('@/editor/settings-panel').then((m) => ({ default: m.SettingsPanel })),
);
export const WidgetPicker = lazy(() =>
  import('@/editor/widget-picker').then((m) => ({ default: m.WidgetPicker })),
);
export const WidgetChrome = lazy(() =>
  import('@/editor/widget-chrome').then((m) => ({ default: m.WidgetChrome })),
);
export const DashboardsDialog = lazy(() =>
  import('@/editor/dashboards-dialog').then((m) => ({ default: m.DashboardsDialog })),
);
export const NewDashboardDialog = lazy(() =>
  import('@/editor/name-dialogs').then((m) => ({ default: m.NewDashboardDialog })),
);
export const RenameDialog = lazy(() =>
  import('@/editor/name-dialogs').then((m) => ({ default: m.RenameDialog })),
);
export const PageDialog = lazy(() =>
  import('@/editor/name-dialogs').then((m) => ({ default: m.PageDialog })),
);
export const GroupDialog = lazy(() =>
  import('@/editor/name-dialogs').then((m) => ({ default: m.GroupDialog })),
);
export const ConfirmDialog = lazy(() =>
  import('@/editor/name-dialogs').then((m) => ({ default: m.ConfirmDialog })),
);
export const TransferDialogHost = lazy(() =>
  import('./transfer-host').then((m) => ({ default: m.TransferDialogHost })),
);
export const TabletSettingsDialog = lazy(() =>
  import('./tablet/tablet-settings-dialog').then((m) => ({ default: m.TabletSettingsDialog })),
);
export const PinDialog = lazy(() =>
  import('./tablet/pin-dialog').then((m) => ({ default: m.PinDialog })),
);
