import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './paths';

/**
 * Vitest global setup: builds apps/web and the chat widget (apps/widget) so the server under test serves
 * the current code. Set E2E_SKIP_BUILD=1 to reuse existing dist folders.
 */
export default function buildWebApp(): void {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  const vite = path.join(repoRoot, 'node_modules/vite/bin/vite.js');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: path.join(repoRoot, 'apps/web'),
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
  execFileSync(process.execPath, [path.join(repoRoot, 'apps/widget/build.mjs')], { stdio: 'inherit' });
}
