import { useEffect, useState } from 'react';
import type { ProviderTemplates } from '../../../../electron/contract/sender';
import { useServices } from '../../app-context';

/** Every provider's events, templates and schemas (loaded once per mount). */
export function useTemplates(): ProviderTemplates[] {
  const { api } = useServices();
  const [templates, setTemplates] = useState<ProviderTemplates[]>([]);
  useEffect(() => {
    let live = true;
    void api.call('forge:templates').then((result) => {
      if (live && result.ok) setTemplates(result.value);
    });
    return () => {
      live = false;
    };
  }, [api]);
  return templates;
}
