import type { Engine } from '../engine-types';
import { createSuite, parseSuite, runSuite, SuiteFileError, SuiteRunError } from '../suites';
import { serializeSuite } from '../suites/suite-file';
import { ApiError } from './api-error';
import type { Handlers } from './handlers';

type SuiteCalls =
  | 'suites:create'
  | 'suites:list'
  | 'suites:get'
  | 'suites:save'
  | 'suites:delete'
  | 'suites:import'
  | 'suites:run';

const fileNameOf = (name: string) =>
  `${
    name
      .replace(/[^a-zA-Z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'suite'
  }.suite.json`;

async function guarded<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SuiteFileError || error instanceof SuiteRunError)
      throw new ApiError('invalid-input', error.message);
    throw error;
  }
}

/** Replay suites (issue 16): saved in the workspace, run against any URL. */
export function createSuiteHandlers(engine: Engine): Pick<Handlers, SuiteCalls> {
  const { store } = engine;
  const requireSuite = (id: string) => {
    const suite = store.suites.get(id);
    if (!suite) throw new ApiError('not-found', `no saved suite with id "${id}"`);
    return suite;
  };
  return {
    'suites:create': async ({ ids, name, resign, expect }) => {
      await store.whenReadable();
      const deliveries = ids.map((id) => {
        const delivery = store.get(id);
        if (!delivery) throw new ApiError('not-found', `no delivery with id "${id}"`);
        return delivery;
      });
      const suite = createSuite(deliveries, {
        name,
        ...(resign !== undefined ? { resign } : {}),
        ...(expect ? { expect } : {}),
      });
      return { suite, fileName: fileNameOf(name), text: serializeSuite(suite) };
    },
    'suites:list': async () => store.suites.list(),
    'suites:get': async ({ id }) => ({ id, suite: requireSuite(id) }),
    'suites:save': async ({ id, suite }) => ({ id: store.suites.save(suite, id) }),
    'suites:delete': async ({ id }) => {
      if (!store.suites.remove(id))
        throw new ApiError('not-found', `no saved suite with id "${id}"`);
      return null;
    },
    'suites:import': async ({ text }) =>
      guarded(() => ({ id: store.suites.save(parseSuite(text, 'the suite file')) })),
    'suites:run': async (input) => {
      const suite = requireSuite(input.id);
      return guarded(async () => {
        let runId = '';
        const report = await runSuite(suite, {
          to: input.to,
          ...(input.resign !== undefined ? { resign: input.resign } : {}),
          ...(input.concurrency !== undefined ? { concurrency: input.concurrency } : {}),
          ...(input.asProvider !== undefined ? { asProvider: input.asProvider } : {}),
          ...(input.retries !== undefined ? { retries: input.retries } : {}),
          ...(input.cases ? { only: input.cases } : {}),
          // The endpoint's own secret re-signs; it never leaves the engine.
          secretFor: (path) =>
            engine.endpoints().find((endpoint) => endpoint.path === path)?.secrets?.[0] ?? null,
          onStart: (id) => (runId = id),
          onCase: (index, total, result) =>
            engine.events.emit('suites:case-finished', { runId, index, total, result }),
        });
        return report;
      });
    },
  };
}
