// The inspector in the real App around the fake bridge: the diff view, the JSON tree's pointers and
// schema marks, multipart parts and XML shown as text.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeliveryDetail } from '../../electron/contract/delivery';
import { makeDelivery } from './support/make-delivery';
import { renderApp, stubInboxViewport } from './support/render-app';

let restoreViewport: () => void;
beforeEach(() => {
  restoreViewport = stubInboxViewport(600);
});
afterEach(() => {
  cleanup();
  restoreViewport();
  vi.restoreAllMocks();
});

async function openDelivery(delivery: DeliveryDetail) {
  const app = await renderApp([delivery]);
  act(() => app.store.getState().select(delivery.id));
  await screen.findByTestId('detail-request-line');
  return app;
}

describe('diff view', () => {
  it('says how many differences the masks hid, and shows them on request', async () => {
    const body = '{"zen":"Keep it logically awesome."}';
    const github = (seq: number, signature: string) =>
      makeDelivery(seq, {
        text: body,
        provider: 'github',
        target: '/github',
        rawHeaders: [
          ['Content-Type', 'application/json'],
          ['X-GitHub-Event', 'ping'],
          ['X-Hub-Signature-256', signature],
        ],
      });
    const valid = github(1, `sha256=${'a'.repeat(64)}`);
    const forged = github(2, `sha256=${'b'.repeat(64)}`);
    const { store } = await renderApp([valid, forged]);
    act(() => store.getState().select(valid.id));
    await screen.findByTestId('detail-request-line');
    act(() => store.getState().setCompareId(forged.id));
    const notice = await screen.findByTestId('diff-hidden-by-masks');
    expect(notice.textContent).toContain('1 difference hidden by masks');
    expect(screen.getByTestId('diff-equal').textContent).toContain('outside the masked fields');

    fireEvent.click(within(notice).getByRole('button', { name: 'show' }));
    const envelope = await screen.findByTestId('diff-envelope-changes');
    expect(
      within(envelope)
        .getAllByTestId('diff-change')
        .map((change) => change.getAttribute('data-pointer')),
    ).toEqual(['/headers/x-hub-signature-256']);
  });

  it('diffs two rows picked with Ctrl-click: the changed field by pointer, masks persist', async () => {
    const left = makeDelivery(1, { text: '{"order":{"id":7,"status":"open"},"at":1}' });
    const right = makeDelivery(2, { text: '{"at":1,"order":{"status":"paid","id":7}}' });
    const { store, bridge } = await renderApp([left, right]);
    const row = (id: string) =>
      screen.getAllByTestId('delivery-row').find((r) => r.getAttribute('data-delivery-id') === id)!;
    fireEvent.mouseDown(row(left.id));
    fireEvent.mouseDown(row(right.id), { ctrlKey: true });
    expect(store.getState().compareId).toBe(right.id);
    const view = await screen.findByTestId('diff-body-changes');
    const changes = within(view).getAllByTestId('diff-change');
    expect(changes.map((c) => c.getAttribute('data-pointer'))).toEqual(['/body/order/status']);
    expect(changes[0]!.textContent).toContain('"open"');
    expect(changes[0]!.textContent).toContain('"paid"');
    // The older delivery is on the left.
    expect(screen.getByTestId('diff-left-id').getAttribute('data-delivery-id')).toBe(left.id);
    // Named for people: time, method and path, not the raw id.
    expect(screen.getByTestId('diff-left-id').textContent).toContain(left.target);
    expect(screen.getByTestId('diff-left-id').textContent).not.toContain(left.id);

    // Masking the field from its row saves the rule and leaves no difference in the body.
    fireEvent.click(within(changes[0]!).getByRole('button', { name: 'Mask' }));
    await screen.findByText('No differences outside the masked fields.', { exact: false });
    // Saved by the engine: its settings answer the rule.
    const saved = await bridge.api.call('inspector:load');
    expect(saved.ok && saved.value.maskRules).toEqual(['/body/order/status']);
    expect(screen.getAllByTestId('mask-rule').map((r) => r.textContent)).toEqual([
      '/body/order/status×',
    ]);

    fireEvent.click(screen.getByTestId('diff-close'));
    expect(store.getState().compareId).toBeNull();
    await screen.findByTestId('detail-request-line');
  });

  it('shows text bodies side by side and a plain click ends the diff', async () => {
    const left = makeDelivery(1, { text: 'alpha\nbeta\ngamma', contentType: 'text/plain' });
    const right = makeDelivery(2, { text: 'alpha\nBETA\ngamma\ndelta', contentType: 'text/plain' });
    const { store } = await renderApp([left, right]);
    act(() => {
      store.getState().select(right.id);
      store.getState().setCompareId(left.id);
    });
    // CodeMirror's merge view: one read-only editor per side, the changed lines marked.
    const merge = await screen.findByTestId('diff-side-by-side');
    // In a shadow root: there CodeMirror's styles pass the strict CSP (see merge-text-view.tsx).
    const root = merge.shadowRoot!;
    await waitFor(() => expect(root.querySelectorAll('.cm-mergeViewEditor')).toHaveLength(2));
    const editors = [...root.querySelectorAll('.cm-mergeViewEditor')];
    const lines = (editor: Element) =>
      [...editor.querySelectorAll('.cm-line')].map((line) => line.textContent);
    expect(lines(editors[0]!)).toEqual(['alpha', 'beta', 'gamma']);
    expect(lines(editors[1]!)).toEqual(['alpha', 'BETA', 'gamma', 'delta']);
    const changedText = (editor: Element) =>
      [...editor.querySelectorAll('.cm-changedLine .cm-changedText')].map((t) => t.textContent);
    expect(changedText(editors[0]!)).toEqual(['beta']);
    expect(changedText(editors[1]!)).toEqual(['BETA', 'delta']);
    expect(editors[0]!.querySelector('.cm-line')!.classList.contains('cm-changedLine')).toBe(false);
    expect(root.querySelector('[contenteditable="true"]')).toBeNull();
    fireEvent.mouseDown(screen.getAllByTestId('delivery-row')[0]!);
    expect(store.getState().compareId).toBeNull();
  });
});

describe('bodies people can read', () => {
  it('copies a value’s JSON pointer from the tree, escaping ~ and /', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    await openDelivery(makeDelivery(1, { text: '{"a/b":{"c~d":[10,true]}}' }));
    const tree = screen.getByTestId('detail-json');
    const button = within(tree)
      .getAllByTestId('json-copy-pointer')
      .find((b) => b.getAttribute('data-pointer') === '/a~1b/c~0d/1')!;
    fireEvent.click(button);
    expect(writeText).toHaveBeenCalledWith('/a~1b/c~0d/1');
  });

  it('marks schema errors at their pointer in the body, opening the path to them', async () => {
    const body = { data: { deep: { deeper: { items: [{ id: 'x' }] } } } };
    await openDelivery(
      makeDelivery(1, {
        text: JSON.stringify(body),
        badge: 'fail',
        verdict: {
          signature: { status: 'not-applicable', reason: 'no secret' },
          schema: {
            status: 'invalid',
            errors: [{ pointer: '/data/deep/deeper/items/0/id', message: 'must be integer' }],
          },
          health: [],
        },
      }),
    );
    const marked = screen
      .getByTestId('detail-json')
      .querySelector('[data-pointer="/data/deep/deeper/items/0/id"]');
    expect(marked?.className).toContain('json-marked');
    expect(marked?.textContent).toContain('must be integer');
  });

  it('splits multipart/form-data into parts shown as text', async () => {
    const boundary = 'XyZ';
    const text =
      `--${boundary}\r\nContent-Disposition: form-data; name="comment"\r\n\r\n<script>alert(1)</script>\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n` +
      `--${boundary}--\r\n`;
    const { container } = await openDelivery(
      makeDelivery(1, { text, contentType: `multipart/form-data; boundary=${boundary}` }),
    );
    const parts = screen.getAllByTestId('multipart-part');
    expect(parts).toHaveLength(2);
    expect(parts[0]!.textContent).toContain('comment');
    expect(parts[0]!.querySelector('pre')?.textContent).toBe('<script>alert(1)</script>');
    expect(parts[1]!.textContent).toContain('file a.txt');
    expect(parts[1]!.querySelector('pre')?.textContent).toBe('hello');
    expect(container.querySelector('script')).toBeNull();
  });

  it('pretty prints XML as text', async () => {
    await openDelivery(
      makeDelivery(1, {
        text: '<?xml version="1.0"?><a><b>x</b><c/><!-- <img src=x> --></a>',
        contentType: 'application/xml',
      }),
    );
    expect(screen.getByTestId('detail-xml').textContent).toBe(
      '<?xml version="1.0"?>\n<a>\n  <b>x</b>\n  <c/>\n  <!-- <img src=x> -->\n</a>',
    );
    expect(screen.getByTestId('detail-xml').querySelector('img')).toBeNull();
  });

  it('previews a PNG body as an image of its bytes', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await openDelivery(makeDelivery(1, { body: png, contentType: 'image/png' }));
    fireEvent.click(screen.getByTestId('detail-tab-image'));
    expect(screen.getByTestId('detail-image').querySelector('img')?.getAttribute('alt')).toBe(
      'image/png body',
    );
  });
});

describe('annotations', () => {
  it('shows a pinned, labelled delivery in the list', async () => {
    const { bridge } = await renderApp([makeDelivery(1)]);
    // Annotated in the engine, which pushes deliveries:updated to the page.
    const annotated = await bridge.api.call('deliveries:annotate', {
      id: 'd000001',
      pinned: true,
      labels: ['bug'],
    });
    expect(annotated.ok).toBe(true);
    expect(await screen.findByTestId('row-pinned')).toBeTruthy();
    expect(screen.getByTestId('row-label').textContent).toBe('bug');
  });
});
