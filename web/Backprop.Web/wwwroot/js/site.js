// The page side of the lessons: editors, math, chart scripts, browser storage and downloads. Called from C#
// (IJSRuntime) as backprop.<name>; nothing here talks to any server.
const waitingForPlotly = [];
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

  /**
   * Runs the scripts of HTML outputs (a Plotly chart's script draws it); innerHTML alone leaves them inert. A chart's
   * script waits until plotly.js is loaded (loadPlotly).
   */
  runScripts(element) {
    for (const old of element.querySelectorAll('script:not([data-ran])')) {
      old.dataset.ran = 'yes';
      const run = () => {
        const script = document.createElement('script');
        script.text = old.text;
        script.dataset.ran = 'yes';
        old.replaceWith(script);
      };
      if (!window.Plotly && old.text.includes('Plotly.')) waitingForPlotly.push(run); else run();
    }
  },

  /** Loads plotly.js once per page, from the script element the shared runtime renders (the copy inside Plotly.NET). */
  loadPlotly(html) {
    if (window.Plotly) return;
    const holder = document.createElement('div');
    holder.hidden = true;
    holder.innerHTML = html;
    document.body.appendChild(holder);
    for (const old of holder.querySelectorAll('script')) {
      const script = document.createElement('script');
      script.text = old.text;
      old.replaceWith(script);
    }
    for (const run of waitingForPlotly.splice(0)) run();
  },

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
