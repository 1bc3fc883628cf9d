export * from './result';
export * from './accounts';
export * from './capabilities';
export { normalizeServerUrl } from './http-call';
export * from './challenge-watch';
export * from './manual-setup';
export * from './registry';
export * from './repoint';
export type {
  AccountField,
  AccountSettings,
  ApiSubscription,
  ManualSubscription,
  RemoteSubscription,
  SubscribeProgress,
  SubscribeRequest,
  SubscribeStep,
  SubscribeStepName,
  SubscriptionCapability,
  SubscriptionConnection,
} from '../providers/types';
