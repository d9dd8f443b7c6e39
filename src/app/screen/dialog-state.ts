import type { SyncSettings } from '@/sync/settings';
import type { BrokerSettings } from '@/mqtt/settings';

/** The one dialog the dashboard screen shows at a time (the dialog host switches on `kind`). */
export type DialogState =
  | { kind: 'none' }
  | { kind: 'broker'; settings: BrokerSettings; sync: SyncSettings }
  | { kind: 'dashboards' }
  | { kind: 'new-dashboard' }
  | { kind: 'rename-dashboard'; id: string }
  | { kind: 'delete-dashboard'; id: string }
  | { kind: 'page'; pageId: string | null }
  | { kind: 'delete-page' }
  | { kind: 'group'; groupId: string | null }
  | { kind: 'delete-group'; groupId: string }
  | { kind: 'picker'; groupId: string | null }
  | { kind: 'transfer' }
  | { kind: 'tablet' }
  | { kind: 'pin-edit' }
  | { kind: 'pin-exit-kiosk' };

export const NO_DIALOG: DialogState = { kind: 'none' };

export type OpenDialog = (dialog: DialogState) => void;
