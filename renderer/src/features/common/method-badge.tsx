const KNOWN_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** The method, colored by kind; unusual methods (hostile senders invent them) get a neutral color. */
export function MethodBadge({ method }: { method: string }) {
  const upper = method.toUpperCase();
  const kind = KNOWN_METHODS.has(upper) ? upper.toLowerCase() : 'other';
  return <span className={`method-badge method-${kind}`}>{method}</span>;
}
