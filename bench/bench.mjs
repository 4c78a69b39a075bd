// ./dev bench: the portal against baseline A (a bare Dear ImGui window on SDL2 + WebGL2, same sources and
// toolchain). Prints bytes over the wire and where the wasm's go, navigation -> first frame in headless
// Chromium (cold, repeated, in the admin's iframe: first_load.mjs, which also runs alone), frames drawn
// during 10 s of idle, the SLA engine, ticket creations on SQLite and PostgreSQL, sign-in beside password
// checks, and My requests' frame with 10,000 tickets; ratios portal/A last.
// Figures, never assertions: the goals are printed beside them.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { brotliCompressSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../tests/e2e/harness.mjs';
import { measureListFrames } from './list_frames.mjs';
import { wasmParts } from './wasm_parts.mjs';
import { accessToken, measureTicketCreation } from './ticket_load.mjs';
import { startCluster } from '../tests/cluster/cluster.mjs';
import { measureMeBesidePasswords } from './signin_load.mjs';
import { fmt, measureFirstLoad, median, printBytes, printLoads, printRatios, ratio } from './first_load.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const loads = Number(process.env.BENCH_LOADS || 7);
const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS || 10);
const size = (file) => (existsSync(file) ? statSync(file).size : 0);

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

// The first second: bytes, cold and repeat loads against A, inside the admin's iframe (first_load.mjs).
const first = await measureFirstLoad({ loads, idleSeconds });
const portalSizes = first.bytes.portal;
const browser = await launchBrowser();
let browserList;
try {
  browserList = await measureListFrames(browser, { tickets: Number(process.env.BENCH_LIST_TICKETS || 10000) });
} finally {
  await browser.close();
}

const pad = (s, n) => String(s).padStart(n);
printBytes(first.bytes);
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
printLoads(first);
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
// What the languages carry: Inter (each weight instanced from Debian's fonts-inter-variable, cut at build
// time to the glyphs of English, Spanish and Portuguese), compiled into the wasm as one pack
// (tools/font-pack.py), and the three catalogs served beside it (the reader's in the first download,
// another on a switch).
const brotli = (file) => brotliCompressSync(readFileSync(file)).length;
console.log('\nLanguages: fonts in the wasm, catalogs beside it (raw / brotli bytes)');
const generated = path.join(root, 'build/web/generated');
const debianInter = '/usr/share/fonts/truetype/inter-vf/Inter-roman.var.ttf';  // every weight in one
const instances = ['Inter-Regular', 'Inter-Medium', 'Inter-SemiBold'].map((n) => path.join(generated, `${n}-subset.ttf`));
const fontPack = path.join(generated, 'Inter.fontpack');
if (existsSync(fontPack) && instances.every(existsSync)) {
  const joined = Buffer.concat(instances.map((f) => readFileSync(f)));
  console.log(`  ${'Inter 400/500/600 pack'.padEnd(22)} ${pad(fmt(size(fontPack)), 8)} ${pad(fmt(brotli(fontPack)), 8)}   ` +
    `(the three instanced fonts it is made from: ${fmt(joined.length)} / ${fmt(brotliCompressSync(joined).length)}; ` +
    `Debian's whole variable font: ${fmt(size(debianInter))})`);
}
for (const lang of ['en', 'es', 'pt']) {
  const catalog = path.join(root, `assets/i18n/${lang}.json`);
  console.log(`  ${(`catalog ${lang}.json`).padEnd(22)} ${pad(fmt(size(catalog)), 8)} ${pad(fmt(brotli(catalog)), 8)}`);
}
printRatios(first);
