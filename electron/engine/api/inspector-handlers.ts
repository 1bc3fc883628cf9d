import type { Engine } from '../engine-types';
import { diffDeliveries } from '../inspect/diff';
import { openInspectorSettings } from '../inspect/inspector-settings';
import { ApiError } from './api-error';
import type { Handlers } from './handlers';

type InspectorCalls =
  | 'deliveries:diff'
  | 'deliveries:facets'
  | 'deliveries:histogram'
  | 'deliveries:annotate'
  | 'inspector:load'
  | 'inspector:save';

/** The inspector's calls: diffs, facets and timeline, annotations, saved filters and mask rules. */
export function createInspectorHandlers(engine: Engine): Pick<Handlers, InspectorCalls> {
  const settings = openInspectorSettings(engine.dataDir);
  // Drift honours the mask rules saved before this run too.
  const current = settings.read();
  engine.store.learning.configure({ maskRules: current.maskRules, usePresets: current.usePresets });
  const load = (id: string) => {
    const delivery = engine.store.get(id);
    if (!delivery) throw new ApiError('not-found', `no delivery with id "${id}"`);
    return delivery;
  };
  return {
    // Runs here, not in the renderer: a 10 MiB body's diff must not freeze the window.
    'deliveries:diff': async ({ a, b, masks, usePresets }) =>
      diffDeliveries(load(a), load(b), { masks, usePresets }),
    'deliveries:facets': async (filter) => engine.store.facets(filter),
    'deliveries:histogram': async ({ filter, buckets }) => engine.store.histogram(filter, buckets),
    'deliveries:annotate': async ({ id, ...patch }) => {
      const summary = engine.store.annotate(id, patch);
      if (!summary) throw new ApiError('not-found', `no delivery with id "${id}"`);
      return summary;
    },
    'inspector:load': async () => settings.read(),
    'inspector:save': async (next) => {
      const saved = settings.write(next);
      // Mask rules also keep volatile pointers out of drift (issue 16).
      engine.store.learning.configure({ maskRules: saved.maskRules, usePresets: saved.usePresets });
      return saved;
    },
  };
}
