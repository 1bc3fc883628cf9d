// Non-JSON bodies side by side in CodeMirror's merge view: read-only on both sides, long lines
// wrapped, long equal stretches collapsed. CodeMirror renders text nodes only, so hostile bodies
// stay text.
// The view lives in a shadow root on purpose: style-mod (CodeMirror's styling) writes a <style>
// element into a document, which `style-src 'self'` refuses, but gives a shadow root a
// constructable stylesheet (adoptedStyleSheets), which the CSP allows. Page CSS does not reach
// inside, so our look comes in as a CodeMirror theme (CSS variables do inherit).
import { MergeView } from '@codemirror/merge';
import { EditorState } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { LineOp } from '../../../../electron/contract/inspector';
import { sidesOfLineDiff } from '../../lib/line-diff-sides';

const look = EditorView.theme({
  '&': { fontSize: 'var(--text-sm)', color: 'var(--text)' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)' },
  '.cm-gutters': { color: 'var(--text-faint)' },
});

const mergeLook = EditorView.theme({
  '.cm-mergeView &.cm-merge-b': { borderLeft: '1px solid var(--border)' },
});

const readOnlySide = (doc: string) => ({
  doc,
  extensions: [
    EditorState.readOnly.of(true),
    EditorView.editable.of(false),
    EditorView.lineWrapping,
    lineNumbers(),
    look,
    mergeLook,
  ],
});

export function MergeTextView({ lines }: { lines: readonly LineOp[] }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    // A shadow root can't be detached: reuse it when React runs the effect again.
    const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    const { left, right } = sidesOfLineDiff(lines);
    const view = new MergeView({
      a: readOnlySide(left),
      b: readOnlySide(right),
      parent: root,
      root,
      gutter: true,
      collapseUnchanged: { margin: 3, minSize: 6 },
      // The merge view diffs again on the page's thread: bound that work like the engine's own
      // line diff is bounded, so 20,000 unrelated lines cost a coarse diff, not a frozen page.
      diffConfig: { scanLimit: 500, timeout: 100 },
    });
    return () => view.destroy();
  }, [lines]);
  return <div className="merge-text" data-testid="diff-side-by-side" ref={host} />;
}
