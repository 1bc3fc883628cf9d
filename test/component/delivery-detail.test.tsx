import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryDetail } from '../../electron/contract/delivery';
import { databaseFile } from '../../electron/engine/data-dir';
import { openDeliveryStore } from '../../electron/engine/store';
import { makeDelivery } from './support/make-delivery';
import { renderApp } from './support/render-app';

afterEach(cleanup);

const encoder = new TextEncoder();

async function openDelivery(delivery: DeliveryDetail) {
  const app = await renderApp([delivery]);
  act(() => app.store.getState().select(delivery.id));
  await screen.findByTestId('detail-request-line');
  return app;
}

const HOSTILE_PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><iframe src="javascript:alert(1)"></iframe>',
];

describe('delivery detail', () => {
  it('shows the request line and headers in raw order and case, duplicates kept', async () => {
    const rawHeaders: [string, string][] = [
      ['X-Zeta', 'last-alphabetically-first'],
      ['content-type', 'application/json'],
      ['X-Dup', 'one'],
      ['Accept', '*/*'],
      ['X-Dup', 'two'],
    ];
    await openDelivery(makeDelivery(7, { method: 'PATCH', target: '/a/b?x=1&y=%20z', rawHeaders }));
    expect(screen.getByTestId('detail-request-line').textContent).toContain('PATCH/a/b?x=1&y=%20z');
    const table = screen.getByTestId('detail-headers');
    const pairs = within(table)
      .getAllByTestId('header-row')
      .map((row) => [row.querySelector('th')?.textContent, row.querySelector('td')?.textContent]);
    expect(pairs).toEqual(rawHeaders);
    const query = screen.getByTestId('detail-query');
    expect(query.textContent).toContain('x1');
    expect(query.textContent).toContain('y z');
  });

  it.each(HOSTILE_PAYLOADS)(
    'renders a hostile body as text, never as markup: %s',
    async (payload) => {
      const { container } = await openDelivery(
        makeDelivery(1, {
          text: payload,
          contentType: 'text/html',
          rawHeaders: [[`X-${'Evil'}`, payload]],
        }),
      );
      expect(screen.getByTestId('detail-raw').textContent).toBe(payload);
      expect(screen.getByTestId('detail-headers').textContent).toContain(payload);
      for (const tag of ['script', 'img', 'svg', 'iframe'])
        expect(container.querySelector(tag)).toBeNull();
      expect(document.querySelector('[onerror], [onload]')).toBeNull();
    },
  );

  it('renders hostile strings inside JSON as text in the tree', async () => {
    const body = JSON.stringify({
      '<img src=x onerror=alert(1)>': '<script>alert(1)</script>',
      n: [1, true, null],
    });
    const { container } = await openDelivery(makeDelivery(2, { text: body }));
    const tree = screen.getByTestId('detail-json');
    expect(tree.textContent).toContain('"<img src=x onerror=alert(1)>"');
    expect(tree.textContent).toContain('"<script>alert(1)</script>"');
    expect(container.querySelector('img, script')).toBeNull();
  });

  it('opens binary bodies in the hex view with offset, hex and ascii columns', async () => {
    const body = new Uint8Array([
      0x00, 0x01, 0x02, 0xff, 0x41, 0x42, 0x43, 0x0a, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a,
      0x0a, 0x7f,
    ]);
    await openDelivery(
      makeDelivery(3, {
        body,
        contentType: 'application/octet-stream',
        rawHeaders: [['Content-Type', 'application/octet-stream']],
      }),
    );
    const hex = screen.getByTestId('detail-hex');
    const lines = hex.querySelectorAll('.hex-line');
    expect(lines).toHaveLength(2);
    expect(lines[0]?.querySelector('.hex-offset')?.textContent).toBe('00000000');
    expect(lines[0]?.querySelector('.hex-bytes')?.textContent).toBe(
      '00 01 02 ff 41 42 43 0a  89 50 4e 47 0d 0a 1a 0a',
    );
    expect(lines[0]?.querySelector('.hex-ascii')?.textContent).toBe('....ABC..PNG....');
    expect(lines[1]?.querySelector('.hex-offset')?.textContent).toBe('00000010');
    expect(lines[1]?.querySelector('.hex-ascii')?.textContent).toBe('.');
  });

  it('switches between JSON, raw and hex tabs on demand', async () => {
    await openDelivery(makeDelivery(4, { text: '{"a":1}' }));
    expect(screen.getByTestId('detail-json')).toBeTruthy();
    fireEvent.click(screen.getByTestId('detail-tab-raw'));
    expect(screen.getByTestId('detail-raw').textContent).toBe('{"a":1}');
    fireEvent.click(screen.getByTestId('detail-tab-hex'));
    expect(screen.getByTestId('detail-hex').textContent).toContain('7b 22 61 22 3a 31 7d');
  });

  it('decodes x-www-form-urlencoded fields', async () => {
    await openDelivery(
      makeDelivery(5, {
        text: 'name=J%C3%BCrgen+M&empty=&flag&x=%ZZ',
        contentType: 'application/x-www-form-urlencoded',
      }),
    );
    const rows = [...screen.getByTestId('detail-form').querySelectorAll('tr')].map((row) => [
      row.querySelector('th')?.textContent,
      row.querySelector('td')?.textContent,
    ]);
    expect(rows).toEqual([
      ['name', 'Jürgen M'],
      ['empty', ''],
      ['flag', ''],
      ['x', '%ZZ'],
    ]);
  });

  it('shows the answer Hookscope gave', async () => {
    await openDelivery(
      makeDelivery(6, {
        response: {
          status: 418,
          rawHeaders: [['X-Answer', 'teapot']],
          body: encoder.encode('short and stout'),
          latencyMs: 2.25,
        },
      }),
    );
    const response = screen.getByTestId('detail-response');
    expect(response.textContent).toContain('418');
    expect(response.textContent).toContain('2.3 ms');
    expect(within(response).getByTestId('response-headers').textContent).toContain('teapot');
    expect(within(response).getByTestId('response-raw').textContent).toBe('short and stout');
  });

  it('reports a delivery that vanished instead of showing stale data', async () => {
    const { bridge, store } = await renderApp([makeDelivery(1), makeDelivery(2)]);
    // Deleted behind the engine's back, as `hookscope delete` in another process would: a second
    // connection to the same database file, so no deletion is pushed to the page.
    const other = openDeliveryStore(databaseFile(bridge.engine.dataDir));
    expect(other.delete(['d000001'])).toBe(1);
    other.close();
    act(() => store.getState().select('d000001'));
    expect((await screen.findByRole('alert')).textContent).toContain('not-found');
  });
});
