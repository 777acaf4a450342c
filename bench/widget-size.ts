/**
 * Chat widget size (not a test; never run by `npm test`). See bench/README.md.
 *
 *   npx tsx bench/widget-size.ts              # build apps/widget, then measure
 *   npx tsx bench/widget-size.ts --no-build   # measure the existing apps/widget/dist
 *
 * Prints the bytes a visitor's browser downloads the first time a page with the widget opens: the loader,
 * the iframe page, the chat UI script and its stylesheet, as the server sends them (the build's .gz twins,
 * served to every browser that accepts gzip), against the 25 KB budget.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const BUDGET = 25 * 1024;
const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'apps/widget/dist');
// In the order a first open fetches them: the site's <script>, the iframe it adds, the iframe's assets.
const FIRST_OPEN = ['widget.js', 'frame.html', 'frame.js', 'frame.css'];

const { values } = parseArgs({ options: { 'no-build': { type: 'boolean', default: false } } });
if (!values['no-build'])
  execFileSync(process.execPath, [path.join(root, 'apps/widget/build.mjs')], { stdio: 'inherit' });

const size = (file: string) => {
  try {
    return fs.statSync(path.join(dist, file)).size;
  } catch {
    throw new Error(`${file} is missing from ${dist}: build the widget (drop --no-build)`);
  }
};

let total = 0;
console.log(`${'file'.padEnd(12)} ${'bytes'.padStart(8)} ${'gzipped'.padStart(8)}`);
for (const file of FIRST_OPEN) {
  const gz = size(`${file}.gz`);
  total += gz;
  console.log(`${file.padEnd(12)} ${String(size(file)).padStart(8)} ${String(gz).padStart(8)}`);
}
console.log(`${'first open'.padEnd(12)} ${''.padStart(8)} ${String(total).padStart(8)}`);
console.log(
  `budget ${BUDGET} bytes gzipped: ${total <= BUDGET ? 'within' : 'OVER'} (${((total / BUDGET) * 100).toFixed(1)} %)`,
);
if (total > BUDGET) process.exitCode = 1;
