// Bodies (issue 17, item 10): Download for every body and multipart part under the right name,
// image preview for multipart image parts, and binary copied as hex / base64 instead of as text.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeDelivery } from './support/make-delivery';
import { renderApp, stubInboxViewport } from './support/render-app';
import type { DeliveryDetail } from '../../electron/contract/delivery';

const encoder = new TextEncoder();
/** A real 1×1 PNG (signature, IHDR, IDAT, IEND). */
const PNG = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  ),
  (c) => c.charCodeAt(0),
);

function multipartBody(boundary: string): Uint8Array<ArrayBuffer> {
  const head = (headers: string) => encoder.encode(`--${boundary}\r\n${headers}\r\n\r\n`);
  const chunks = [
    head('Content-Disposition: form-data; name="payload"\r\nContent-Type: application/json'),
    encoder.encode('{"a":1}\r\n'),
    head(
      'Content-Disposition: form-data; name="screenshot"; filename="../../etc/shot.png"\r\nContent-Type: image/png',
    ),
    PNG,
    encoder.encode(`\r\n--${boundary}--\r\n`),
  ];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

const saved: { name: string; blob: Blob }[] = [];
let restoreViewport: () => void;
beforeEach(() => {
  restoreViewport = stubInboxViewport(600);
  saved.length = 0;
  const blobs = new Map<string, Blob>();
  let next = 0;
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        const url = `blob:test/${next++}`;
        blobs.set(url, blob);
        return url;
      },
      revokeObjectURL: (url: string) => void blobs.delete(url),
    }),
  );
  // jsdom cannot download: record what the link would save instead.
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    const blob = blobs.get(this.href);
    if (blob) saved.push({ name: this.download, blob });
  });
});
afterEach(() => {
  cleanup();
  restoreViewport();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

async function open(delivery: DeliveryDetail) {
  await renderApp([delivery]);
  fireEvent.mouseDown(screen.getAllByTestId('delivery-row')[0]!);
  await screen.findByTestId('detail-request-line');
  // The body analysis runs off the UI thread (or a microtask in tests): wait for the tabs.
  await screen.findByTestId('detail-download');
}

/** jsdom's Blob has no arrayBuffer(); its FileReader reads the same bytes. */
const bytesOf = (blob: Blob) =>
  new Promise<Uint8Array>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsArrayBuffer(blob);
  });

describe('body downloads', () => {
  it('downloads a JSON body byte for byte as <id>-request.json', async () => {
    const text = '{"b": 2,  "a":1}';
    await open(makeDelivery(7, { text }));
    fireEvent.click(screen.getByTestId('detail-download'));
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toBe('hookscope-d000007-request.json');
    expect(new TextDecoder().decode(await bytesOf(saved[0]!.blob))).toBe(text);
  });

  it('downloads each multipart part under a safe name, and previews the image part', async () => {
    const boundary = 'XyZ123';
    const body = multipartBody(boundary);
    await open(
      makeDelivery(3, {
        body,
        contentType: `multipart/form-data; boundary=${boundary}`,
      }),
    );
    fireEvent.click(screen.getByTestId('detail-tab-multipart'));
    const parts = screen.getAllByTestId('multipart-part');
    expect(parts).toHaveLength(2);
    // The image part shows as an image (sniffed from its bytes), the JSON part as text.
    expect(within(parts[1]!).getByTestId('multipart-part-image')).toBeTruthy();
    expect(within(parts[0]!).queryByTestId('multipart-part-image')).toBeNull();

    fireEvent.click(within(parts[0]!).getByTestId('multipart-part-download'));
    fireEvent.click(within(parts[1]!).getByTestId('multipart-part-download'));
    expect(saved.map((file) => file.name)).toEqual([
      'hookscope-d000003-request-payload.json',
      // The sender's "../../etc/shot.png" loses its directories.
      'shot.png',
    ]);
    expect(await bytesOf(saved[1]!.blob)).toEqual(PNG);
    expect(saved[1]!.blob.type).toBe('image/png');

    // The whole body downloads too, as .multipart.
    fireEvent.click(screen.getByTestId('detail-download'));
    expect(saved[2]!.name).toBe('hookscope-d000003-request.multipart');
    expect(await bytesOf(saved[2]!.blob)).toEqual(body);
  });
});

describe('binary bodies', () => {
  it('offers Copy as hex and Copy as base64 instead of Copy text', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    const body = Uint8Array.of(0x00, 0xff, 0x10, 0x80, 0x7f);
    await open(makeDelivery(1, { body, contentType: 'application/octet-stream' }));
    expect(screen.queryByTestId('detail-copy-text')).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId('detail-copy-hex')));
    expect(writeText).toHaveBeenLastCalledWith('00ff10807f');
    await act(async () => fireEvent.click(screen.getByTestId('detail-copy-base64')));
    expect(writeText).toHaveBeenLastCalledWith('AP8QgH8=');
    fireEvent.click(screen.getByTestId('detail-download'));
    expect(saved[0]!.name).toBe('hookscope-d000001-request.bin');
  });

  it('keeps Copy text for text bodies', async () => {
    await open(makeDelivery(1, { text: 'plain words', contentType: 'text/plain' }));
    expect(screen.getByTestId('detail-copy-text').textContent).toBe('Copy text');
    expect(screen.queryByTestId('detail-copy-hex')).toBeNull();
  });
});
