// The first second: the wasm and its loader start downloading with the page (the wasm by the page's own
// start script, portal.js a deferred script of the page itself, neither found by boot.js later), a second
// visit takes every file named by its content from the browser's cache without asking the server (only
// the page itself is revalidated), and the wasm's compiled code too where the browser kept it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { builtName } from '../../bench/first_load.mjs';
import { assertEventually, browserAndServers, button, decodePng, launchWithProfile, startServer, webDir }
  from './harness.mjs';

const session = browserAndServers();
// A file the server serves, under the name the build gave it (its content's hash).
const served = (name) => path.join(webDir, builtName({ dir: webDir }, name));
const contentNamed = /\/[a-z]+\.[0-9a-f]{10}\.[a-z]+$/;

test('the page starts the wasm and loads portal.js itself; a second visit asks the server for the page alone', async () => {
  session.server = await startServer();
  const context = await session.browser.newContext();
  const first = await context.newPage();
  const refused = [];
  first.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) refused.push(m.text()); });
  await first.goto(session.server.url);
  await first.waitForFunction(() => window.portal && window.portal.frames() > 0);
  // No preload of the wasm: Chromium gives a preloaded response none of the wasm's kept compiled code (the
  // code cache test below); the start script fetches it as early.
  const preloads = await first.evaluate(() => [...document.querySelectorAll('link[rel=preload]')].map((l) => l.href));
  assert.deepEqual(preloads.filter((h) => /\.wasm$/.test(h)), [], 'the wasm is not preloaded');
  // portal.js is in the page as served (the parser finds it), deferred: it runs right after boot.js.
  const html = await first.evaluate(() => fetch(location.href).then((r) => r.text()));
  assert.match(html, /<script id="portal-js" src="portal\.[0-9a-f]{10}\.js" defer><\/script>/);
  // shell.html's comments stay in the source (tools/hash-names.mjs).
  assert.ok(readFileSync(new URL('../../shell.html', import.meta.url), 'utf8').includes('<!--'), 'shell.html has comments');
  assert.ok(!html.includes('<!--'), 'the page is served without its comments');
  // The wasm was downloaded once, by the page's own start script.
  const wasmLoads = await first.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => /\/portal\.[0-9a-f]{10}\.wasm$/.test(e.name)).length);
  assert.equal(wasmLoads, 1);
  // That script (inline, allowed by its hash in the server's CSP) started the compile and the reader's
  // catalog with the page; boot.js took both, and the catalog was fetched once.
  assert.equal(await first.evaluate(() => typeof window.portalStart === 'object' && window.portalStart.lang), 'en');
  assert.equal(await first.evaluate(() => window.portalStart.catalog), null, 'boot.js took the started catalog');
  const catalogLoads = await first.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => /\/i18n-[a-z]{2}\.[0-9a-f]{10}\.json$/.test(e.name)).length);
  assert.equal(catalogLoads, 1);
  // It stands above the page's stylesheet: a script runs only once the stylesheets above it arrived.
  assert.ok(html.indexOf('<script>') !== -1 && html.indexOf('<script>') < html.indexOf('<link rel="stylesheet"'),
    "the page's start script comes before its stylesheet");
  assert.deepEqual(refused, [], 'the browser refused none of the page (Content-Security-Policy)');
  await first.close();

  const requests = [];
  const second = await context.newPage();
  second.on('request', (r) => requests.push(r));
  await second.goto(session.server.url);
  await second.waitForFunction(() => window.portal && window.portal.frames() > 0);
  // What reached the network (not the memory or disk cache): Resource Timing's transfer size is 0 for
  // a file the cache answered, and counts the headers of a 304.
  const fetched = await second.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.transferSize > 0).map((e) => new URL(e.name).pathname));
  const named = requests.map((r) => new URL(r.url()).pathname).filter((p) => contentNamed.test(p));
  assert.ok(named.length >= 6, `the second visit used the content-named files (${named})`);
  assert.deepEqual(fetched.filter((p) => contentNamed.test(p)), [], 'no content-named file was asked for again');
  await context.close();
});

// Chromium keeps a wasm's compiled code beside its cached file (its code cache) and gives it back to the
// compile of a later visit, which then compiles next to nothing on its first calls. The portal must take
// it: with a `<link rel="preload">` of the wasm, 3 visits of 5 compiled it again. The browser here
// has a profile on disk, as a merchant's has (a test context keeps no code cache), and writes the code as
// soon as it is optimized (V8's --wasm-caching-timeout-ms=0; with its defaults Chromium 156 never writes
// this wasm's: bench/first_load.mjs prints a repeat visit both ways).
test("later visits take the wasm's compiled code from the browser's code cache", async () => {
  session.server = await startServer();
  const context = await launchWithProfile(['--js-flags=--wasm-caching-timeout-ms=0']);
  try {
    const first = context.pages()[0] ?? await context.newPage();
    await first.goto(session.server.url);
    await first.waitForFunction(() => window.portal && window.portal.frames() > 0);
    await assertEventually(() => context.keptWasm() > 0, 15000);

    // Five more visits, each in a new tab. With a preload of the wasm, 2 of 5 (measured) took the kept code.
    const cdp = await context.newCDPSession(first);
    await cdp.send('Tracing.start', { categories: 'disabled-by-default-devtools.timeline,v8.wasm',
      transferMode: 'ReturnAsStream' });
    for (let visit = 0; visit < 5; visit++) {
      const again = await context.newPage();
      await again.goto(session.server.url);
      await again.waitForFunction(() => window.portal && window.portal.frames() > 0);
      await again.close();
    }
    const ended = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    const { stream } = await ended;
    let text = '';
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle: stream });
      text += chunk.data;
      if (chunk.eof) break;
    }
    const parsed = JSON.parse(text);
    const names = (parsed.traceEvents ?? parsed).map((e) => e.name);
    const count = (name) => names.filter((n) => n === name).length;
    assert.equal(count('v8.wasm.streamFromResponseCallback'), 5, 'five compiles of the wasm were traced');
    assert.equal(count('v8.wasm.moduleCacheHit'), 5, 'the compile of each later visit took the kept code');
    // What they still compiled on first calls: functions no visit had optimized yet (60-130 a visit, of
    // the 1,267 a visit without the kept code compiles).
    const compiled = count('wasm.CompileLazy');
    assert.ok(compiled < 5 * 600, `${compiled} functions compiled on their first call`);
  } finally {
    await context.close();
  }
});

// Dear ImGui's built-in font (ProggyClean) is left out of the wasm: the web link sends its one caller to
// src/web/default_font.cpp (cmake/web.cmake). Its compressed data starts with these base85 characters
// (imgui_draw.cpp, proggy_clean_ttf_compressed_data_base85); the portal's own fonts are in.
test("the portal's wasm carries none of Dear ImGui's built-in font", () => {
  const wasm = readFileSync(served('portal.wasm'));
  assert.ok(wasm.length > 100000, 'the built wasm was read');
  assert.equal(wasm.indexOf("7])#######hV0qs'/###[),##/l:$#Q6>##5[n42>c-TH`->>#/e>11NNV=Bv(*:.F?uu#(gRU.o0XGH"), -1,
    'ProggyClean is in the wasm');
  // The fonts the portal draws with are in: runs of the build's font pack (tools/font-pack.py; its
  // streams of outlines, from the middle of the file).
  const pack = readFileSync(path.join(webDir, '..', 'generated', 'Inter.fontpack'));
  for (const at of [0.4, 0.6, 0.8].map((share) => Math.floor(pack.length * share))) {
    assert.notEqual(wasm.indexOf(pack.subarray(at, at + 64)), -1, "the portal's Inter is in the wasm");
  }
});

// The page lays the mirror's words in the canvas's own fonts, the three weights the wasm unpacked from its
// pack (src/app/ui/font_pack.cpp): the browser's font sanitizer takes each of them.
test('the browser loads the three fonts the portal unpacked, for the words it lays over the canvas', async () => {
  session.server = await startServer();
  const page = await session.browser.newPage();
  await page.goto(session.server.url);
  await page.waitForFunction(() => window.portal && window.portal.frames() > 0);
  await page.waitForFunction(() => [...document.fonts].filter((f) => f.family === 'PortalInter' && f.status !== 'loading').length === 3);
  const faces = await page.evaluate(() => [...document.fonts].filter((f) => f.family === 'PortalInter')
    .map((f) => `${f.weight} ${f.status}`).sort());
  assert.deepEqual(faces, ['400 loaded', '500 loaded', '600 loaded']);
  // The browser sets text in them: the SemiBold's letters are wider than the Regular's.
  const widths = await page.evaluate(() => {
    const context = document.createElement('canvas').getContext('2d');
    return [400, 600].map((weight) => {
      context.font = `${weight} 40px PortalInter`;
      return context.measureText('mmmm').width;
    });
  });
  assert.ok(widths[1] > widths[0], `SemiBold sets wider than Regular (${widths})`);
  await page.close();
});

// The first font atlas holds the reader's catalog's characters (src/app/ui/fonts.cpp); the rest come when
// the page is idle, or at once when a frame needs one (src/web/main.cpp). Here the page is never idle, and
// the reader switches from English to Portuguese: the Help Center's Portuguese needs letters the English
// catalog lacks (ç, ã, ó), and only the frame that found them missing can have built them. What shows is
// the same as the same screen at a start in Portuguese (without that rebuild, ~9,600 pixels differ).
test('a frame that needs glyphs the first atlas left out shows them, as a start in that language does', async () => {
  session.server = await startServer();
  const content = { x: 0, y: 70, width: 1280, height: 380 };  // below the top bar: heading, text, search, card
  const shot = async (locale, switchTo) => {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
    await context.addInitScript(() => { window.requestIdleCallback = () => 0; });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(session.server.url + '#/help');
    await page.waitForFunction(() => window.portal && window.portal.frames() > 0);
    if (switchTo) await button(page, switchTo).click();
    await page.getByRole('heading', { name: 'Central de Ajuda', level: 1 }).waitFor();
    await page.mouse.move(640, 780);
    await page.waitForTimeout(600);
    const png = await page.screenshot({ clip: content });
    assert.deepEqual(problems, []);
    await context.close();
    return decodePng(png).gray;
  };
  const switched = await shot('en-US', 'Português');
  const started = await shot('pt-BR', null);
  assert.equal(switched.length, started.length);
  // The same glyphs at the same places. The two atlases differ in size, so the texture's coordinates are
  // other floats and sampling may round a pixel's coverage one level the other way; a glyph missing, or
  // set elsewhere, changes hundreds of pixels by far more.
  let differing = 0, largest = 0;
  for (let i = 0; i < switched.length; i++) {
    const d = Math.abs(switched[i] - started[i]);
    largest = Math.max(largest, d);
    if (d > 2) differing++;
  }
  assert.equal(differing, 0, `${differing} pixels differ by more than 2 levels (the most by ${largest})`);
});

// The portal's wasm leaves out what SDL2 and Dear ImGui bring that it never uses (each named where it is
// left out): SDL's game controller database, which Dear ImGui's SDL2 backend referenced
// (src/web/game_controller.cpp); SDL's gesture recognizer (src/web/touch_gestures.cpp); the offscreen
// video driver (the lean SDL2 of scripts/setup.sh); Dear ImGui's debug tools (cmake/imgui_defs.cmake).
// Baseline A, built stock, carries each, which shows that these are the words to look for.
test("the portal's wasm carries none of SDL's controller database, gestures, offscreen driver or Dear ImGui's debug tools", () => {
  const wasm = readFileSync(served('portal.wasm'));
  const baseline = readFileSync(path.join(webDir, '..', 'baseline_a.wasm'));
  assert.ok(wasm.length > 100000, 'the built wasm was read');
  const marks = {
    "SDL's game controller database": 'leftshoulder:b',
    "SDL's offscreen video driver": '\0offscreen\0',
    "Dear ImGui's debug log": 'Auto-disabled some ImGuiDebugLogFlags',
    "SDL's gesture recognizer": 'no gesture touch devices registered',
  };
  for (const [what, mark] of Object.entries(marks)) {
    assert.notEqual(baseline.indexOf(mark), -1, `baseline A carries ${what}`);
    assert.equal(wasm.indexOf(mark), -1, `the portal's wasm carries ${what}`);
  }
});

// portal.js carries the JavaScript of the GL functions the portal calls, not of every one Emscripten has:
// SDL's eglGetProcAddress knows only the few SDL asks for (src/web/gl_proc_address.cpp). Read by the WebGL
// methods the script calls (property names, which minifying keeps): the one the portal draws with is
// there, and none of those Emscripten's whole table would bring (baseline A's script has each).
test("portal.js carries the GL functions the portal calls, not Emscripten's whole table", () => {
  const js = readFileSync(served('portal.js'), 'utf8');
  const calls = (method) => new RegExp(`(\\.${method}|\\["${method}"\\])\\(`);
  assert.match(js, calls('drawElements'), 'the GL function the portal draws with is in');
  for (const unused of ['texStorage3D', 'drawArraysInstanced', 'getQueryParameter', 'compressedTexImage2D'])
    assert.doesNotMatch(js, calls(unused), `portal.js carries WebGL's ${unused}, which the portal never calls`);
});

// The scripts of the first download are served minified (tools/minify-js.mjs): no comments, and
// portal.js's runtime with its own names shortened, `Module` kept for the page's other scripts.
test('the first download serves its scripts minified', () => {
  for (const name of ['boot.js', 'mirror.js', 'words.js', 'portal.js']) {
    const js = readFileSync(served(name), 'utf8');
    assert.doesNotMatch(js, /^\s*\/\//m, `${name} is served with its comments`);
    assert.ok(js.split('\n').length <= 3, `${name} is served with its line breaks`);
  }
  const portal = readFileSync(served('portal.js'), 'utf8');
  assert.doesNotMatch(portal, /function updateGlobalBufferAndViews/, "portal.js keeps the runtime's long names");
  assert.match(portal, /\bModule\b/, 'portal.js no longer names Module, which boot.js sets');
});
