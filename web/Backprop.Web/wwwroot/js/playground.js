// The playground's page side: the animation clock, clicks on the network picture, the address bar and downloads.
// Every number comes from C#; this file only tells C# when a frame is due and what was clicked.
let playing = false;

/** Calls `page.Frame(time)` once per animation frame, the next frame only after C# has finished this one. */
export function play(page) {
  playing = true;
  const tick = async time => {
    if (!playing) return;
    await page.invokeMethodAsync('Frame', time);
    if (playing) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/**
 * Shows what the frame that just ended cost, part by part (C#'s timings), in the browser's performance timeline:
 * one `performance.measure` per part, named "playground train", "playground render" and so on, ending now, and a
 * mark "playground gc" when the .NET garbage collector ran during the frame (its pause is in the part it interrupted).
 */
let framesMeasured = 0;
export function measureFrame(parts, costs, collections) {
  // A minute of frames at most stays in the timeline's buffer (a PerformanceObserver sees every one as it comes).
  if (++framesMeasured % 3600 === 0) {
    parts.forEach(part => performance.clearMeasures('playground ' + part));
    performance.clearMarks('playground gc');
  }
  const end = performance.now();
  let start = end - costs.reduce((sum, cost) => sum + cost, 0);
  parts.forEach((part, i) => {
    performance.measure('playground ' + part, { start, duration: costs[i] });
    start += costs[i];
  });
  if (collections > 0) performance.mark('playground gc', { detail: collections });
}

export function pause() {
  playing = false;
}

/** A click on a weight or a bias in a picture (anything with data-name="W1[0,0]" or "b2[1]") selects it. */
export function watchPictures(host, page) {
  host.addEventListener('click', event => {
    const named = event.target.closest('[data-name]');
    const name = named?.getAttribute('data-name') ?? '';
    if (/^(W\d+\[\d+,\d+\]|b\d+\[\d+\])$/.test(name)) page.invokeMethodAsync('SelectParameter', name);
  });
}

/** Puts the state in the address bar without a navigation, so that copying the address shares it. */
export function showAddress(query) {
  history.replaceState(history.state, '', location.pathname + query);
}

/** The chosen file's name, or null. */
export function fileName(input) {
  return input.files?.[0]?.name ?? null;
}

/** The chosen file's bytes (the library reads and checks them, as the console program reads a file). */
export async function fileBytes(input) {
  const file = input.files?.[0];
  return file ? new Uint8Array(await file.arrayBuffer()) : null;
}

export function download(name, text) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
