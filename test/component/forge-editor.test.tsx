// Forge and Bulk with the engine's real sender code behind the contract (templates, schema check,
// signing, the loop guard, the remembered targets): only the transport is in-process.
import {
  act,
  cleanup,
  configure,
  fireEvent,
  render,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { EditorView } from '@codemirror/view';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallArgs, CallName, CallOutput, HookscopeApi } from '../../electron/contract/api';
import type { Result } from '../../electron/contract/result';
import type { ProviderTemplates } from '../../electron/contract/sender';
import { dispatchCall } from '../../electron/engine/api/dispatch-call';
import type { Handlers } from '../../electron/engine/api/handlers';
import { createSenderHandlers } from '../../electron/engine/api/sender-handlers';
import type { Engine } from '../../electron/engine/engine-types';
import type { AttemptsStore } from '../../electron/engine/sender/attempts-store';
import { openLastTarget } from '../../electron/engine/sender/last-target';
import { createSenderService } from '../../electron/engine/sender/sender-service';
import type { DeliveryStore } from '../../electron/engine/store/types';
import { createAppApi } from '../../renderer/src/api';
import { AppProvider } from '../../renderer/src/app-context';
import { ConfirmProvider } from '../../renderer/src/features/common/confirm-context';
import { pointerRanges } from '../../renderer/src/features/common/json-pointer-ranges';
import { ReplayEditor } from '../../renderer/src/features/replay/replay-editor';
import { BulkPanel } from '../../renderer/src/features/send/bulk-panel';
import { ForgePanel } from '../../renderer/src/features/send/forge-panel';
import { createAppStore } from '../../renderer/src/store/app-store';
import { startSync } from '../../renderer/src/store/sync';
import { makeDelivery } from './support/make-delivery';

const RECEIVER = 'http://127.0.0.1:8080';
// Validation and previews run in the real engine code (ajv compiles a schema on first use) behind a
// 300 ms debounce: give the page time on a loaded machine. A wait, not an assertion on duration.
configure({ asyncUtilTimeout: 10_000 });
let dataDir: string;

/** Sender calls go through the real contract check and handlers; nothing here sends over HTTP. */
class SenderBridge implements HookscopeApi {
  readonly handlers: Partial<Handlers>;
  constructor(dir: string) {
    const sender = createSenderService({
      dataDir: dir,
      // Forge previews, validation, templates and the loop guard never read deliveries or attempts.
      store: {} as DeliveryStore,
      attempts: { onRecorded: () => () => {} } as unknown as AttemptsStore,
      endpoints: () => [],
      ownUrls: () => ({ receiverUrl: RECEIVER, publicUrls: [] }),
    });
    this.handlers = createSenderHandlers({ sender, dataDir: dir } as unknown as Engine);
  }
  call<C extends CallName>(name: C, ...args: CallArgs<C>): Promise<Result<CallOutput<C>>> {
    return dispatchCall(this.handlers as Handlers, name, args[0] ?? {}) as Promise<
      Result<CallOutput<C>>
    >;
  }
  on() {
    return () => {};
  }
}

async function mount(panel: (templates: ProviderTemplates[]) => React.ReactElement) {
  const bridge = new SenderBridge(dataDir);
  const api = createAppApi(bridge);
  const store = createAppStore();
  store.getState().setReceiver({ url: RECEIVER, port: 8080, publicUrl: null });
  const templates = await bridge.call('forge:templates');
  if (!templates.ok) throw new Error(templates.error.message);
  const view = render(
    <AppProvider services={{ api, store, sync: startSync(api, store) }}>
      <ConfirmProvider>{panel(templates.value)}</ConfirmProvider>
    </AppProvider>,
  );
  return { ...view, bridge, templates: templates.value };
}

/** The editor inside its shadow root, and its CodeMirror view (typing = a user transaction). */
function editor(testId: string) {
  const host = screen.getByTestId(testId);
  const content = host.shadowRoot!.querySelector('.cm-content') as HTMLElement;
  return { root: host.shadowRoot!, view: EditorView.findFromDOM(content)! };
}

function type(view: EditorView, text: string) {
  act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }));
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'hookscope-forge-'));
});
afterEach(() => {
  cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('pointerRanges', () => {
  it('places members by key and array items by value, escaping ~ and /', () => {
    const text = '{\n  "a/b": {"c~d": [10, true]},\n  "e": "x"\n}';
    const ranges = pointerRanges(text);
    expect(text.slice(ranges.get('/a~1b')!.from, ranges.get('/a~1b')!.to)).toBe(
      '"a/b": {"c~d": [10, true]}',
    );
    const item = ranges.get('/a~1b/c~0d/1')!;
    expect(text.slice(item.from, item.to)).toBe('true');
    expect(ranges.get('')).toEqual({ from: 0, to: text.length });
  });

  it('keeps what it placed before a syntax error', () => {
    const ranges = pointerRanges('{"ok": 1, "bad": tru');
    expect(ranges.has('/ok')).toBe(true);
    expect(ranges.has('/bad')).toBe(false);
  });
});

describe('the forge editor', () => {
  it('formats compact JSON with the Format button', async () => {
    await mount((templates) => <ForgePanel templates={templates} onScenarioSaved={() => {}} />);
    await waitFor(() => expect(screen.getByTestId('forge-body').shadowRoot).not.toBeNull());
    const { view } = editor('forge-body');
    type(view, '{"a":1,"b":[true,null]}');
    await waitFor(() =>
      expect(screen.getByTestId('forge-validation').textContent).not.toContain('Not valid JSON'),
    );
    fireEvent.click(screen.getByTestId('forge-format'));
    await waitFor(() =>
      expect(view.state.doc.toString()).toBe('{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ]\n}'),
    );
    // Folding: a marker on line 1 (the object) and line 3 (the array), none on the others.
    const { root } = editor('forge-body');
    await waitFor(() =>
      expect(
        [...root.querySelectorAll('.cm-foldGutter .cm-gutterElement')]
          .map((element) => element.textContent)
          .filter((text) => text === '⌄'),
      ).toHaveLength(2),
    );
  });

  it("marks the engine's schema error inline at its pointer", async () => {
    const { bridge } = await mount((templates) => (
      <ForgePanel templates={templates} onScenarioSaved={() => {}} />
    ));
    fireEvent.change(screen.getByTestId('forge-provider'), { target: { value: 'kanboard' } });
    fireEvent.change(screen.getByTestId('forge-event'), { target: { value: 'task.create' } });
    const { root, view } = editor('forge-body');
    await waitFor(() => expect(view.state.doc.toString()).toContain('"title"'));
    const broken = view.state.doc.toString().replace('"title": "', '"title": 42, "was": "');
    // What the engine itself says about this text: the pointer the editor must mark.
    const check = await bridge.call('forge:validate', {
      provider: 'kanboard',
      event: 'task.create',
      body: broken,
    });
    if (!check.ok) throw new Error(check.error.message);
    expect(check.value.schema).toBe('invalid');
    const pointer = check.value.errors[0]!.pointer;
    expect(pointer).toMatch(/\/title$/);

    type(view, broken);
    const mark = await waitFor(() => {
      const found = root.querySelector(`.cm-schema-error[data-pointer="${pointer}"]`);
      expect(found).not.toBeNull();
      return found!;
    });
    expect(mark.textContent).toBe('"title": 42');
    const line = mark.closest('.cm-line')!;
    expect(line.classList.contains('cm-schema-error-line')).toBe(true);
    expect(line.querySelector('.cm-schema-note')!.textContent).toContain(pointer);
    // The same error in the list below the editor.
    expect(screen.getByTestId('forge-validation').textContent).toContain(pointer);

    // Fixed text: the mark goes.
    type(view, broken.replace('"title": 42,', '"title": "fixed",'));
    await waitFor(() => expect(root.querySelector('.cm-schema-error')).toBeNull());
  });

  it('shows every outgoing header, signature included, and an edit reaches the preview', async () => {
    await mount((templates) => <ForgePanel templates={templates} onScenarioSaved={() => {}} />);
    fireEvent.change(screen.getByTestId('forge-provider'), { target: { value: 'github' } });
    fireEvent.change(screen.getByTestId('forge-secret'), { target: { value: 'It’s a Secret' } });
    fireEvent.change(screen.getByTestId('forge-url'), {
      target: { value: 'http://127.0.0.1:9/hooks' },
    });
    const signature = await screen.findByTestId('forge-header-x-hub-signature-256');
    expect((signature as HTMLInputElement).value).toMatch(/^sha256=[0-9a-f]{64}$/);
    const preview = screen.getByTestId('forge-preview');
    await waitFor(() =>
      expect(preview.textContent).toMatch(/^POST \/hooks HTTP\/1\.1\nhost: 127\.0\.0\.1:9\n/i),
    );
    expect(preview.textContent).toContain(
      `X-Hub-Signature-256: ${(signature as HTMLInputElement).value}`,
    );

    fireEvent.change(signature, { target: { value: 'sha256=edited-by-hand' } });
    await waitFor(() =>
      expect(screen.getByTestId('forge-preview').textContent).toContain(
        'X-Hub-Signature-256: sha256=edited-by-hand',
      ),
    );
    // Replaced in place, not sent twice.
    expect(
      screen.getByTestId('forge-preview').textContent!.match(/x-hub-signature-256/gi),
    ).toHaveLength(1);

    fireEvent.change(screen.getByTestId('forge-header-new-name'), { target: { value: 'X-Trace' } });
    fireEvent.change(screen.getByTestId('forge-header-new-value'), { target: { value: 'abc 1' } });
    fireEvent.click(screen.getByTestId('forge-header-add'));
    await waitFor(() =>
      expect(screen.getByTestId('forge-preview').textContent).toContain('X-Trace: abc 1'),
    );
    expect((screen.getByTestId('forge-header-host') as HTMLInputElement).readOnly).toBe(true);
  });
});

describe('the targets dropdown', () => {
  it('offers the receiver and the last targets used, newest first, and asks neutrally before sending to Hookscope', async () => {
    const remembered = openLastTarget(dataDir);
    remembered.set('http://localhost:3000/old');
    remembered.set('http://localhost:4000/new');
    remembered.set(RECEIVER);
    remembered.set('http://localhost:4000/new');
    await mount((templates) => <BulkPanel templates={templates} />);
    const options = screen.getByTestId('bulk-url-options');
    await waitFor(() => expect(options.querySelectorAll('option')).toHaveLength(3));
    const offered = [...options.querySelectorAll('option')].map((o) => [o.value, o.label]);
    expect(offered).toEqual([
      [RECEIVER, "Hookscope's own receiver"],
      ['http://localhost:4000/new', 'used recently'],
      ['http://localhost:3000/old', 'used recently'],
    ]);
    const input = screen.getByTestId('bulk-url');
    expect(input.getAttribute('list')).toBe(options.id);

    fireEvent.change(input, { target: { value: `${RECEIVER}/loop` } });
    fireEvent.click(screen.getByTestId('bulk-start'));
    const dialog = await screen.findByTestId('confirm-dialog');
    expect(dialog.textContent).toContain('Hookscope');
    const accept = within(dialog).getByTestId('confirm-accept');
    expect(accept.getAttribute('data-tone')).toBe('neutral');
    expect(accept.classList.contains('button-danger')).toBe(false);
    fireEvent.click(within(dialog).getByTestId('confirm-cancel'));
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
  });
});

describe('the replay editor', () => {
  it('defaults to the last target, offers the receiver, and edits the body in CodeMirror', async () => {
    openLastTarget(dataDir).set('http://localhost:5000/last');
    const delivery = makeDelivery(1, { text: '{"task":{"id":7,"tags":["a"]}}' });
    await mount(() => <ReplayEditor delivery={delivery} onSent={() => {}} />);
    const input = screen.getByTestId('replay-url') as HTMLInputElement;
    await waitFor(() => expect(input.value).toBe('http://localhost:5000/last'));
    const offered = [...screen.getByTestId('replay-url-options').querySelectorAll('option')];
    expect(offered.map((o) => o.value)).toEqual([RECEIVER, 'http://localhost:5000/last']);
    // Typing replaces the default and is kept.
    fireEvent.change(input, { target: { value: 'http://localhost:6000/typed' } });
    expect(input.value).toBe('http://localhost:6000/typed');

    const { view } = editor('replay-body');
    expect(view.state.doc.toString()).toBe('{"task":{"id":7,"tags":["a"]}}');
    fireEvent.click(screen.getByTestId('replay-format'));
    await waitFor(() =>
      expect(view.state.doc.toString()).toBe(
        '{\n  "task": {\n    "id": 7,\n    "tags": [\n      "a"\n    ]\n  }\n}',
      ),
    );
    // The formatted body counts as an edit: it is what will be sent.
    expect(screen.getByText('edited: sent as shown')).toBeTruthy();
  });
});
