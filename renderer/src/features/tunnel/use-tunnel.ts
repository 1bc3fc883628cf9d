import { useCallback, useEffect, useState } from 'react';
import type {
  TunnelInfo,
  TunnelStartInput,
  TunnelUrlRecord,
} from '../../../../electron/contract/tunnel';
import { useServices } from '../../app-context';

export interface TunnelController {
  info: TunnelInfo | null;
  history: TunnelUrlRecord[];
  /** The last call's failure (bad settings), shown next to the buttons. */
  error: string | null;
  busy: boolean;
  start(settings: TunnelStartInput): Promise<void>;
  stop(): Promise<void>;
}

/** The engine's tunnel: status pushed as `tunnel:changed`, history fetched after each change. */
export function useTunnel(): TunnelController {
  const { api } = useServices();
  const [info, setInfo] = useState<TunnelInfo | null>(null);
  const [history, setHistory] = useState<TunnelUrlRecord[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refreshHistory = useCallback(
    () =>
      void api.call('tunnel:history').then((result) => {
        if (result.ok) setHistory(result.value);
      }),
    [api],
  );

  useEffect(() => {
    let live = true;
    void api.call('tunnel:status').then((result) => {
      if (live && result.ok) setInfo(result.value);
    });
    void api.call('tunnel:history').then((result) => {
      if (live && result.ok) setHistory(result.value);
    });
    const off = api.on('tunnel:changed', (next) => {
      setInfo(next);
      refreshHistory();
    });
    return () => {
      live = false;
      off();
    };
  }, [api, refreshHistory]);

  const run = useCallback(
    async (work: () => Promise<{ ok: boolean; error?: { message: string } }>) => {
      setBusy(true);
      setError(null);
      try {
        const result = await work();
        if (!result.ok) setError(result.error?.message ?? 'failed');
      } finally {
        setBusy(false);
      }
    },
    [],
  );

  return {
    info,
    history,
    error,
    busy,
    start: (settings) =>
      run(async () => {
        const result = await api.call('tunnel:start', settings);
        if (result.ok) setInfo(result.value);
        return result;
      }),
    stop: () =>
      run(async () => {
        const result = await api.call('tunnel:stop');
        if (result.ok) setInfo(result.value);
        return result;
      }),
  };
}
