// Keyclic's server is not public: this corpus covers what its documentation (seed: Keyclic/Docs
// integration page) and its SDK's swagger.json (Keyclic/keyclic-sdk@836e5b9b, `Report` and
// `Operation`) allow, in both event spellings (docs/providers/keyclic.md).
import type { CorpusItem } from './judge';

export const SPELLINGS = ['snake', 'camel'] as const;
export type Spelling = (typeof SPELLINGS)[number];

/**
 * - `full`: every documented member, `_links` as API `{href}` objects.
 * - `minimal`: only `type` and `id` (the swagger requires nothing).
 * - `nulls`: optional members null, `_links` / `_embedded` / `tags` empty.
 * - `unicode`: French and non-Latin text, emoji.
 * - `seed`: the documentation's partial example style (placeholder strings in `_links`).
 */
export const SHAPES = ['full', 'minimal', 'nulls', 'unicode', 'seed'] as const;
export type Shape = (typeof SHAPES)[number];

const EVENTS: ReadonlyArray<[string, 'Report' | 'Operation']> = [
  ['report_created', 'Report'],
  ['report_state_changed', 'Report'],
  ['operation_created', 'Operation'],
  ['operation_state_changed', 'Operation'],
  ['operation_removed', 'Operation'],
];

export const KEYCLIC_CORPUS_EVENTS: readonly string[] = EVENTS.map(([name]) => name);

export function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

const API = 'https://api.keyclic.com';
const REPORT_ID = 'b0e7e28f-5b91-4c73-875e-8f34aa03553a';
const OPERATION_ID = '4f2a9c1e-8d7b-4a63-b5e0-3c1d2e4f5a6b';

function report(shape: Shape): Record<string, unknown> {
  const base = { type: 'Report', id: REPORT_ID };
  switch (shape) {
    case 'minimal':
      return base;
    case 'nulls':
      return {
        ...base,
        state: 'NEW',
        description: null,
        dueAt: null,
        identificationNumber: null,
        reference: null,
        tags: [],
        phase: null,
        priority: null,
        createdAt: '2026-02-27T08:00:00Z',
        updatedAt: '2026-02-27T08:00:00.123Z',
        _links: {},
        _embedded: {},
      };
    case 'seed':
      return {
        ...base,
        state: 'NEW',
        createdAt: '2018-02-27T10:00:00+02:00',
        updatedAt: '2018-02-27T10:00:00+02:00',
        _links: { feedback: '...', operations: '...', organization: '...', tracking: '...' },
        _embedded: { stateTransitions: '...', tracking: '..' },
      };
    case 'full':
    case 'unicode': {
      const unicode = shape === 'unicode';
      return {
        ...base,
        state: 'ACCEPTED',
        description: unicode
          ? 'Fuite d’eau sous l’évier — 2ᵉ étage 💧 水漏れ'
          : 'Water leak under the sink',
        dueAt: '2026-03-01T18:00:00+01:00',
        identificationNumber: unicode ? 'RAP-№42' : 'RPT-42',
        reference: 'RPT-2026-0042',
        tags: unicode ? ['plomberie', 'urgent ⚠'] : ['plumbing'],
        phase: {
          id: '0e5f1d2c-3b4a-4c5d-8e6f-7a8b9c0d1e2f',
          name: unicode ? 'Acceptée' : 'Accepted',
          end: false,
        },
        priority: { id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', name: 'High', position: 1 },
        createdAt: '2026-02-27T10:00:00+02:00',
        updatedAt: '2026-02-27T10:05:00+02:00',
        _links: {
          self: { href: `${API}/reports/${REPORT_ID}` },
          feedback: {
            href: `${API}/feedback/7d5e1f3a-2c4b-4e6d-9f8a-1b2c3d4e5f60`,
            iriTemplate: { mapping: {} },
          },
          operations: { href: `${API}/reports/${REPORT_ID}/operations` },
        },
        _embedded: {
          stateTransitions: ['resolve'],
          tracking: { state: 'ACCEPTED', progression: 50 },
        },
      };
    }
  }
}

function operation(shape: Shape): Record<string, unknown> {
  const base = { type: 'Operation', id: OPERATION_ID };
  switch (shape) {
    case 'minimal':
      return base;
    case 'nulls':
      return {
        ...base,
        name: null,
        description: null,
        scheduledAt: null,
        identificationNumber: null,
        signature: null,
        createdAt: '2026-02-27T09:00:00Z',
        updatedAt: '2026-02-27T09:00:00Z',
        _links: {},
        _embedded: {},
      };
    case 'seed':
      return {
        ...base,
        state: 'NEW',
        createdAt: '2018-02-27T10:00:00+02:00',
        updatedAt: '2018-02-27T10:00:00+02:00',
        _links: { report: '...', operator: '...' },
        _embedded: { stateTransitions: '...' },
      };
    case 'full':
    case 'unicode': {
      const unicode = shape === 'unicode';
      return {
        ...base,
        state: 'RESOLVED',
        name: unicode ? 'Remplacer le siphon — évier 🔧' : 'Replace the sink trap',
        description: unicode ? 'Intervention planifiée : 配管交換' : 'Planned intervention',
        scheduledAt: '2026-02-28T08:30:00+01:00',
        identificationNumber: 'OP-7',
        signature: {
          signedAt: '2026-02-28T09:45:00+01:00',
          signer: { name: unicode ? 'Zoë Ñúñez' : 'Jane Doe' },
        },
        createdAt: '2026-02-27T11:00:00+02:00',
        updatedAt: '2026-02-27T15:30:00+02:00',
        _links: {
          self: { href: `${API}/operations/${OPERATION_ID}` },
          report: { href: `${API}/reports/${REPORT_ID}` },
          images: [{ href: `${API}/images/1` }],
        },
        _embedded: { stateTransitions: [], operator: { givenName: unicode ? 'Zoë' : 'Jane' } },
      };
    }
  }
}

/** `{"event": ..., "payload": ...}`, event spelled as the docs (snake) or the API (camel) spell it. */
export function keyclicBody(event: string, shape: Shape, spelling: Spelling): string {
  const resource = EVENTS.find(([name]) => name === event)?.[1];
  if (!resource) throw new Error(`no Keyclic event ${event}`);
  const payload = resource === 'Report' ? report(shape) : operation(shape);
  return JSON.stringify({ event: spelling === 'snake' ? event : camel(event), payload });
}

export function keyclicCorpus(): CorpusItem[] {
  const items: CorpusItem[] = [];
  for (const [event] of EVENTS) {
    for (const spelling of SPELLINGS) {
      for (const shape of SHAPES) {
        items.push({
          label: `${event} ${spelling} ${shape}`,
          event,
          body: keyclicBody(event, shape, spelling),
        });
      }
    }
  }
  // A removed operation may carry nothing but its id.
  items.push({
    label: 'operation_removed id only',
    event: 'operation_removed',
    body: JSON.stringify({ event: 'operation_removed', payload: { id: OPERATION_ID } }),
  });
  return items;
}
