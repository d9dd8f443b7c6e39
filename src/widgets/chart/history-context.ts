import { createContext, useContext } from 'react';
import { defaultStore } from './persistence';
import { createHistoryHub, type HistoryHub } from './series-history';

let appHub: HistoryHub | null = null;

/** The app's hub: IndexedDB where there is one, made on first use. */
function getAppHub(): HistoryHub {
  appHub ??= createHistoryHub({ store: defaultStore() });
  return appHub;
}

/** The charts' history hub; null = the app's (IndexedDB). Tests provide one with a Map store. */
export const ChartHistoryContext = createContext<HistoryHub | null>(null);

export function useHistoryHub(): HistoryHub {
  return useContext(ChartHistoryContext) ?? getAppHub();
}
