// Suggestions for the event field (the engine checks the value and explains a wrong one).
// Preservica trigger wire values (protocols.md) and Keyclic's WebhookData event enum.
export const PRESERVICA_TRIGGER_SUGGESTIONS = [
  'MOVED',
  'FULL_TEXT_INDEXED',
  'CHANGED_SECURITY_DESCRIPTOR',
  'INGEST_FAILED',
  'CHANGE_ASSET_VISIBILITY',
] as const;

export const KEYCLIC_EVENT_SUGGESTIONS = [
  'operationCreated',
  'operationStateChanged',
  'reportCreated',
  'reportStateChanged',
] as const;
