import deApp from './locales/de/app.json';
import deCommon from './locales/de/common.json';
import deEditor from './locales/de/editor.json';
import deSync from './locales/de/sync.json';
import deWidgets from './locales/de/widgets.json';
import enApp from './locales/en/app.json';
import enCommon from './locales/en/common.json';
import enEditor from './locales/en/editor.json';
import enSync from './locales/en/sync.json';
import enWidgets from './locales/en/widgets.json';

/** Every string Tafel shows, by language and namespace. English is the reference. */
export const resources = {
  en: { common: enCommon, app: enApp, editor: enEditor, sync: enSync, widgets: enWidgets },
  de: { common: deCommon, app: deApp, editor: deEditor, sync: deSync, widgets: deWidgets },
} as const;
