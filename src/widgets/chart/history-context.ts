import { createContext, useContext } from 'react';
import { getAppRecorder } from '@/recorder/app-recorder';
import { defaultStore } from './persistence';
import { createHistoryHub, type HistoryHub } from './series-history';

let appHub: HistoryHub | null = null;

/** The app's hub: the recorder where there is one, else IndexedDB; made on first use. */
function getAppHub(): HistoryHub {
  appHub ??= createHistoryHub({ store: defaultStore(), remote: getAppRecorder });
  return appHub;
}

/** The charts' history hub; null = the app's (IndexedDB). Tests provide one with a Map store. */
export const ChartHistoryContext = createContext<HistoryHub | null>(null);

export function useHistoryHub(): HistoryHub {
  return useContext(ChartHistoryContext) ?? getAppHub();
}
