export { openDeliveryStore } from './delivery-store';
export type { OpenDeliveryStoreOptions, SqliteDeliveryStore } from './delivery-store';
export { createGroupCommitter, DEFAULT_GROUP_COMMIT } from './group-commit';
export type { Durability, GroupCommitOptions } from './group-commit';
export { MIGRATIONS, SCHEMA_VERSION } from './migrations';
export { ftsMatchExpression } from './search-query';
export { MAX_INDEXED_BODY_BYTES } from './fts-text';
export { DEFAULT_RETENTION } from './types';
export type {
  DeliveryStore,
  DerivedFacts,
  GroupCommitter,
  RetentionLimits,
  StoreChange,
} from './types';
