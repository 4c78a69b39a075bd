// node tools/hash-names.mjs DIST: gives the portal's static files names that change with their content
// (portal.3f9c0a1b2d.wasm), so the server can let browsers keep them for a year (Cache-Control:
// immutable) while the pages that name them (index.html, callback.html) stay revalidated at each visit.
// Rewrites the names where they are referenced, leaves the pages' comments out, writes the brotli and
// gzip siblings of the files it changed, removes the old copies, and writes DIST/manifest.json (plain
// name -> hashed name).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = process.argv[2];
if (!dist) {
  console.error('usage: node tools/hash-names.mjs DIST');
  process.exit(2);
}

// In the order they can be named: a file's references are rewritten before its own hash is taken.
const hashed = ['i18n-en.json', 'i18n-es.json', 'i18n-pt.json', 'portal.wasm', 'favicon.svg', 'portal.css', 'words.js', 'mirror.js', 'callback.js', 'portal.js', 'boot.js'];
const pages = ['index.html', 'callback.html'];
const hashedName = /\.[0-9a-f]{10}\.[a-z]+$/;

const manifest = {};
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// The names the text references, each replaced by its hashed name where it stands quoted (HTML
// attributes, JavaScript strings).
function rewrite(text) {
  let out = text;
  for (const [plain, named] of Object.entries(manifest)) {
    out = out.replace(new RegExp(`(["'])${escape(plain)}(["'])`, 'g'), `$1${named}$2`);
  }
  return out;
}

function writeWithSiblings(file, bytes) {
  writeFileSync(file, bytes);
  writeFileSync(file + '.br', brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(file + '.gz', gzipSync(bytes, { level: 9 }));
}

for (const plain of hashed) {
  const file = path.join(dist, plain);
  if (!existsSync(file)) continue;
  const original = readFileSync(file);
  const textual = /\.(js|css|svg)$/.test(plain);
  const bytes = textual ? Buffer.from(rewrite(original.toString('utf8')), 'utf8') : original;
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
  const ext = path.extname(plain);
  const named = `${path.basename(plain, ext)}.${digest}${ext}`;
  const target = path.join(dist, named);
  if (!existsSync(target)) {
    if (bytes.equals(original)) {
      // Unchanged: the siblings stage-web.sh compressed are still right.
      renameSync(file, target);
      for (const sibling of ['.br', '.gz']) if (existsSync(file + sibling)) renameSync(file + sibling, target + sibling);
    } else {
      writeWithSiblings(target, bytes);
    }
  }
  for (const sibling of ['', '.br', '.gz']) rmSync(file + sibling, { force: true });
  manifest[plain] = named;
}

// The pages' comments are for whoever reads their sources (shell.html), not for the browser: they are
// left out of what is served (316 of index.html's 1,250 bytes in brotli).
for (const page of pages) {
  const file = path.join(dist, page);
  if (!existsSync(file)) continue;
  const text = readFileSync(file, 'utf8');
  const out = rewrite(text.replace(/<!--[\s\S]*?-->\n?/g, ''));
  if (out !== text) writeWithSiblings(file, Buffer.from(out, 'utf8'));
}

// Copies named by earlier builds.
const current = new Set(Object.values(manifest).flatMap((n) => [n, n + '.br', n + '.gz']));
for (const name of readdirSync(dist)) {
  const base = name.replace(/\.(br|gz)$/, '');
  if (hashedName.test(base) && !current.has(name)) rmSync(path.join(dist, name));
}
writeFileSync(path.join(dist, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
