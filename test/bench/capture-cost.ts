// CPU cost per delivery of deciding and judging it, in µs of CPU (process.cpuUsage), independent
// of load on the machine: the responder chain the engine wires into the receiver (handshakes, on
// the receiver's thread) and deriving provider, event and verdict (on the store's thread).
// Usage: tsx test/bench/capture-cost.ts [calls] [case name filter]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawHeaders } from '../../electron/contract/delivery';
import { createCaptureResponder } from '../../electron/engine/capture-rules/capture-responder';
import { composeResponders } from '../../electron/engine/capture-rules/compose-responders';
import { deriveFromSnapshot } from '../../electron/engine/capture-rules/derive-snapshot';
import type { NewDelivery } from '../../electron/engine/delivery';
import { findProvider } from '../../electron/engine/providers/registry';
import type { OutgoingRequest } from '../../electron/engine/providers/types';
import type { EndpointConfig, IncomingCapture } from '../../electron/engine/receiver/types';
import { reportChallenges } from '../../electron/engine/subscription-service/challenge-reporting-responder';
import { createChallengeWatch } from '../../electron/engine/subscriptions/challenge-watch';

const CALLS = Number(process.argv[2] ?? 20_000);
const ONLY = process.argv[3] ?? '';
const WARMUP = 5_000;
/** The machine is shared: the least CPU of a few rounds is the least disturbed measurement. */
const ROUNDS = 3;
const encoder = new TextEncoder();

interface Case {
  name: string;
  endpoint: EndpointConfig | null;
  method: string;
  target: string;
  rawHeaders: RawHeaders;
  body: Uint8Array;
}

/** The headers autocannon sends with `-H content-type=application/json -b <body>`. */
function postHeaders(body: Uint8Array, extra: RawHeaders = []): RawHeaders {
  return [
    ['host', '127.0.0.1:4000'],
    ['content-type', 'application/json'],
    ['content-length', String(body.length)],
    ...extra,
  ];
}

function templateBody(providerId: string): Uint8Array {
  const template = findProvider(providerId)?.events[0]?.template;
  return encoder.encode(JSON.stringify(template));
}

/** A delivery as the seed system sends it, signed by the provider's own sign() when it has one. */
function seedCase(
  providerId: string,
  endpoint: EndpointConfig,
  extra: RawHeaders,
  secret?: string,
): Case {
  const body = templateBody(providerId);
  const request: OutgoingRequest = {
    method: 'POST',
    url: `http://127.0.0.1:4000${endpoint.path}`,
    rawHeaders: postHeaders(body, extra),
    body,
  };
  const provider = findProvider(providerId);
  const signed = secret !== undefined && provider?.sign ? provider.sign(request, secret) : request;
  const url = new URL(signed.url);
  return {
    name: `${providerId} on ${endpoint.path}`,
    endpoint,
    method: 'POST',
    target: url.pathname + url.search,
    rawHeaders: signed.rawHeaders,
    body: signed.body,
  };
}

const kanboardToken = 'a1'.repeat(30);
const endpoints = {
  phraseanet: { path: '/phraseanet', provider: 'phraseanet' },
  keyclic: { path: '/keyclic', provider: 'keyclic' },
  kanboard: { path: '/kanboard', provider: 'kanboard', secrets: [kanboardToken] },
  preservica: {
    path: '/preservica',
    provider: 'preservica',
    secrets: ['preservica-shared-secret'],
    handshake: true,
  },
} satisfies Record<string, EndpointConfig>;

const benchBody = encoder.encode(
  JSON.stringify({ event: 'task.create', data: { id: 1, title: 'x'.repeat(960) } }).slice(0, 1024),
);
const cases: Case[] = [
  {
    name: '1 KiB JSON POST /bench, no endpoint',
    endpoint: null,
    method: 'POST',
    target: '/bench',
    rawHeaders: postHeaders(benchBody),
    body: benchBody,
  },
  seedCase('phraseanet', endpoints.phraseanet, [['user-agent', 'Phraseanet/4.1.22 (Buxus)']]),
  seedCase('keyclic', endpoints.keyclic, []),
  seedCase('kanboard', endpoints.kanboard, [['user-agent', 'Kanboard Webhook']], kanboardToken),
  seedCase('preservica', endpoints.preservica, [], 'preservica-shared-secret'),
  {
    name: 'preservica challenge on /preservica',
    endpoint: endpoints.preservica,
    method: 'POST',
    target: '/preservica?challengeCode=4f1c2a9e-7d1b-4b8e-9a53-1c2d3e4f5a6b',
    rawHeaders: postHeaders(new Uint8Array(0)),
    body: new Uint8Array(0),
  },
];

const dataDir = mkdtempSync(join(tmpdir(), 'hookscope-capture-cost-'));
const responder = reportChallenges(
  composeResponders(undefined, createCaptureResponder({})),
  createChallengeWatch(),
);
const snapshot = {
  endpoints: cases.flatMap((item) => (item.endpoint ? [item.endpoint] : [])),
  schemas: [],
};

/** The stored form the store's thread derives from (facts still empty). */
function stored(item: Case, handshake: boolean): NewDelivery {
  const input = capture(item);
  return {
    ...input,
    id: 'x',
    endpoint: item.endpoint?.path ?? null,
    httpVersion: input.httpVersion,
    body: new Uint8Array(input.body),
    response: null,
    provider: null,
    event: null,
    handshake,
    verdict: null,
  };
}

/** A fresh body Buffer per call, as the receiver hands over: parse caches are keyed on it. */
function capture(item: Case): IncomingCapture {
  return {
    receivedAt: Date.now(),
    remoteAddress: '127.0.0.1',
    method: item.method,
    target: item.target,
    httpVersion: 'HTTP/1.1',
    rawHeaders: item.rawHeaders,
    body: Buffer.from(item.body),
    size: item.body.length,
    truncated: false,
    via: 'local',
  };
}

function cpuMicros(calls: number, run: () => void): number {
  const start = process.cpuUsage();
  for (let index = 0; index < calls; index += 1) run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / calls;
}

console.log(
  `CPU per delivery, ${CALLS} calls per case, best of ${ROUNDS} rounds (building the input subtracted)`,
);
function best(build: () => unknown, run: () => void): number {
  for (let index = 0; index < WARMUP; index += 1) run();
  let least = Infinity;
  for (let round = 0; round < ROUNDS; round += 1) {
    const overhead = cpuMicros(CALLS, build);
    least = Math.min(least, cpuMicros(CALLS, run) - overhead);
  }
  return least;
}
for (const item of cases.filter((candidate) => candidate.name.includes(ONLY))) {
  const decided = responder(capture(item), item.endpoint);
  const handshake = decided?.facts?.handshake === true;
  const facts = deriveFromSnapshot(snapshot, stored(item, handshake), 'http://127.0.0.1:4000');
  const summary = `provider=${facts.provider} event=${facts.event} signature=${facts.verdict?.signature.status} schema=${facts.verdict?.schema.status} health=${facts.verdict?.health.map((f) => f.code).join(',') || '-'}${decided?.answer ? ` answer=${decided.answer.status}` : ''}`;
  const answering = best(
    () => capture(item),
    () => responder(capture(item), item.endpoint),
  );
  const deriving = best(
    () => stored(item, handshake),
    () => deriveFromSnapshot(snapshot, stored(item, handshake), 'http://127.0.0.1:4000'),
  );
  console.log(
    `${item.name.padEnd(40)} receiver ${answering.toFixed(2).padStart(6)} us   store thread ${deriving.toFixed(2).padStart(6)} us`,
  );
  console.log(`  ${summary}`);
}
rmSync(dataDir, { recursive: true, force: true });
