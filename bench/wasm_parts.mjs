// Where the portal's wasm bytes go: the code by part (the app, Dear ImGui, SDL2, nlohmann_json, core,
// the web runner, the C and C++ runtime) from the functions' names of a link that keeps them
// (build/web/portal_profile.wasm, the same objects and flags as portal.wasm plus --profiling-funcs), and
// the data by what the build compiled in (fonts, time zones, the Help Center; the catalogs are served
// beside the wasm, see cmake/web.cmake).
//   node bench/wasm_parts.mjs [build/web/portal_profile.wasm]
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function leb(bytes, at) {
  let value = 0, shift = 0, i = at;
  for (;;) {
    const b = bytes[i++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, i];
  }
}

// The code section's function bodies with their names, and the data section's size.
export function readWasm(file) {
  const bytes = readFileSync(file);
  let at = 8, importedFunctions = 0, data = 0;
  const bodies = [];
  const names = new Map();
  while (at < bytes.length) {
    const id = bytes[at++];
    let size;
    [size, at] = leb(bytes, at);
    const start = at, end = at + size;
    if (id === 2) {  // imports: functions count before the module's own in the name section
      let n, i = at;
      [n, i] = leb(bytes, i);
      for (let k = 0; k < n; k++) {
        let len;
        [len, i] = leb(bytes, i); i += len;
        [len, i] = leb(bytes, i); i += len;
        const kind = bytes[i++];
        if (kind === 0) { [, i] = leb(bytes, i); importedFunctions++; }
        else if (kind === 1) { i += 1; let flags; [flags, i] = leb(bytes, i); [, i] = leb(bytes, i); if (flags & 1) [, i] = leb(bytes, i); }
        else if (kind === 2) { let flags; [flags, i] = leb(bytes, i); [, i] = leb(bytes, i); if (flags & 1) [, i] = leb(bytes, i); }
        else if (kind === 3) i += 2;
      }
    } else if (id === 10) {
      let n, i = at;
      [n, i] = leb(bytes, i);
      for (let k = 0; k < n; k++) {
        let len;
        [len, i] = leb(bytes, i);
        bodies.push(bytes.subarray(i, i + len));
        i += len;
      }
    } else if (id === 11) {
      data = size;
    } else if (id === 0) {
      let len, i = at;
      [len, i] = leb(bytes, i);
      const name = bytes.toString('utf8', i, i + len);
      i += len;
      if (name === 'name') {
        while (i < end) {
          const sub = bytes[i++];
          let subSize;
          [subSize, i] = leb(bytes, i);
          const subEnd = i + subSize;
          if (sub === 1) {
            let n, j = i;
            [n, j] = leb(bytes, j);
            for (let k = 0; k < n; k++) {
              let index, l;
              [index, j] = leb(bytes, j);
              [l, j] = leb(bytes, j);
              names.set(index, bytes.toString('utf8', j, j + l));
              j += l;
            }
          }
          i = subEnd;
        }
      }
    }
    at = start + size;
  }
  return { functions: bodies.map((body, k) => ({ body, name: names.get(k + importedFunctions) || '' })), data };
}

// The part a function belongs to, by its (demangled) name.
export function partOf(name) {
  if (name.includes('nlohmann')) return 'nlohmann_json';
  if (/^(app|ui)::|[( ](app|ui)::/.test(name)) return 'app (screens, state, widgets)';
  if (/^core::|[( ]core::/.test(name)) return 'core (domain)';
  if (/^web::|\(anonymous namespace\)::frame|__original_main|^main$|portal_/.test(name)) return 'web runner';
  if (/^(ImGui|Im[A-Z]|stb|ImFont)|ImGui/.test(name)) return 'Dear ImGui';
  if (/^(SDL|Blit|Emscripten_|SDL_|GLES2_|RLE|Map|Blit)|SDL/.test(name)) return 'SDL2';
  return 'C and C++ runtime, other';
}

const brotli = (buffer) => brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

export function wasmParts(file = path.join(root, 'build/web/portal_profile.wasm')) {
  const { functions, data } = readWasm(file);
  const parts = new Map();
  for (const f of functions) {
    const part = partOf(f.name);
    if (!parts.has(part)) parts.set(part, []);
    parts.get(part).push(f.body);
  }
  const code = [...parts].map(([name, bodies]) => {
    const joined = Buffer.concat(bodies);
    return { name, raw: joined.length, brotli: brotli(joined) };
  }).sort((a, b) => b.raw - a.raw);
  // What the build compiled in as data, by its source files.
  const generated = path.join(root, 'build/web/generated');
  const files = (list) => list.filter(existsSync).map((f) => readFileSync(f));
  const assets = [
    { name: 'fonts (Inter 400, 500, 600: one pack)', buffers: files([path.join(generated, 'Inter.fontpack')]) },
    { name: 'Help Center and regions', buffers: files([path.join(root, 'assets/help_center.json'), path.join(root, 'assets/regions.json')]) },
  ].map((a) => {
    const joined = Buffer.concat(a.buffers);
    return { name: a.name, raw: joined.length, brotli: brotli(joined) };
  });
  const known = assets.reduce((n, a) => n + a.raw, 0);
  assets.push({ name: 'time zones, tables, strings (the rest of the data)', raw: Math.max(0, data - known), brotli: null });
  return { code, data: assets, dataTotal: data, file, size: statSync(file).size };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = wasmParts(process.argv[2]);
  const fmt = (n) => (n === null ? '' : n.toLocaleString('en-US'));
  console.log('code (raw / brotli, each part compressed alone)');
  for (const p of result.code) console.log(`  ${p.name.padEnd(34)} ${fmt(p.raw).padStart(9)} ${fmt(p.brotli).padStart(9)}`);
  console.log(`data (${fmt(result.dataTotal)} bytes in all)`);
  for (const p of result.data) console.log(`  ${p.name.padEnd(34)} ${fmt(p.raw).padStart(9)} ${fmt(p.brotli).padStart(9)}`);
}
