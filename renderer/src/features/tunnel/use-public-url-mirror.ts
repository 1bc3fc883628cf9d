import { useEffect } from 'react';
import { useServices } from '../../app-context';

/**
 * Keeps the store's receiver info (status bar, welcome screen) in step with the tunnel: the
 * engine pushes `tunnel:changed`, receiver:info was only read once at startup.
 */
export function usePublicUrlMirror(): void {
  const { api, store } = useServices();
  useEffect(
    () =>
      api.on('tunnel:changed', (info) => {
        const { receiver, setReceiver } = store.getState();
        if (receiver && receiver.publicUrl !== info.publicUrl) {
          setReceiver({ ...receiver, publicUrl: info.publicUrl });
        }
      }),
    [api, store],
  );
}
