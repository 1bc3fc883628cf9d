import { kanboard } from './kanboard';
import { keyclic } from './keyclic';
import { phraseanet } from './phraseanet';
import { preservica } from './preservica';
import type { Provider } from './types';

/** The four systems Hookscope was designed around. */
export const seedProviders: readonly Provider[] = [preservica, kanboard, phraseanet, keyclic];
