// Hands the api, the store and the sync to components, so tests can build them around a fake bridge.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppApi } from './api';
import type { AppState } from './store/app-state';
import type { AppStore } from './store/app-store';
import type { StoreSync } from './store/sync';

export interface AppServices {
  api: AppApi;
  store: AppStore;
  sync: StoreSync;
}

const AppContext = createContext<AppServices | null>(null);

export function AppProvider({
  services,
  children,
}: {
  services: AppServices;
  children: ReactNode;
}) {
  return <AppContext.Provider value={services}>{children}</AppContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useServices must be used inside <AppProvider>');
  return services;
}

/** Subscribes to the narrowest slice of state; wrap selectors returning new objects in useShallow. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useServices().store, selector);
}
