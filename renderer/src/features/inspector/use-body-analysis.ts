// Body analysis for the views: small bodies right away, large ones in a Web Worker so a 10 MiB
// body never freezes the window (the view says "Formatting…" meanwhile).
import { useEffect, useMemo, useState } from 'react';
import { analyzeBody, type BodyAnalysis } from '../../lib/body-analysis';
import type { BodyAnalysisRequest } from '../../workers/body-analysis.worker';

/** Above this size the analysis runs off the UI thread. */
export const WORKER_THRESHOLD_BYTES = 256 * 1024;

type Reply = { id: number; analysis: BodyAnalysis } | { id: number; error: string };

interface Pending {
  request: BodyAnalysisRequest;
  resolve: (reply: Reply) => void;
}

let worker: Worker | null = null;
let nextId = 0;
/** In the order posted: the worker answers them one at a time, the oldest first. */
const pending = new Map<number, Pending>();

function analysisWorker(): Worker | null {
  // jsdom (component tests) and very old shells have no module workers: analyse in the page.
  if (typeof Worker === 'undefined') return null;
  if (!worker) {
    worker = new Worker(new URL('../../workers/body-analysis.worker.ts', import.meta.url), {
      type: 'module',
    });
    worker.onmessage = (event: MessageEvent<Reply>) => {
      pending.get(event.data.id)?.resolve(event.data);
      pending.delete(event.data.id);
    };
  }
  return worker;
}

/**
 * The user moved on: forget the request. If the worker is busy with it (it is the oldest), the
 * worker is stopped and a fresh one takes the requests still waiting, so one hostile body never
 * holds up the next ("Formatting…" forever).
 */
function cancelAnalysis(id: number): void {
  const busyWith = pending.keys().next().value;
  if (!pending.delete(id) || id !== busyWith || !worker) return;
  worker.terminate();
  worker = null;
  const next = analysisWorker();
  for (const { request } of pending.values()) next?.postMessage(request);
}

function analyzeInWorker(
  bytes: Uint8Array,
  contentType: string | null,
): { analysis: Promise<BodyAnalysis>; cancel: () => void } | null {
  const target = analysisWorker();
  if (!target) return null;
  const id = ++nextId;
  const request = { id, bytes, contentType } satisfies BodyAnalysisRequest;
  const analysis = new Promise<BodyAnalysis>((resolve) => {
    pending.set(id, {
      request,
      resolve: (reply) =>
        // A worker failure still shows the body: the page analyses it (slowly) rather than showing nothing.
        resolve('analysis' in reply ? reply.analysis : analyzeBody(bytes, contentType)),
    });
    // A copy goes to the worker: the detail cache keeps the original bytes.
    target.postMessage(request);
  });
  return { analysis, cancel: () => cancelAnalysis(id) };
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
    const job = analyzeInWorker(bytes, contentType);
    void job?.analysis.then((analysis) => {
      if (!cancelled) setDone({ bytes, contentType, analysis });
    });
    return () => {
      cancelled = true;
      job?.cancel();
    };
  }, [large, bytes, contentType]);
  if (immediate) return immediate;
  return done && done.bytes === bytes && done.contentType === contentType ? done.analysis : null;
}
