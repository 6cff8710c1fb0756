// The page side of the lessons: editors, math, chart scripts, browser storage and downloads. Called from C#
// (IJSRuntime) as backprop.<name>; nothing here talks to any server.
window.backprop = {
  /** Puts a CodeMirror editor into `host`; edits and Shift/Ctrl+Enter call the cell's C# object. */
  mountEditor(host, text, label, cell) {
    host.replaceChildren();
    host.editorView = BackpropEditor.create(host, text, label, {
      change: value => cell.invokeMethodAsync('Edited', value),
      run: advance => cell.invokeMethodAsync('RunFromKeyboard', advance),
    });
  },

  setEditorText(host, text) {
    if (host.editorView) BackpropEditor.setText(host.editorView, text);
  },

  focusEditor(host) {
    host.editorView?.focus();
  },

  /** Typesets the math of a markdown cell (Markdig's `.math` elements hold \( … \) or \[ … \]). */
  renderMath(element) {
    for (const math of element.querySelectorAll('.math:not([data-typeset])')) {
      const display = math.tagName === 'DIV';
      const tex = math.textContent.trim().replace(/^\\[([]/, '').replace(/\\[)\]]$/, '');
      try {
        katex.render(tex, math, { displayMode: display, throwOnError: false });
      } catch (error) {
        math.title = String(error);
      }
      math.dataset.typeset = 'yes';
    }
  },

  /** Runs the scripts of HTML outputs (a Plotly chart's script draws it); innerHTML alone leaves them inert. */
  runScripts(element) {
    for (const old of element.querySelectorAll('script:not([data-ran])')) {
      const script = document.createElement('script');
      script.text = old.text;
      script.dataset.ran = 'yes';
      old.replaceWith(script);
    }
  },

  /** Loads plotly.js (the copy inside Plotly.NET, handed over by C#) once per page. */
  loadPlotly(source) {
    if (window.Plotly) return;
    const script = document.createElement('script');
    script.text = source;
    document.head.appendChild(script);
  },

  hasPlotly: () => !!window.Plotly,

  load: key => localStorage.getItem(key),
  save: (key, value) => localStorage.setItem(key, value),
  forget: key => localStorage.removeItem(key),

  ask: question => window.confirm(question),

  /** Saves `text` as a file named `name` (the browser's download). */
  download(name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ipynb+json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  },

  scrollIntoView(element) {
    element?.scrollIntoView({ block: 'nearest' });
  },
};
