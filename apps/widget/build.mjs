// Builds the embeddable widget into dist/: widget.js (the loader sites include), frame.js and frame.css
// (the chat UI inside the iframe) and frame.html (the iframe page, naming the assets by content hash so
// they can be cached for long). Each asset also gets a .gz twin the server sends to browsers accepting
// gzip, so what bench/widget-size.ts measures is what visitors download. No source maps are shipped.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('.', import.meta.url));
const dist = `${root}dist/`;
const common = { bundle: true, minify: true, target: ['es2019'], legalComments: 'none', logLevel: 'warning' };

rmSync(dist, { recursive: true, force: true });
await Promise.all([
  build({ ...common, entryPoints: [`${root}src/loader.ts`], outfile: `${dist}widget.js`, format: 'iife' }),
  build({ ...common, entryPoints: [`${root}src/frame/main.ts`], outfile: `${dist}frame.js`, format: 'iife' }),
  build({ ...common, entryPoints: [`${root}src/frame/frame.css`], outfile: `${dist}frame.css` }),
]);

const version = (name) =>
  createHash('sha256')
    .update(readFileSync(dist + name))
    .digest('hex')
    .slice(0, 12);
writeFileSync(
  `${dist}frame.html`,
  '<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<link rel="stylesheet" href="/widget/frame.css?v=${version('frame.css')}"></head>` +
    `<body><div id="app"></div><script src="/widget/frame.js?v=${version('frame.js')}"></script></body></html>`,
);
for (const name of ['widget.js', 'frame.js', 'frame.css', 'frame.html'])
  writeFileSync(`${dist}${name}.gz`, gzipSync(readFileSync(dist + name), { level: 9 }));
