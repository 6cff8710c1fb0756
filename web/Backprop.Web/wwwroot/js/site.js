// The page side of the lessons: editors, math, chart scripts, browser storage and downloads. Called from C#
// (IJSRuntime) as backprop.<name>; nothing here talks to any server.

// keepForOffline reads the page's resource timing entries; a first visit makes about 260 requests, and the browser
// keeps only 250 entries unless told otherwise: the last ones (the compiler's refs/*.pe, setup.dib, the data) would
// be missing, and a reload with the network cut could not run a cell.
performance.setResourceTimingBufferSize(2000);

// A chart's output is a div and a script that calls Plotly.newPlot; Blazor runs that script as it inserts the output.
// Until plotly.js is loaded (loadPlotly, once per page), the calls wait here.
const plotsWaiting = [];
window.Plotly = { waiting: true, newPlot: (...plot) => { plotsWaiting.push(plot); return Promise.resolve(); } };
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

  /** Typesets the math of a markdown cell (Markdig's `.math` elements hold \( … \) or \[ … \]; `.display` is $$ … $$). */
  renderMath(element) {
    for (const math of element.querySelectorAll('.math:not([data-typeset])')) {
      const display = math.tagName === 'DIV' || math.classList.contains('display');
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
   * Loads plotly.js once per page, from the script element the shared runtime renders (the copy inside Plotly.NET),
   * then draws the charts that asked for it before it was there.
   */
  loadPlotly(html) {
    if (!window.Plotly.waiting) return;
    const holder = document.createElement('div');
    holder.hidden = true;
    holder.innerHTML = html;
    document.body.appendChild(holder);
    for (const old of holder.querySelectorAll('script')) {
      const script = document.createElement('script');
      script.text = old.text;
      old.replaceWith(script);
    }
    for (const plot of plotsWaiting.splice(0)) window.Plotly.newPlot(...plot);
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

  /**
   * Asks the service worker to keep every file this page has loaded from the site, so that a reload works with the
   * network off. The first visit loads the runtime before the service worker is there to see it; the worker takes
   * what it lacks from the browser's HTTP cache. Sets data-offline-ready on the page when done.
   */
  async keepForOffline() {
    if (!navigator.serviceWorker) return;
    const worker = (await navigator.serviceWorker.ready).active;
    const urls = performance.getEntriesByType('resource').map(entry => entry.name).filter(url => url.startsWith(location.origin));
    const channel = new MessageChannel();
    const kept = new Promise(resolve => { channel.port1.onmessage = resolve; });
    worker.postMessage({ keep: urls }, [channel.port2]);
    await kept;
    document.documentElement.dataset.offlineReady = 'yes';
  },

  scrollIntoView(element) {
    element?.scrollIntoView({ block: 'nearest' });
  },
};
