// Which view is on screen, and requests one view makes of another (a delivery asking Endpoints to
// verify its path). In the store rather than in App's state so any feature can navigate.
import type { StateCreator } from 'zustand';
import type { AppState } from './app-state';

/** "Verify this path…": what the Endpoints view should open, prefilled. */
export interface EndpointRequest {
  path: string;
  /** The provider detected on the delivery, or '' for auto-detect. */
  provider: string;
}

export interface NavigationSlice {
  /** An id from features/navigation/views.tsx. */
  view: string;
  endpointRequest: EndpointRequest | null;
  setView: (view: string) => void;
  /** Switches to Endpoints with this path and provider prefilled (or the saved endpoint selected). */
  requestEndpoint: (request: EndpointRequest) => void;
  /** The Endpoints view took the request: forget it so a later visit starts plain. */
  takeEndpointRequest: () => EndpointRequest | null;
}

export const createNavigationSlice: StateCreator<AppState, [], [], NavigationSlice> = (
  set,
  get,
) => ({
  view: 'inbox',
  endpointRequest: null,
  setView: (view) => set({ view }),
  requestEndpoint: (endpointRequest) => set({ view: 'endpoints', endpointRequest }),
  takeEndpointRequest: () => {
    const request = get().endpointRequest;
    if (request) set({ endpointRequest: null });
    return request;
  },
});
