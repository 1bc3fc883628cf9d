export { startReceiver } from './start-receiver';
export { matchEndpoint, requestPath } from './endpoint-match';
export { ReceiverError } from './errors';
export { OVERFLOW_DRAIN_BYTES } from './body-collector';
export * from './types';
