import seedFlow from '@/dashboard/fixtures/seed-flow.json';
import type { Dashboard } from '@/dashboard/schema';
import { t } from '@/i18n/i18n';
import { importNodeRedFlow } from './node-red/import';

/**
 * The dashboard shown when nothing else is configured: the tutorial's Node-RED flow, imported
 * exactly as a user's own flow would be — a slider publishing to Erdgeschoss/Wohnzimmer/temp
 * and a gauge showing it. Its page, group and widget titles are the tutorial's own (German)
 * data; the dashboard's title is in the language on screen when it is made (then it is the
 * user's, and stays).
 */
export function createDefaultDashboard(): Dashboard {
  return importNodeRedFlow(seedFlow, {
    id: 'example',
    title: t('widgets:example.title'),
    fixedTitle: true,
  }).dashboard;
}
