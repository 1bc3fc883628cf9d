// Body analysis for the views: small bodies right away, large ones in a Web Worker so a 10 MiB
// body never freezes the window (the view says "Formatting…" meanwhile).
import { useEffect, useMemo, useState } from 'react';
import { analyzeBody, type BodyAnalysis } from '../../lib/body-analysis';
import type { BodyAnalysisRequest } from '../../workers/body-analysis.worker';

/** Above this size the analysis runs off the UI thread. */
export const WORKER_THRESHOLD_BYTES = 256 * 1024;

type Reply = { id: number; analysis: BodyAnalysis } | { id: number; error: string };

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, (reply: Reply) => void>();

function analysisWorker(): Worker | null {
  // jsdom (component tests) and very old shells have no module workers: analyse in the page.
  if (typeof Worker === 'undefined') return null;
  if (!worker) {
    worker = new Worker(new URL('../../workers/body-analysis.worker.ts', import.meta.url), {
      type: 'module',
    });
    worker.onmessage = (event: MessageEvent<Reply>) => {
      pending.get(event.data.id)?.(event.data);
      pending.delete(event.data.id);
    };
  }
  return worker;
}

function analyzeInWorker(
  bytes: Uint8Array,
  contentType: string | null,
): Promise<BodyAnalysis> | null {
  const target = analysisWorker();
  if (!target) return null;
  const id = ++nextId;
  return new Promise((resolve) => {
    pending.set(id, (reply) =>
      // A worker failure still shows the body: the page analyses it (slowly) rather than showing nothing.
      resolve('analysis' in reply ? reply.analysis : analyzeBody(bytes, contentType)),
    );
    // A copy goes to the worker: the detail cache keeps the original bytes.
    target.postMessage({ id, bytes, contentType } satisfies BodyAnalysisRequest);
  });
}

/** The analysis, or null while a worker is still formatting a large body. */
export function useBodyAnalysis(
  bytes: Uint8Array,
  contentType: string | null,
): BodyAnalysis | null {
  const large = bytes.length > WORKER_THRESHOLD_BYTES && typeof Worker !== 'undefined';
  const immediate = useMemo(
    () => (large ? null : analyzeBody(bytes, contentType)),
    [large, bytes, contentType],
  );
  const [done, setDone] = useState<{
    bytes: Uint8Array;
    contentType: string | null;
    analysis: BodyAnalysis;
  } | null>(null);
  useEffect(() => {
    if (!large) return;
    let cancelled = false;
    void analyzeInWorker(bytes, contentType)?.then((analysis) => {
      if (!cancelled) setDone({ bytes, contentType, analysis });
    });
    return () => {
      cancelled = true;
    };
  }, [large, bytes, contentType]);
  if (immediate) return immediate;
  return done && done.bytes === bytes && done.contentType === contentType ? done.analysis : null;
}
