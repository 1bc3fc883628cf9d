// A CodeMirror 6 editor for JSON bodies (Forge, Replay): highlighting, bracket folding, and schema
// errors marked inline at their JSON pointer. Validation itself stays in the engine (the page's CSP
// forbids the code generation ajv needs); this only places the errors the engine reports.
// Like inspector/merge-text-view.tsx, the view lives in a shadow root: style-mod writes a <style>
// element into a document, which `style-src 'self'` refuses, but gives a shadow root a constructable
// stylesheet (adoptedStyleSheets), which the CSP allows. Page CSS does not reach inside, so the look
// comes in as a CodeMirror theme built on the app's CSS variables (they do inherit).
import {
  foldGutter,
  foldService,
  HighlightStyle,
  StreamLanguage,
  syntaxHighlighting,
  type StringStream,
} from '@codemirror/language';
import {
  Annotation,
  EditorState,
  StateEffect,
  StateField,
  type Extension,
} from '@codemirror/state';
import {
  Decoration,
  EditorView,
  keymap,
  lineNumbers,
  WidgetType,
  type DecorationSet,
} from '@codemirror/view';
import { history, historyKeymap, selectAll } from '@codemirror/commands';
import { tags } from '@lezer/highlight';
import { useEffect, useRef } from 'react';
import { pointerRanges } from './json-pointer-ranges';

export interface PointerError {
  pointer: string;
  message: string;
}

/** JSON tokens for highlighting; a string followed by ':' is a property name. */
const jsonLanguage = StreamLanguage.define<null>({
  name: 'json',
  startState: () => null,
  token(stream: StringStream) {
    if (stream.eatSpace()) return null;
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) {
      return stream.match(/^\s*:/, false) ? 'propertyName' : 'string';
    }
    if (stream.match(/^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/)) return 'number';
    if (stream.match(/^(?:true|false)\b/)) return 'bool';
    if (stream.match(/^null\b/)) return 'null';
    if (stream.match(/^[{}[\]]/)) return 'bracket';
    stream.next();
    return 'punctuation';
  },
});

const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--code-key, #0b5cad)' },
  { tag: tags.string, color: 'var(--code-string, #1a7f37)' },
  { tag: tags.number, color: 'var(--code-number, #9a3412)' },
  { tag: [tags.bool, tags.null], color: 'var(--code-atom, #8250df)' },
  { tag: [tags.bracket, tags.punctuation], color: 'var(--text-muted)' },
]);

/** The index just after the bracket matching the one at `open`, skipping brackets inside strings. */
function matchingClose(text: string, open: number): number | null {
  let depth = 0;
  for (let at = open; at < text.length; at++) {
    const char = text[at];
    if (char === '"') {
      for (at++; at < text.length && text[at] !== '"'; at += text[at] === '\\' ? 2 : 1);
    } else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return at;
    }
  }
  return null;
}

/** Folds an object or array that opens at the end of a line (how pretty-printed JSON is laid out). */
const bracketFolding = foldService.of((state, lineStart, lineEnd) => {
  const line = state.sliceDoc(lineStart, lineEnd).trimEnd();
  if (!line.endsWith('{') && !line.endsWith('[')) return null;
  const open = lineStart + line.length - 1;
  // Bounded: scan from the bracket only; an unbalanced document folds nothing.
  const close = matchingClose(state.sliceDoc(open), 0);
  if (close === null) return null;
  const to = open + close;
  return to > lineEnd ? { from: open + 1, to } : null;
});

class ErrorNote extends WidgetType {
  constructor(private readonly text: string) {
    super();
  }
  override eq(other: ErrorNote) {
    return other.text === this.text;
  }
  toDOM() {
    const note = document.createElement('span');
    note.className = 'cm-schema-note';
    // Text only: messages can quote captured (hostile) values.
    note.textContent = this.text;
    return note;
  }
}

const setErrors = StateEffect.define<readonly PointerError[]>();
/** Marks a text replacement coming from the props, so it is not reported back as an edit. */
const fromProps = Annotation.define<boolean>();

/** Each error's range (clamped to its first line) underlined, its message at that line's end. */
function decorate(state: EditorState, errors: readonly PointerError[]): DecorationSet {
  if (errors.length === 0) return Decoration.none;
  const ranges = pointerRanges(state.doc.toString());
  const byLine = new Map<number, { from: number; to: number; errors: PointerError[] }>();
  for (const error of errors) {
    // An error whose pointer isn't in the text (being edited) falls back to the document start.
    const range = ranges.get(error.pointer) ?? { from: 0, to: 0 };
    const line = state.doc.lineAt(range.from);
    const entry = byLine.get(line.number) ?? {
      from: range.from,
      to: Math.max(range.from, Math.min(range.to, line.to)),
      errors: [],
    };
    entry.errors.push(error);
    byLine.set(line.number, entry);
  }
  const decorations = [...byLine.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([number, entry]) => {
      const message = entry.errors.map((e) => `${e.pointer || '/'} ${e.message}`).join(' · ');
      const marks = [
        Decoration.line({ class: 'cm-schema-error-line' }).range(state.doc.line(number).from),
      ];
      if (entry.to > entry.from)
        marks.push(
          Decoration.mark({
            class: 'cm-schema-error',
            attributes: { title: message, 'data-pointer': entry.errors[0]!.pointer },
          }).range(entry.from, entry.to),
        );
      marks.push(
        Decoration.widget({ widget: new ErrorNote(message), side: 1 }).range(
          state.doc.line(number).to,
        ),
      );
      return marks;
    });
  return Decoration.set(decorations, true);
}

/** The engine's errors, re-placed whenever the text moves under them. */
const errorField = StateField.define<{ errors: readonly PointerError[]; set: DecorationSet }>({
  create: () => ({ errors: [], set: Decoration.none }),
  update(value, transaction) {
    let errors = value.errors;
    for (const effect of transaction.effects) if (effect.is(setErrors)) errors = effect.value;
    if (errors === value.errors && !transaction.docChanged) return value;
    return { errors, set: decorate(transaction.state, errors) };
  },
  provide: (field) => EditorView.decorations.from(field, (value) => value.set),
});

/** Select-all as a CodeMirror selection, and undo/redo (Mod-z, Mod-y / Mod-Shift-z). */
const editingKeys = keymap.of([{ key: 'Mod-a', run: selectAll }, ...historyKeymap]);

/**
 * Typing or deleting over a selection is applied by CodeMirror, not by the browser: Chromium's own
 * editing merges the selected lines and re-creates them with inline `style` attributes, which the
 * page's CSP (`style-src 'self'`) blocks and reports. Collapsed-cursor typing is left as it is.
 */
const replaceSelectionItself = EditorView.domEventHandlers({
  beforeinput(event, view) {
    if (view.state.selection.main.empty || view.state.readOnly) return false;
    const typing = event.inputType === 'insertText' || event.inputType === 'insertReplacementText';
    if (!typing && !event.inputType.startsWith('delete')) return false;
    event.preventDefault();
    view.dispatch({
      ...view.state.replaceSelection(typing ? (event.data ?? '') : ''),
      userEvent: typing ? 'input.type' : 'delete.selection',
      scrollIntoView: true,
    });
    return true;
  },
});

const look = EditorView.theme({
  '&': {
    fontSize: 'var(--text-sm)',
    color: 'var(--text)',
    backgroundColor: 'var(--surface, transparent)',
    border: '1px solid var(--border)',
    borderRadius: '4px',
  },
  '&.cm-focused': { outline: '2px solid var(--accent, #0b5cad)' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', maxHeight: '28rem', overflow: 'auto' },
  '.cm-gutters': { color: 'var(--text-faint)', backgroundColor: 'transparent', border: 'none' },
  '.cm-schema-error': { textDecoration: 'underline wavy var(--danger, #c62828)' },
  '.cm-schema-error-line': { backgroundColor: 'var(--danger-bg, rgba(198, 40, 40, 0.08))' },
  '.cm-schema-note': {
    color: 'var(--danger, #c62828)',
    marginLeft: '1.5em',
    fontFamily: 'var(--font-sans, sans-serif)',
  },
});

export function JsonEditor({
  value,
  onChange,
  errors = [],
  readOnly = false,
  label,
  testId,
}: {
  value: string;
  onChange?: (text: string) => void;
  errors?: readonly PointerError[];
  readOnly?: boolean;
  label: string;
  testId: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The latest callback without rebuilding the editor (which would lose the cursor and folds).
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    // A shadow root can't be detached: reuse it when React runs the effect again.
    const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    const extensions: Extension[] = [
      lineNumbers(),
      foldGutter(),
      bracketFolding,
      jsonLanguage,
      syntaxHighlighting(highlight),
      errorField,
      history(),
      editingKeys,
      replaceSelectionItself,
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': label, 'data-testid': `${testId}-content` }),
      EditorState.readOnly.of(readOnly),
      EditorView.editable.of(!readOnly),
      EditorView.updateListener.of((update) => {
        if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromProps)))
          changed.current?.(update.state.doc.toString());
      }),
      look,
    ];
    const created = new EditorView({
      state: EditorState.create({ doc: '', extensions }),
      parent: root,
      root,
    });
    view.current = created;
    return () => {
      view.current = null;
      created.destroy();
    };
  }, [label, testId, readOnly]);

  // Outside changes (a Format click, another event's template) replace the text; the editor's own
  // typing arrives here equal and dispatches nothing.
  useEffect(() => {
    const current = view.current;
    if (!current || current.state.doc.toString() === value) return;
    current.dispatch({
      changes: { from: 0, to: current.state.doc.length, insert: value },
      annotations: fromProps.of(true),
    });
  }, [value, label, testId, readOnly]);

  useEffect(() => {
    view.current?.dispatch({ effects: setErrors.of(errors) });
  }, [errors, value, label, testId, readOnly]);

  return <div className="json-editor" data-testid={testId} ref={host} />;
}
