import { createContext, useContext } from 'react';
import { whenAppRecorder } from '@/recorder/app-recorder';
import { defaultStore } from './persistence';
import { createHistoryHub, type HistoryHub, type RemoteHistory } from './series-history';

/** The app's recorder, waited for: its module loads lazily, maybe after the first chart. */
const appRemote: RemoteHistory = {
  history: (...args) =>
    whenAppRecorder().then((client) => (client ? client.history(...args) : null)),
};

let appHub: HistoryHub | null = null;

/** The app's hub: the recorder where there is one, else IndexedDB; made on first use. */
function getAppHub(): HistoryHub {
  appHub ??= createHistoryHub({ store: defaultStore(), remote: () => appRemote });
  return appHub;
}

/** The charts' history hub; null = the app's (IndexedDB). Tests provide one with a Map store. */
export const ChartHistoryContext = createContext<HistoryHub | null>(null);

export function useHistoryHub(): HistoryHub {
  return useContext(ChartHistoryContext) ?? getAppHub();
}
