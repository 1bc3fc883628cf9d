// CodeMirror (@codemirror/*, the merge view, the JSON editor) is loaded on demand: the inbox and the
// delivery detail render without it, and the editor's chunk is fetched the first time an editor is
// shown. Same names and props as the real components, so a consumer changes only its import path.
import { lazy, Suspense, type ComponentProps } from 'react';

const JsonEditorImpl = lazy(async () => ({ default: (await import('./json-editor')).JsonEditor }));
const MergeTextViewImpl = lazy(async () => ({
  default: (await import('../inspector/merge-text-view')).MergeTextView,
}));

/** A light placeholder while the editor's chunk loads (one frame on a warm cache). */
function EditorLoading() {
  return (
    <div className="editor-loading muted" data-testid="editor-loading" aria-busy="true">
      Loading editor…
    </div>
  );
}

export function JsonEditor(props: ComponentProps<typeof JsonEditorImpl>) {
  return (
    <Suspense fallback={<EditorLoading />}>
      <JsonEditorImpl {...props} />
    </Suspense>
  );
}

export function MergeTextView(props: ComponentProps<typeof MergeTextViewImpl>) {
  return (
    <Suspense fallback={<EditorLoading />}>
      <MergeTextViewImpl {...props} />
    </Suspense>
  );
}
