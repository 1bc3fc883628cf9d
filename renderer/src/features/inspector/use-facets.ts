// Distinct values (with counts) across all stored deliveries, for the filter menus. Asked again
// when the number of stored deliveries changes, at most once a second.
import { useEffect, useState } from 'react';
import type { DeliveryFacets } from '../../../../electron/contract/inspector';
import { useAppStore, useServices } from '../../app-context';

const REFRESH_MS = 1000;

export function useFacets(): DeliveryFacets | null {
  const { api } = useServices();
  const count = useAppStore((state) => state.stats.count);
  const [facets, setFacets] = useState<DeliveryFacets | null>(null);
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(
      () => {
        void api.call('deliveries:facets').then((result) => {
          if (!cancelled && result.ok) setFacets(result.value);
        });
      },
      facets === null ? 0 : REFRESH_MS,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refresh on count changes, not on our own answer
  }, [api, count]);
  return facets;
}
