import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { sign as octokitSign } from '@octokit/webhooks-methods';
import { describe, expect, it } from 'vitest';
import type { RawHeaders } from '../../../electron/contract/delivery';
import { deriveFacts } from '../../../electron/engine/capture-rules/derive-facts';
import { MAX_DECODED_BYTES } from '../../../electron/engine/inspect/content-encoding';
import type { EndpointConfig } from '../../../electron/engine/receiver/types';
import { delivery } from '../providers/delivery';

// A Kanboard delivery as Kanboard's own builders shape it (see docs/providers/kanboard.md).
const kanboardBody = JSON.stringify({
  event_name: 'task.move.column',
  event_data: { task_id: 7, project_id: 2, position: 1, column_id: 3, swimlane_id: 1 },
});
const noSchemas = { userSchemas: { find: () => null } };

function derive(headers: RawHeaders, body: Uint8Array, endpoint: EndpointConfig | null = null) {
  const facts = deriveFacts(
    {
      input: delivery({ headers, body }),
      endpoint,
      truncated: false,
      handshake: false,
      via: 'local',
    },
    noSchemas,
  );
  if (!facts.verdict) throw new Error('deriveFacts gave no verdict');
  return { ...facts, verdict: facts.verdict };
}

describe('bodies sent with a Content-Encoding are judged on their decoded bytes', () => {
  const compressors = {
    gzip: (bytes: Uint8Array) => gzipSync(bytes),
    deflate: (bytes: Uint8Array) => deflateSync(bytes),
    br: (bytes: Uint8Array) => brotliCompressSync(bytes),
  };

  for (const [coding, compress] of Object.entries(compressors)) {
    it(`${coding}: detected, valid JSON, with a "decoded N → M bytes" note`, () => {
      const plain = Buffer.from(kanboardBody);
      const sent = compress(plain);
      const facts = derive(
        [
          ['Content-Type', 'application/json'],
          ['Content-Encoding', coding],
        ],
        sent,
      );
      expect(facts.provider).toBe('kanboard');
      expect(facts.event).toBe('task.move.column');
      const codes = facts.verdict.health.map((finding) => finding.code);
      expect(codes).toEqual(['content-encoding']);
      expect(facts.verdict.health[0]?.message).toContain(
        `decoded ${sent.length} → ${plain.length} bytes`,
      );
    });
  }

  it('the same compressed body without its Content-Encoding header is invalid JSON', () => {
    const facts = derive([['Content-Type', 'application/json']], gzipSync(kanboardBody));
    expect(facts.provider).toBeNull();
    expect(facts.verdict.health.map((finding) => finding.code)).toContain('invalid-utf8');
  });

  it('a signature over the decoded bytes (signed by @octokit/webhooks-methods) is valid and says so', async () => {
    const secret = 'It’s a Secret to Everybody';
    const payload = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 });
    const signature = await octokitSign(secret, payload);
    const endpoint: EndpointConfig = { path: '/github', provider: 'github', secrets: [secret] };
    const facts = derive(
      [
        ['Content-Type', 'application/json'],
        ['Content-Encoding', 'gzip'],
        ['X-GitHub-Event', 'ping'],
        ['X-Hub-Signature-256', signature],
      ],
      gzipSync(payload),
      endpoint,
    );
    expect(facts.verdict.signature.status).toBe('valid');
    expect(facts.verdict.signature.reason).toContain('after undoing Content-Encoding gzip');
  });

  it('a wrong signature stays invalid on both the sent and the decoded bytes', async () => {
    const endpoint: EndpointConfig = { path: '/github', provider: 'github', secrets: ['right'] };
    const payload = '{"zen":"x"}';
    const facts = derive(
      [
        ['Content-Type', 'application/json'],
        ['Content-Encoding', 'gzip'],
        ['X-GitHub-Event', 'ping'],
        ['X-Hub-Signature-256', await octokitSign('wrong', payload)],
      ],
      gzipSync(payload),
      endpoint,
    );
    expect(facts.verdict.signature.status).toBe('invalid');
  });

  it('a body that decodes past the limit is not decoded: an error finding, judged as sent', () => {
    // 1 byte over the limit, of zeros: compresses to about 25 KB.
    const bomb = gzipSync(Buffer.alloc(MAX_DECODED_BYTES + 1));
    const facts = derive(
      [
        ['Content-Type', 'application/json'],
        ['Content-Encoding', 'gzip'],
      ],
      bomb,
    );
    const [first] = facts.verdict.health;
    expect(first?.code).toBe('content-encoding-error');
    expect(first?.message).toContain(`more than ${MAX_DECODED_BYTES} bytes`);
  });

  it('a damaged gzip body is reported, not thrown', () => {
    const damaged = gzipSync(kanboardBody).subarray(0, 12);
    const facts = derive([['Content-Encoding', 'gzip']], damaged);
    expect(facts.verdict.health[0]).toMatchObject({
      code: 'content-encoding-error',
      severity: 'error',
    });
  });
});
