export { openDeliveryStore } from './delivery-store';
export type { OpenDeliveryStoreOptions, SqliteDeliveryStore } from './delivery-store';
export { DEFAULT_JOURNAL_WRITES } from './journal-writer';
export type { Durability } from './journal-writer';
export { MIGRATIONS, SCHEMA_VERSION } from './migrations';
export { ftsMatchExpression } from './search-query';
export { MAX_INDEXED_BODY_BYTES } from './fts-text';
export { DEFAULT_RETENTION } from './types';
export type { DeliveryStore, DerivedFacts, RetentionLimits, StoreChange } from './types';
