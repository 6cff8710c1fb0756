// Copies KaTeX's browser files (script, stylesheet, woff2 fonts) from node_modules into wwwroot/lib/katex.
import { cpSync, mkdirSync, readdirSync } from 'node:fs';

const from = 'node_modules/katex/dist';
const to = '../wwwroot/lib/katex';
mkdirSync(`${to}/fonts`, { recursive: true });
for (const file of ['katex.min.js', 'katex.min.css']) cpSync(`${from}/${file}`, `${to}/${file}`);
for (const font of readdirSync(`${from}/fonts`).filter(name => name.endsWith('.woff2'))) {
  cpSync(`${from}/fonts/${font}`, `${to}/fonts/${font}`);
}
