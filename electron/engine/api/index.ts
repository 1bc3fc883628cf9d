// The engine's side of the contract, shared by every shell (Electron IPC, WebSocket bridge).
export { ApiError, toResultError } from './api-error';
export { dispatchCall } from './dispatch-call';
export { createEventBatcher, type EventBatcher, type EventBatcherOptions } from './event-batcher';
export { createApiHandlers, type AppContext, type Handlers } from './handlers';
