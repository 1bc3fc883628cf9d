// HAR import truth (issue 13 item 6): an entry whose declared body size and body disagree is
// imported truncated, with a health note naming the mismatch; agreeing entries are unchanged.
import { describe, expect, it } from 'vitest';
import { badgeOf } from '../../../electron/contract/verdict-badge';
import { fromHarEntry, HarDocumentSchema } from '../../../electron/engine/export';
import { HAR_BODY_MISMATCH } from '../../../electron/engine/export/har-import';

function entry(request: Record<string, unknown>) {
  const document = HarDocumentSchema.parse({
    log: {
      entries: [
        {
          startedDateTime: '2026-01-02T03:04:05.000Z',
          time: 3,
          request: {
            method: 'POST',
            url: 'https://example.com/hook',
            httpVersion: 'HTTP/1.1',
            headers: [],
            ...request,
          },
          response: { status: 200, headers: [], content: { size: 0 } },
        },
      ],
    },
  });
  return fromHarEntry(document.log.entries[0]!);
}

describe('HAR import: declared size against the body present', () => {
  it.each([
    [
      'bodySize 300, empty postData.text',
      { bodySize: 300, postData: { text: '' } },
      'request.bodySize says 300 bytes',
    ],
    ['bodySize 300, no postData at all', { bodySize: 300 }, 'request.bodySize says 300 bytes'],
    [
      'Content-Length 300, 5-byte body',
      { headers: [{ name: 'Content-Length', value: '300' }], postData: { text: 'hello' } },
      'Content-Length says 300 bytes',
    ],
    [
      'a body longer than declared',
      { bodySize: 2, postData: { text: 'hello' } },
      'request.bodySize says 2 bytes',
    ],
  ])('%s: truncated, with a note naming the mismatch', (_name, request, named) => {
    const delivery = entry(request);
    expect(delivery.truncated).toBe(true);
    const note = delivery.verdict?.health[0];
    expect(note?.code).toBe(HAR_BODY_MISMATCH);
    expect(note?.severity).toBe('error');
    expect(note?.message).toContain(named);
    expect(note?.message).toContain(`has ${delivery.body.length} bytes`);
    // The inbox badge shows it as a failure, not as a clean delivery.
    expect(badgeOf(delivery.verdict)).toBe('fail');
    // Raw facts stay as the HAR has them: the header still says what it said.
    expect(delivery.body.length).toBeLessThan(300 + 1);
  });

  it.each([
    [
      'matching bodySize and Content-Length',
      {
        bodySize: 5,
        headers: [{ name: 'Content-Length', value: '5' }],
        postData: { text: 'hello' },
      },
    ],
    ['unknown bodySize (-1)', { bodySize: -1, postData: { text: 'hello' } }],
    ['no declared size', { postData: { text: 'hello' } }],
    ['a GET with bodySize 0', { method: 'GET', bodySize: 0 }],
  ])('%s: imported complete, no verdict invented', (_name, request) => {
    const delivery = entry(request);
    expect(delivery.truncated).toBe(false);
    expect(delivery.verdict).toBeNull();
  });

  it('keeps a Hookscope-marked truncated delivery as it was exported', () => {
    const delivery = entry({
      bodySize: 300,
      postData: { text: 'hel' },
      headers: [{ name: 'Content-Length', value: '300' }],
    });
    expect(delivery.truncated).toBe(true);
    const own = HarDocumentSchema.parse({
      log: {
        entries: [
          {
            startedDateTime: '2026-01-02T03:04:05.000Z',
            time: 1,
            request: {
              method: 'POST',
              url: 'http://h/a',
              httpVersion: 'HTTP/1.1',
              headers: [],
              bodySize: 300,
              postData: { text: 'hel' },
            },
            response: { status: 0, headers: [], content: {} },
            _hookscope: {
              id: '01JOWN0000000000000000000A',
              endpoint: null,
              target: '/a',
              httpVersion: '1.1',
              remoteAddress: '',
              via: 'local',
              size: 300,
              truncated: true,
            },
          },
        ],
      },
    });
    const imported = fromHarEntry(own.log.entries[0]!);
    expect(imported.truncated).toBe(true);
    expect(imported.verdict).toBeNull();
  });
});
