// Builds the API's reference page from docs/openapi.yaml at build time (the server embeds it and serves
// it at /api/reference): `redocly build-docs` renders the whole document to HTML on the server side,
// then the two scripts it adds (the colour-mode switch, and the interactive version loaded from a CDN)
// are removed, so the page is self-contained: styles and text, no script, nothing fetched elsewhere.
//   node tools/api-reference.mjs docs/openapi.yaml OUT.html
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node tools/api-reference.mjs docs/openapi.yaml OUT.html');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const redocly = path.join(root, 'node_modules/.bin/redocly');
const work = mkdtempSync(path.join(tmpdir(), 'api-reference-'));
try {
  const built = path.join(work, 'reference.html');
  const run = spawnSync(redocly, ['build-docs', input, '-o', built, '--title', 'Support portal API'], {
    encoding: 'utf8',
    // No telemetry, no update check: a build makes no network request.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  if (run.status !== 0) {
    console.error(`api-reference: redocly build-docs failed (run npm ci first?)\n${run.stdout}${run.stderr}`);
    process.exit(1);
  }
  let html = readFileSync(built, 'utf8');
  html = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
  html = html.replace(/<link\b[^>]*\bhref="https?:\/\/[^"]*"[^>]*>/g, '');
  // The light theme, always (the colour-mode script that chose one is gone).
  html = html.replace(/<html\b([^>]*)>/, (tag, attributes) =>
    attributes.includes('class=') ? tag : `<html${attributes} class="light">`);
  const fetched = /<(?:script|link|img|iframe)\b[^>]*(?:src|href)="https?:\/\//.exec(html);
  if (fetched || /<script\b/.test(html)) {
    console.error(`api-reference: the page still loads something: ${fetched ? fetched[0] : '<script>'}`);
    process.exit(1);
  }
  writeFileSync(output, html);
} finally {
  rmSync(work, { recursive: true, force: true });
}
