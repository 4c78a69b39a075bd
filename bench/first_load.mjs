// The first second (issue 22): bytes over the wire and navigation -> first frame of the portal against
// baseline A (a bare Dear ImGui window on SDL2 + WebGL2, Dear ImGui's own web example, built with the
// same sources and toolchain, Emscripten's default runtime settings and output and the stock SDL2 build,
// where the portal links SDL2 lean, trims what it never calls and minifies its scripts: cmake/web.cmake),
// cold, repeated, and inside the admin's iframe. `./dev bench` prints these among its other figures; alone:
//   node bench/first_load.mjs          (BENCH_LOADS=N loads of each, 7 by default)
// Cold loads of A and of the portal take turns, so both meet the same moments of this shared machine;
// each is a new browser context (nothing cached). Figures, never assertions: the goals are printed beside.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { assertEventually, launchBrowser, launchWithProfile, sleep, startServer } from '../tests/e2e/harness.mjs';
import { serveHostPage } from '../tools/host-page.mjs';
import { minifyScript } from '../tools/minify-js.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const builds = {
  portal: { dir: path.join(root, 'build/web/dist'), files: ['index.html', 'portal.css', 'words.js', 'boot.js', 'mirror.js', 'favicon.svg', 'portal.js', 'portal.wasm',
    'i18n-en.json'] },  // the reader's catalog (English, the bench's browser); the others come on a switch
  A: { dir: path.join(root, 'build/web/baseline-dist'), files: ['index.html', 'boot.js', 'baseline_a.js', 'baseline_a.wasm'] },
};

const size = (file) => (existsSync(file) ? statSync(file).size : 0);
export const fmt = (n) => n.toLocaleString('en-US');
export const ratio = (a, b) => (b ? (a / b).toFixed(2) + '×' : 'n/a');
export const median = (values) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// The names the build gave the files (tools/hash-names.mjs: their content's hash in the name).
export const builtName = (build, name) => {
  const manifest = path.join(build.dir, 'manifest.json');
  return (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8'))[name]) || name;
};

export function sizes(build) {
  const rows = build.files.map((name) => {
    const file = path.join(build.dir, builtName(build, name));
    return { name, raw: size(file), gzip: size(file + '.gz'), brotli: size(file + '.br') };
  });
  const total = rows.reduce((t, r) => ({ name: 'total', raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
    { name: 'total', raw: 0, gzip: 0, brotli: 0 });
  return { rows, total };
}

// A's bytes were its script minified as the portal's is (tools/minify-js.mjs, top-level names too): the
// part of the portal's lead that is the minifier's, not the portal's own.
export async function minifiedTotal(build, script) {
  const file = path.join(build.dir, script);
  const code = await minifyScript(readFileSync(file, 'utf8'), { toplevel: true });
  const minified = brotliCompressSync(Buffer.from(code), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const { total } = sizes(build);
  return total.brotli - size(file + '.br') + minified;
}

// Navigation -> first frame of the page at `url` in `page` (in the frame whose URL starts with `frameOrigin`
// when the portal is embedded: then from the top page's navigation, as the merchant waits for it), and
// how many requests reached the network (the cache answered the others).
async function load(page, url, frameOrigin = null) {
  await page.goto(url);
  let frame = page.mainFrame();
  if (frameOrigin) {
    for (let i = 0; i < 600 && !page.frames().some((f) => f.url().startsWith(frameOrigin)); i++) await sleep(50);
    frame = page.frames().find((f) => f.url().startsWith(frameOrigin));
    if (!frame) throw new Error(`${url}: no frame of ${frameOrigin} appeared`);
  }
  await frame.waitForFunction(() => window.portalFirstFrameAt !== undefined, null, { timeout: 60000 });
  const inFrame = await frame.evaluate(() => ({ at: performance.timeOrigin + window.portalFirstFrameAt,
    fetched: performance.getEntriesByType('resource').filter((e) => e.transferSize > 0).length }));
  const top = await page.evaluate(() => ({ origin: performance.timeOrigin,
    fetched: performance.getEntriesByType('resource').filter((e) => e.transferSize > 0).length }));
  // Each document's own navigation counts as a request too.
  const requests = 1 + inFrame.fetched + (frameOrigin ? 1 + top.fetched : 0);
  return { firstFrame: inFrame.at - top.origin, requests };
}

const newContext = (browser) => browser.newContext({ viewport: { width: 1280, height: 800 } });

async function coldLoad(browser, target) {
  const context = await newContext(browser);  // cold cache each time
  try {
    return await load(await context.newPage(), target.url, target.frameOrigin);
  } finally {
    await context.close();
  }
}

// Repeat visits: a warm browser (one visit before) opening the page again in a new tab, `loads` times.
// The first visit's tab stays open (the merchant has the portal open in another tab), unless `closed`:
// then every tab of it is closed before the next visit, as when a merchant comes back another day. The
// two differ: an open tab keeps the page's renderer process running. The browser has a profile on disk,
// as a merchant's has (a new context of the cold loads' browser keeps no compiled code for the wasm).
// With `keptCode`, it writes the wasm's compiled code to its code cache as soon as there is optimized
// code (V8's --wasm-caching-timeout-ms=0), and the visits start once it has: with its defaults Chromium
// 156 never writes this wasm's (its optimized code stays under V8's 1 MB threshold, and the 2 s timeout
// after the last optimized compile that would write it anyway never fires here).
async function repeatLoads(target, loads, { closed = false, keptCode = false } = {}) {
  const warm = await launchWithProfile(keptCode ? ['--js-flags=--wasm-caching-timeout-ms=0'] : []);
  try {
    const first = warm.pages()[0] ?? await warm.newPage();
    await load(first, target.url, target.frameOrigin);
    if (keptCode) await assertEventually(() => warm.keptWasm() > 0, 15000);
    if (closed) await first.close();
    const runs = [];
    for (let i = 0; i < loads; i++) {
      const page = await warm.newPage();
      runs.push(await load(page, target.url, target.frameOrigin));
      await page.close();
    }
    return runs;
  } finally {
    await warm.close();
  }
}

async function idleFrames(browser, url, seconds) {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.portal && window.portal.frames() > 0);
    await sleep(1000);
    const start = await page.evaluate(() => window.portal.frames());
    await sleep(seconds * 1000);
    return (await page.evaluate(() => window.portal.frames())) - start;
  } finally {
    await context.close();
  }
}

// The cold loads of every target in turn, `loads` rounds; then the repeat visits and the idle frames.
// Targets: { name: { url, frameOrigin?, repeat?, keptCode?, idle? } }.
export async function measureTargets(browser, targets, { loads = 7, idleSeconds = 10 } = {}) {
  const result = {};
  for (const name of Object.keys(targets)) result[name] = { firstFrames: [], coldRequests: [] };
  for (let i = 0; i < loads; i++) {
    for (const [name, target] of Object.entries(targets)) {
      const cold = await coldLoad(browser, target);
      result[name].firstFrames.push(cold.firstFrame);
      result[name].coldRequests.push(cold.requests);
    }
  }
  for (const [name, target] of Object.entries(targets)) {
    const r = result[name];
    r.firstFrame = median(r.firstFrames);
    r.coldRequests = median(r.coldRequests);
    if (target.repeat) {
      const runs = await repeatLoads(target, loads);
      r.repeatFrames = runs.map((x) => x.firstFrame);
      r.repeatFrame = median(r.repeatFrames);
      r.repeatRequests = median(runs.map((x) => x.requests));
      const closed = await repeatLoads(target, loads, { closed: true });
      r.closedFrames = closed.map((x) => x.firstFrame);
      r.closedFrame = median(r.closedFrames);
      if (target.keptCode) {
        const kept = await repeatLoads(target, loads, { closed: true, keptCode: true });
        r.keptFrames = kept.map((x) => x.firstFrame);
        r.keptFrame = median(r.keptFrames);
      }
    }
    if (target.idle) r.idleFrames = await idleFrames(browser, target.url, idleSeconds);
  }
  return result;
}

// Starts the servers (the portal's, A's, and the demo host page on its own origin framing a third),
// measures, and stops them.
export async function measureFirstLoad({ loads = 7, idleSeconds = 10 } = {}) {
  const portalServer = await startServer({ web: builds.portal.dir });
  const baseServer = await startServer({ web: builds.A.dir });
  const host = await serveHostPage({ web: builds.portal.dir });
  const hostOrigin = `http://127.0.0.1:${host.address().port}`;
  const embeddedServer = await startServer({ web: builds.portal.dir, args: ['--frame-ancestor', hostOrigin] });
  const browser = await launchBrowser();
  try {
    const runs = await measureTargets(browser, {
      A: { url: baseServer.url, idle: true },
      portal: { url: portalServer.url, repeat: true, keptCode: true, idle: true },
      // Inside the admin: the demo host page embedding the portal in an iframe.
      embedded: { url: `${hostOrigin}/?portal=${encodeURIComponent(embeddedServer.url)}`,
        frameOrigin: new URL(embeddedServer.url).origin, repeat: true },
    }, { loads, idleSeconds });
    return { ...runs, loads, idleSeconds, bytes: { portal: sizes(builds.portal), A: sizes(builds.A),
      AMinified: await minifiedTotal(builds.A, 'baseline_a.js') } };
  } finally {
    await browser.close();
    host.close();
    await Promise.all([portalServer.stop(), baseServer.stop(), embeddedServer.stop()]);
  }
}

const pad = (s, n) => String(s).padStart(n);

export function printBytes(bytes) {
  console.log('\nBytes over the wire (raw / gzip / brotli)');
  for (const [label, s] of [['portal', bytes.portal], ['A (bare Dear ImGui window, stock SDL2, Emscripten\'s JavaScript as written)', bytes.A]]) {
    console.log(`  ${label}`);
    for (const r of [...s.rows, s.total])
      console.log(`    ${r.name.padEnd(16)} ${pad(fmt(r.raw), 10)} ${pad(fmt(r.gzip), 10)} ${pad(fmt(r.brotli), 10)}`);
  }
}

export function printLoads(m) {
  const line = (at, all) => `${at.toFixed(0)} ms   (${all.map((v) => v.toFixed(0)).join(', ')})`;
  const runLine = (run) => line(run.firstFrame, run.firstFrames);
  const repeatLine = (run) => line(run.repeatFrame, run.repeatFrames);
  const closedLine = (run) => line(run.closedFrame, run.closedFrames);
  const spread = (run) => `spread ${Math.min(...run.firstFrames).toFixed(0)}-${Math.max(...run.firstFrames).toFixed(0)} ms`;
  console.log(`\nNavigation -> first frame, headless Chromium (SwiftShader), median of ${m.loads} cold loads each, A and ` +
    'the portal in turn (all of them in brackets); A keeps Emscripten\'s default runtime settings (every WebGL ' +
    'extension enabled at start), the portal enables none (cmake/web.cmake)');
  console.log(`  A, cold           ${runLine(m.A)}, ${m.A.coldRequests} requests`);
  console.log(`  portal, cold      ${runLine(m.portal)}, ${m.portal.coldRequests} requests   goal <= 1.3× A: ` +
    `${ratio(m.portal.firstFrame, m.A.firstFrame)} (${spread(m.portal)}; A ${spread(m.A)})`);
  console.log(`  portal, repeat    ${repeatLine(m.portal)}, ${m.portal.repeatRequests} requests reached the server   ` +
    `goal <= 0.6× cold: ${ratio(m.portal.repeatFrame, m.portal.firstFrame)} (its first tab still open)`);
  console.log(`  portal, repeat with no tab of it left open   ${closedLine(m.portal)}   goal <= 0.6× cold: ` +
    `${ratio(m.portal.closedFrame, m.portal.firstFrame)}`);
  console.log(`  portal, repeat with no tab open, in a browser that kept the wasm's compiled code   ` +
    `${line(m.portal.keptFrame, m.portal.keptFrames)}   ${ratio(m.portal.keptFrame, m.portal.firstFrame)} of cold ` +
    "(V8's --wasm-caching-timeout-ms=0: Chromium 156 with its defaults never keeps it)");
  console.log(`  in the admin's iframe (from the host page's navigation), cold   ${runLine(m.embedded)}, ` +
    `${m.embedded.coldRequests} requests, ${ratio(m.embedded.firstFrame, m.A.firstFrame)} of A`);
  console.log(`  in the admin's iframe, repeat   ${repeatLine(m.embedded)}, ${m.embedded.repeatRequests} requests, ` +
    `${ratio(m.embedded.repeatFrame, m.embedded.firstFrame)} of cold`);
  console.log(`  in the admin's iframe, repeat with no tab of it left open   ${closedLine(m.embedded)}, ` +
    `${ratio(m.embedded.closedFrame, m.embedded.firstFrame)} of cold`);
  console.log(`\nFrames drawn during ${m.idleSeconds} s of idle`);
  console.log(`  portal ${m.portal.idleFrames}`);
  console.log(`  A      ${m.A.idleFrames}`);
}

export function printRatios(m) {
  const { portal, A } = m.bytes;
  console.log('\nRatios portal / A                        goal');
  console.log(`  bytes, brotli total    ${pad(ratio(portal.total.brotli, A.total.brotli), 8)}        <= 1.5× (every feature in)`);
  if (m.bytes.AMinified)
    console.log(`  bytes, brotli total    ${pad(ratio(portal.total.brotli, m.bytes.AMinified), 8)}        against A with its script minified as the portal's (${fmt(m.bytes.AMinified)} bytes)`);
  console.log(`  bytes, gzip total      ${pad(ratio(portal.total.gzip, A.total.gzip), 8)}`);
  console.log(`  bytes, raw total       ${pad(ratio(portal.total.raw, A.total.raw), 8)}`);
  console.log(`  first frame            ${pad(ratio(m.portal.firstFrame, m.A.firstFrame), 8)}        <= 1.3×`);
  console.log(`  first frame, repeat    ${pad(ratio(m.portal.repeatFrame, m.portal.firstFrame), 8)}        <= 0.6× the cold one (its first tab still open)`);
  console.log(`  repeat, no tab open    ${pad(ratio(m.portal.closedFrame, m.portal.firstFrame), 8)}        <= 0.6× the cold one`);
  console.log(`  repeat, code kept      ${pad(ratio(m.portal.keptFrame, m.portal.firstFrame), 8)}        ` +
    "(no tab open; the browser kept the wasm's compiled code: a flag)");
  console.log(`  first frame, iframe    ${pad(ratio(m.embedded.firstFrame, m.A.firstFrame), 8)}        (against A alone)`);
  console.log(`  iframe, repeat         ${pad(ratio(m.embedded.repeatFrame, m.embedded.firstFrame), 8)}        (of its cold one)`);
  console.log(`  idle frames            ${pad(`${m.portal.idleFrames} vs ${m.A.idleFrames}`, 8)}        portal <= 5 in 10 s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const m = await measureFirstLoad({ loads: Number(process.env.BENCH_LOADS || 7),
    idleSeconds: Number(process.env.BENCH_IDLE_SECONDS || 10) });
  printBytes(m.bytes);
  printLoads(m);
  printRatios(m);
}
