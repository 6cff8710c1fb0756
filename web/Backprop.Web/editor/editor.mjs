// The code cells' editor: CodeMirror 6 with the C# mode of @codemirror/legacy-modes. Bundled by esbuild into
// wwwroot/lib/codemirror/editor.js as the global `BackpropEditor` (see package.json).
//
// Keyboard: Shift+Enter runs the cell and moves to the next, Ctrl+Enter runs it and stays. Tab is left to the browser,
// so that Tab and Shift+Tab move between the page's controls (CodeMirror's own advice for accessible editors);
// indentation comes with Enter.
import { EditorView, keymap, lineNumbers, drawSelection, highlightActiveLine } from '@codemirror/view';
import { EditorState } from '@codemirror/state';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { StreamLanguage, syntaxHighlighting, defaultHighlightStyle, bracketMatching, indentOnInput } from '@codemirror/language';
import { csharp } from '@codemirror/legacy-modes/mode/clike';

const csharpLanguage = StreamLanguage.define(csharp);

/**
 * Puts an editor into `host`.
 * @param {HTMLElement} host the element to fill
 * @param {string} text the cell's code
 * @param {string} label the accessible name of its textbox ("Code cell 3")
 * @param {{ change(text: string): void, run(advance: boolean): void }} handlers what edits and Shift/Ctrl+Enter call
 */
export function create(host, text, label, handlers) {
  const run = advance => () => { handlers.run(advance); return true; };
  return new EditorView({
    parent: host,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        bracketMatching(),
        indentOnInput(),
        csharpLanguage,
        syntaxHighlighting(defaultHighlightStyle),
        keymap.of([{ key: 'Shift-Enter', run: run(true) }, { key: 'Ctrl-Enter', run: run(false) }, ...defaultKeymap, ...historyKeymap]),
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.updateListener.of(update => { if (update.docChanged) handlers.change(update.state.doc.toString()); }),
      ],
    }),
  });
}

/** Replaces the editor's whole text (Reset lesson). */
export function setText(view, text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}
