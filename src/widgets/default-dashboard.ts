import seedFlow from '@/dashboard/fixtures/seed-flow.json';
import type { Dashboard } from '@/dashboard/schema';
import { importNodeRedFlow } from './node-red-import';

/**
 * The dashboard shown when nothing else is configured: the tutorial's Node-RED flow, imported
 * exactly as a user's own flow would be — a slider publishing to Erdgeschoss/Wohnzimmer/temp
 * and a gauge showing it.
 */
export function createDefaultDashboard(): Dashboard {
  return importNodeRedFlow(seedFlow, { id: 'example', title: 'Example' }).dashboard;
}
