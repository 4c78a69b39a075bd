// ./dev bench: the portal against baseline A (a bare Dear ImGui window on SDL2 + WebGL2, same sources,
// toolchain and flags). Prints bytes over the wire, navigation -> first frame in headless Chromium
// (median of 7 cold loads), and frames drawn during 10 s of idle; ratios portal/A last.
// Figures, never assertions: the goals are printed beside them.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { brotliCompressSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, sleep, startServer } from '../tests/e2e/harness.mjs';
import { measureListFrames } from './list_frames.mjs';
import { serveHostPage } from '../tools/host-page.mjs';
import { wasmParts } from './wasm_parts.mjs';
import { accessToken, measureTicketCreation } from './ticket_load.mjs';
import { startCluster } from '../tests/cluster/cluster.mjs';
import { measureMeBesidePasswords } from './signin_load.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const loads = Number(process.env.BENCH_LOADS || 7);
const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS || 10);

const builds = {
  portal: { dir: path.join(root, 'build/web/dist'), files: ['index.html', 'portal.css', 'words.js', 'boot.js', 'mirror.js', 'favicon.svg', 'portal.js', 'portal.wasm',
    'i18n-en.json'] },  // the reader's catalog (English, the bench's browser); the others come on a switch
  A: { dir: path.join(root, 'build/web/baseline-dist'), files: ['index.html', 'boot.js', 'baseline_a.js', 'baseline_a.wasm'] },
};

const size = (file) => (existsSync(file) ? statSync(file).size : 0);
const fmt = (n) => n.toLocaleString('en-US');
const ratio = (a, b) => (b ? (a / b).toFixed(2) + '×' : 'n/a');
const median = (values) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// The names the build gave the files (tools/hash-names.mjs: their content's hash in the name).
const builtName = (build, name) => {
  const manifest = path.join(build.dir, 'manifest.json');
  return (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8'))[name]) || name;
};

function sizes(build) {
  const rows = build.files.map((name) => {
    const file = path.join(build.dir, builtName(build, name));
    return { name, raw: size(file), gzip: size(file + '.gz'), brotli: size(file + '.br') };
  });
  const total = rows.reduce((t, r) => ({ name: 'total', raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
    { name: 'total', raw: 0, gzip: 0, brotli: 0 });
  return { rows, total };
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

async function measure(browser, url, { frameOrigin = null, idle = true } = {}) {
  const firstFrames = [];
  const coldRequests = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });  // cold cache each time
    const cold = await load(await context.newPage(), url, frameOrigin);
    firstFrames.push(cold.firstFrame);
    coldRequests.push(cold.requests);
    await context.close();
  }
  // Repeat visits: a warm browser (one visit before) opening the portal again in a new tab.
  const repeatFrames = [];
  const repeatRequests = [];
  const warm = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await load(await warm.newPage(), url, frameOrigin);
  for (let i = 0; i < loads; i++) {
    const page = await warm.newPage();
    const again = await load(page, url, frameOrigin);
    repeatFrames.push(again.firstFrame);
    repeatRequests.push(again.requests);
    await page.close();
  }
  await warm.close();
  let idleFrames = null;
  if (idle) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.portal && window.portal.frames() > 0);
    await sleep(1000);
    const start = await page.evaluate(() => window.portal.frames());
    await sleep(idleSeconds * 1000);
    idleFrames = (await page.evaluate(() => window.portal.frames())) - start;
    await context.close();
  }
  return { firstFrame: median(firstFrames), firstFrames, idleFrames, coldRequests: median(coldRequests),
    repeatFrame: median(repeatFrames), repeatFrames, repeatRequests: median(repeatRequests) };
}

// SLA engine throughput: the same code natively and in wasm under node.
const slaSeconds = String(process.env.BENCH_SLA_SECONDS || 3);
const slaNative = execFileSync(path.join(root, 'build/native/sla_tool'), ['bench', slaSeconds], { encoding: 'utf8' }).trim();
const slaWasm = execFileSync(process.execPath, [path.join(root, 'build/web/sla_tool_wasm.js'), 'bench', slaSeconds],
  { encoding: 'utf8' }).trim();
const tzTables = JSON.parse(readFileSync(path.join(root, 'build/web/generated/tz_tables.json'), 'utf8'));

// Tickets: durable creations at 64 connections, and My requests' frame with 10,000 tickets.
// A run's p99 follows a handful of stalls of this shared VM: several runs, each on a fresh server, say
// how much it moves.
const ticketSeconds = Number(process.env.BENCH_TICKET_SECONDS || 5);
const ticketRuns = Number(process.env.BENCH_TICKET_RUNS || 3);
const tickets = [];
const paced = [];
for (let i = 0; i < ticketRuns; i++) {
  tickets.push(await measureTicketCreation({ connections: 64, seconds: ticketSeconds }));
  paced.push(await measureTicketCreation({ connections: 64, seconds: ticketSeconds, rate: 2000 }));
}
// The same creations on PostgreSQL: one node alone, and three behind HAProxy (scripts/cluster.sh), in
// turn on one cluster, the token from the proxy (every node checks it).
const cluster = await startCluster({ nodes: 3 });
const pgOne = [];
const pgThree = [];
try {
  const token = await accessToken(cluster, 'ana@demo.store');
  for (let i = 0; i < ticketRuns; i++) {
    pgOne.push(await measureTicketCreation({ connections: 64, seconds: ticketSeconds, target: cluster.nodeUrl(1), token }));
    pgThree.push(await measureTicketCreation({ connections: 64, seconds: ticketSeconds, target: cluster.url, token }));
  }
} finally {
  await cluster.stop();
}
const signin = await measureMeBesidePasswords({ checkers: 8, seconds: ticketSeconds });
const listFrames = execFileSync(path.join(root, 'build/native/frame_bench'), ['10000', '2000'], { encoding: 'utf8' }).trim();

const portalSizes = sizes(builds.portal);
const baseSizes = sizes(builds.A);
const portalServer = await startServer({ web: builds.portal.dir });
const baseServer = await startServer({ web: builds.A.dir });
const browser = await launchBrowser();
let portalRun;
let baseRun;
let embeddedRun;
let browserList;
try {
  baseRun = await measure(browser, baseServer.url);
  portalRun = await measure(browser, portalServer.url);
  // Inside the admin: the demo host page, on its own origin, embedding the portal in an iframe.
  const host = await serveHostPage({ web: builds.portal.dir });
  const hostOrigin = `http://127.0.0.1:${host.address().port}`;
  const embeddedServer = await startServer({ web: builds.portal.dir, args: ['--frame-ancestor', hostOrigin] });
  try {
    const hostUrl = `${hostOrigin}/?portal=${encodeURIComponent(embeddedServer.url)}`;
    embeddedRun = await measure(browser, hostUrl, { frameOrigin: new URL(embeddedServer.url).origin, idle: false });
  } finally {
    host.close();
    await embeddedServer.stop();
  }
  browserList = await measureListFrames(browser, { tickets: Number(process.env.BENCH_LIST_TICKETS || 10000) });
} finally {
  await browser.close();
  await portalServer.stop();
  await baseServer.stop();
}

const pad = (s, n) => String(s).padStart(n);
console.log('\nBytes over the wire (raw / gzip / brotli)');
for (const [label, s] of [['portal', portalSizes], ['A (bare Dear ImGui window)', baseSizes]]) {
  console.log(`  ${label}`);
  for (const r of [...s.rows, s.total])
    console.log(`    ${r.name.padEnd(16)} ${pad(fmt(r.raw), 10)} ${pad(fmt(r.gzip), 10)} ${pad(fmt(r.brotli), 10)}`);
}
// The same files before the admin's look came in (bench/bytes_before_look.json), beside today's.
const before = JSON.parse(readFileSync(path.join(root, 'bench/bytes_before_look.json'), 'utf8'));
console.log(`\nBytes before the admin's look (commit ${before.commit}) and now, brotli`);
for (const r of portalSizes.rows) {
  const old = before.files.find((f) => f.name === r.name);
  console.log(`    ${r.name.padEnd(16)} ${pad(old ? fmt(old.brotli) : '(new)', 10)} ${pad(fmt(r.brotli), 10)}`);
}
const beforeTotal = before.files.reduce((t, f) => t + f.brotli, 0);
console.log(`    ${'total'.padEnd(16)} ${pad(fmt(beforeTotal), 10)} ${pad(fmt(portalSizes.total.brotli), 10)}   ` +
  `${ratio(portalSizes.total.brotli, beforeTotal)}`);
// Where the wasm's bytes go: the same link with the functions' names kept (build/web/portal_profile.wasm).
execFileSync('cmake', ['--build', path.join(root, 'build/web'), '--target', 'portal_profile'], { stdio: 'ignore' });
const parts = wasmParts(path.join(root, 'build/web/portal_profile.wasm'));
console.log('\nWhere the wasm goes (raw / brotli of each part alone; the parts compress worse apart than together)');
for (const p of parts.code) console.log(`  code: ${p.name.padEnd(34)} ${pad(fmt(p.raw), 9)} ${pad(fmt(p.brotli), 9)}`);
for (const p of parts.data) console.log(`  data: ${p.name.padEnd(34)} ${pad(fmt(p.raw), 9)} ${pad(p.brotli === null ? '' : fmt(p.brotli), 9)}`);
console.log(`\nNavigation -> first frame, headless Chromium (SwiftShader), median of ${loads} loads each (all of them in brackets)`);
const runLine = (run) => `${run.firstFrame.toFixed(0)} ms   (${run.firstFrames.map((v) => v.toFixed(0)).join(', ')})`;
console.log(`  portal, cold      ${runLine(portalRun)}, ${portalRun.coldRequests} requests`);
console.log(`  portal, repeat    ${portalRun.repeatFrame.toFixed(0)} ms   (${portalRun.repeatFrames.map((v) => v.toFixed(0)).join(', ')}), ` +
  `${portalRun.repeatRequests} requests reached the server   goal <= 0.6× cold: ${ratio(portalRun.repeatFrame, portalRun.firstFrame)}`);
console.log(`  in the admin's iframe (from the host page's navigation), cold   ${runLine(embeddedRun)}, ${embeddedRun.coldRequests} requests`);
console.log(`  in the admin's iframe, repeat   ${embeddedRun.repeatFrame.toFixed(0)} ms   ` +
  `(${embeddedRun.repeatFrames.map((v) => v.toFixed(0)).join(', ')}), ${embeddedRun.repeatRequests} requests, ` +
  `${ratio(embeddedRun.repeatFrame, embeddedRun.firstFrame)} of cold`);
console.log(`  A, cold           ${runLine(baseRun)}`);
console.log(`\nFrames drawn during ${idleSeconds} s of idle`);
console.log(`  portal ${portalRun.idleFrames}`);
console.log(`  A      ${baseRun.idleFrames}`);
console.log('\nSLA first-response computations (goal >= 1,000,000/s native)');
console.log(`  native ${slaNative}`);
console.log(`  wasm   ${slaWasm}`);
console.log('\nTicket creations, 64 keep-alive connections on loopback, each 201 committed (WAL, synchronous=FULL, group commit)');
console.log(`  ${ticketRuns} runs of ${ticketSeconds} s each way, sent by build/native/ticket_load`);
const runs = (list, key, digits) => list.map((r) => r[key].toFixed(digits)).join(', ');
console.log(`  as fast as answers come: ${runs(tickets, 'perSecond', 0)} /s (goal >= 2,000/s), ` +
  `${tickets.reduce((n, r) => n + r.failures, 0)} failed`);
console.log(`    p50 ${runs(tickets, 'p50', 1)} ms; p99 ${runs(tickets, 'p99', 1)} ms (goal < 25 ms), median ` +
  `${median(tickets.map((r) => r.p99)).toFixed(1)} ms`);
console.log(`  paced at 2,000/s (latency from the instant each was due): ${paced.reduce((n, r) => n + r.failures, 0)} failed`);
console.log(`    p50 ${runs(paced, 'p50', 1)} ms; p99 ${runs(paced, 'p99', 1)} ms, median ` +
  `${median(paced.map((r) => r.p99)).toFixed(1)} ms`);
console.log('\nThe same, side by side: SQLite on one node, PostgreSQL 15 on one node, three nodes behind HAProxy');
for (const [name, list] of [['SQLite, 1 node', tickets], ['PostgreSQL, 1 node', pgOne], ['PostgreSQL, 3 nodes + HAProxy', pgThree]]) {
  console.log(`  ${name.padEnd(30)} ${runs(list, 'perSecond', 0)} /s; p99 ${runs(list, 'p99', 1)} ms; ` +
    `${list.reduce((n, r) => n + r.failures, 0)} failed`);
}
console.log(`\nGET /api/me while ${signin.checkers} clients check passwords (argon2id) back to back, ${signin.seconds} s each way`);
console.log(`  alone:              p50 ${signin.alone.p50.toFixed(2)} ms, p99 ${signin.alone.p99.toFixed(2)} ms (${fmt(signin.alone.count)} reads)`);
console.log(`  beside the checks:  p50 ${signin.beside.p50.toFixed(2)} ms, p99 ${signin.beside.p99.toFixed(2)} ms ` +
  `(${fmt(signin.beside.count)} reads, ${fmt(signin.checks)} password checks): ${(signin.beside.p99 / signin.alone.p99).toFixed(1)}x`);
console.log('\nMy requests, frame time with 10,000 tickets listed against an empty list (goal <= 1.2x)');
console.log(`  in the browser, the page's main thread per drawn frame (wasm, WebGL calls, mirror), pointer moving, ` +
  `two pages in turn: ${fmt(browserList.tickets)} tickets ${browserList.full.toFixed(2)} ms, empty list ` +
  `${browserList.empty.toFixed(2)} ms: ${browserList.ratio.toFixed(2)}x (${fmt(browserList.frames)} frames)`);
console.log(`  Dear ImGui and the app alone, CPU, headless, the three lists in turn: ${listFrames}`);
console.log(`\nTime-zone data carried by the wasm: ${fmt(tzTables.bytes)} bytes of transition tables for ` +
  `${tzTables.zones.map((z) => `${z.name} (${z.transitions})`).join(', ')}; IANA tzdata ${tzTables.tzdata}`);
// What the languages carry: the Inter subsets (Debian's fonts-inter, cut at build time to the glyphs
// of English, Spanish and Portuguese, with quadratic outlines), compiled into the wasm, and the three catalogs served beside it
// (the reader's in the first download, another on a switch).
const brotli = (file) => brotliCompressSync(readFileSync(file)).length;
console.log('\nLanguages: fonts in the wasm, catalogs beside it (raw / brotli bytes)');
for (const name of ['Inter-Regular', 'Inter-Medium', 'Inter-SemiBold']) {
  const subset = path.join(root, `build/web/generated/${name}-subset.ttf`);
  const debian = `/usr/share/fonts/opentype/inter/${name}.otf`;
  if (existsSync(subset)) {
    console.log(`  ${(name + ' subset').padEnd(22)} ${pad(fmt(size(subset)), 8)} ${pad(fmt(brotli(subset)), 8)}   ` +
      `(Debian's whole font: ${fmt(size(debian))}, ${ratio(size(subset), size(debian))})`);
  }
}
for (const lang of ['en', 'es', 'pt']) {
  const catalog = path.join(root, `assets/i18n/${lang}.json`);
  console.log(`  ${(`catalog ${lang}.json`).padEnd(22)} ${pad(fmt(size(catalog)), 8)} ${pad(fmt(brotli(catalog)), 8)}`);
}
console.log('\nRatios portal / A                        goal');
console.log(`  bytes, brotli total    ${pad(ratio(portalSizes.total.brotli, baseSizes.total.brotli), 8)}        <= 1.5× (once every feature is in)`);
console.log(`  bytes, gzip total      ${pad(ratio(portalSizes.total.gzip, baseSizes.total.gzip), 8)}`);
console.log(`  bytes, raw total       ${pad(ratio(portalSizes.total.raw, baseSizes.total.raw), 8)}`);
console.log(`  first frame            ${pad(ratio(portalRun.firstFrame, baseRun.firstFrame), 8)}        <= 1.3×`);
console.log(`  first frame, repeat    ${pad(ratio(portalRun.repeatFrame, portalRun.firstFrame), 8)}        <= 0.6× the cold one`);
console.log(`  first frame, iframe    ${pad(ratio(embeddedRun.firstFrame, baseRun.firstFrame), 8)}        (against A alone)`);
console.log(`  idle frames            ${pad(`${portalRun.idleFrames} vs ${baseRun.idleFrames}`, 8)}        portal <= 5 in 10 s`);
