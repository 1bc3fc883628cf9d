export { startReceiver } from './start-receiver';
export { decodeBody, MAX_DECODED_BYTES, type DecodedBody } from './content-encoding';
export { matchEndpoint, requestPath } from './endpoint-match';
export { ReceiverError } from './errors';
export { OVERFLOW_DRAIN_BYTES } from './body-collector';
export * from './types';
