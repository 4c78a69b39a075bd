// node tools/minify-js.mjs IN OUT [--toplevel]: the page's scripts as the browser gets them, minified by
// terser (npm, package.json): comments and spaces out, local names shortened, the code otherwise as
// written. --toplevel also shortens the script's own top-level names, for portal.js: Emscripten's
// runtime keeps its functions and variables at the top level of a classic script, where no other script
// reads them but `Module` (web/boot.js sets it, web/mirror/ and the tests call into it), which is kept.
// The other scripts share names through `window` and keep their top level as written. The bench minifies
// baseline A's script with the same settings (minifyScript).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

export async function minifyScript(source, { toplevel = false } = {}) {
  const result = await minify(source, {
    ecma: 2020,
    compress: { passes: 2 },
    mangle: toplevel ? { toplevel: true, reserved: ['Module'] } : true,
    toplevel,
    format: { comments: false },
  });
  return result.code + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input, output, ...flags] = process.argv.slice(2);
  if (!input || !output || flags.some((f) => f !== '--toplevel')) {
    console.error('usage: node tools/minify-js.mjs IN OUT [--toplevel]');
    process.exit(2);
  }
  try {
    writeFileSync(output, await minifyScript(readFileSync(input, 'utf8'), { toplevel: flags.includes('--toplevel') }));
  } catch (error) {
    const where = error.line ? `${input}:${error.line}:${error.col}` : input;
    console.error(`minify-js: ${where}: ${error.message}`);
    process.exit(1);
  }
}
