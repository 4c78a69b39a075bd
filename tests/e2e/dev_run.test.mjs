// `./dev run` as a newcomer runs it, with the third-party cache already there (./dev test built
// everything first): it serves the portal on the port asked for (a ticket opened there has its emails in
// the dev outbox), its last line says where, and Ctrl+C
// stops everything it started; a port in use ends it before any building, with one sentence saying
// what to do; the native tree configures without the native Dear ImGui, as a fresh machine has it; and
// SDL2 configured with the feature checks recorded for this toolchain runs none and comes out the same.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { accessToken } from '../../bench/ticket_load.mjs';
import { assertEventually, freePort } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Starts ./dev run; `output()` is everything it printed so far, `exited` its exit code once it ends.
function devRun(args) {
  const child = spawn(path.join(root, 'dev'), ['run', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.on('data', (d) => { text += d; });
  child.stderr.on('data', (d) => { text += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return { child, output: () => text, exited };
}

const listening = (port) => new Promise((resolve) => {
  const socket = net.connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); });
  socket.on('error', () => resolve(false));
});

// Three free ports in a row (the portal, the Google stand-in, the demo host page).
async function threePorts() {
  for (;;) {
    const port = await freePort();
    if (port < 65000 && !(await listening(port + 1)) && !(await listening(port + 2))) return port;
  }
}

test('./dev run serves the portal, says where last, and Ctrl+C stops all it started', { timeout: 300000 }, async () => {
  const port = await threePorts();
  const data = mkdtempSync(path.join(tmpdir(), 'portal-dev-run-'));
  const run = devRun(['--port', String(port), '--data', data]);
  try {
    const where = `The support portal: http://127.0.0.1:${port}/`;
    await assertEventually(() => run.output().includes(where) || run.child.exitCode !== null, 240000);
    assert.ok(run.output().includes(where), `./dev run ended without serving:\n${run.output()}`);
    const lines = run.output().trimEnd().split('\n');
    assert.match(lines[lines.length - 1], new RegExp(`Ready in .*${where.replace(/[./]/g, '\\$&')}$`));
    const page = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<canvas id="canvas"/);
    assert.ok(await listening(port + 1), 'the Google stand-in listens on the next port');
    assert.ok(await listening(port + 2), 'the demo host page listens on the port after');
    // A ticket opened here: its emails (to Ana and to the person copied) show in the dev outbox.
    const server = { url: `http://127.0.0.1:${port}/` };
    const token = await accessToken(server, 'ana@demo.store');
    const opened = await fetch(new URL('/api/accounts/lojadaana/tickets', server.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': 'dev-run-1' },
      body: JSON.stringify({ kind: 'question', title: 'Where is my invoice?', description: 'Looking for it.',
        environment: 'production', experience: 'beginner', cc: ['ops@loja.com.br'], attachments: [] }),
    });
    assert.equal(opened.status, 201);
    const outbox = async (to) => (await (await fetch(new URL(`/dev/outbox?to=${to}`, server.url))).json()).messages;
    await assertEventually(async () => (await outbox('ops%40loja.com.br')).some((m) => m.subject === '[#1001] Where is my invoice?'), 10000);
    assert.ok((await outbox('ana%40demo.store')).some((m) => m.subject === '[#1001] Where is my invoice?'));
    run.child.kill('SIGINT');
    assert.equal(await run.exited, 0);
    for (const p of [port, port + 1, port + 2]) assert.equal(await listening(p), false, `port ${p} is still open`);
  } finally {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
    rmSync(data, { recursive: true, force: true });
  }
});

test('./dev run on a port in use ends at once with one sentence saying what to do', { timeout: 60000 }, async () => {
  const port = await threePorts();
  const squatter = net.createServer().listen(port + 1, '127.0.0.1');
  await new Promise((resolve) => squatter.on('listening', resolve));
  try {
    const run = devRun(['--port', String(port)]);
    assert.notEqual(await run.exited, 0);
    const last = run.output().trimEnd().split('\n').pop();
    assert.equal(last, `dev: port ${port + 1} on 127.0.0.1 is in use by another program (the portal needs ${port} to ` +
      `${port + 2}): stop it, or choose other ports with ./dev run --port ${port + 10}.`);
    assert.doesNotMatch(run.output(), /setting up|building/, 'nothing was built before the port was checked');
  } finally {
    squatter.close();
  }
});

// A fresh machine's ./dev run has no native Dear ImGui (the `run` profile builds none): the native tree
// must configure without it, as the server alone. This machine has one (./dev test built it), so the
// test configures a tree of its own without it.
test('without the native Dear ImGui, as on a fresh machine, the native build configures the server alone', { timeout: 120000 }, async () => {
  const cache = process.env.PORTAL_CACHE || path.join(process.env.HOME, '.cache/support-portal');
  const paths = Object.fromEntries(readFileSync(path.join(cache, 'paths.env'), 'utf8').split('\n')
    .filter((line) => line.includes('=')).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  const tree = mkdtempSync(path.join(tmpdir(), 'portal-server-only-'));
  try {
    const run = (args) => execFileSync('cmake', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    let configured;
    try {
      configured = run(['-S', root, '-B', tree, '-G', 'Ninja', '-DCMAKE_BUILD_TYPE=RelWithDebInfo', '-DIMGUI_PREFIX=',
        `-DHTTPLIB_PREFIX=${paths.HTTPLIB_PREFIX}`]);
    } catch (error) {
      assert.fail(`cmake could not configure the server without the native Dear ImGui:\n${error.stdout}\n${error.stderr}`);
    }
    assert.match(configured, /no native Dear ImGui/);
    const targets = execFileSync('ninja', ['-C', tree, '-t', 'targets', 'all'], { encoding: 'utf8' });
    for (const target of ['portal-server', 'tzgen']) assert.match(targets, new RegExp(`^${target}: `, 'm'));
    assert.doesNotMatch(targets, /^app_tests: /m);
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
});

// A fresh machine's setup preloads SDL2's feature checks recorded for this toolchain
// (cmake/sdl2-web-checks.cmake) instead of running some 300 emcc processes: configured with them, SDL2
// runs no check and comes out configured as the (lean) SDL2 that setup built and installed in the cache.
test("SDL2 configured with the recorded feature checks runs none and is configured as the cache's SDL2", { timeout: 120000 }, async () => {
  const cache = process.env.PORTAL_CACHE || path.join(process.env.HOME, '.cache/support-portal');
  const paths = Object.fromEntries(readFileSync(path.join(cache, 'paths.env'), 'utf8').split('\n')
    .filter((line) => line.includes('=')).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  const setup = readFileSync(path.join(root, 'scripts/setup.sh'), 'utf8');
  // The portal's SDL2 is the lean build: the shared flags and its own options.
  const flags = [...(/^sdl_flags="([^"]+)"$/m.exec(setup)[1].split(' ')),
    ...(/^sdl_lean_options="([^"]+)"$/m.exec(setup)[1].split(' '))];
  const version = /^sdl_version=(\S+)$/m.exec(setup)[1];
  const tree = mkdtempSync(path.join(tmpdir(), 'portal-sdl2-checks-'));
  try {
    const output = execFileSync('bash', ['-c', 'source emsdk-env.sh && exec emcmake cmake "$@"', 'cmake',
      '-C', path.join(root, 'cmake/sdl2-web-checks.cmake'), '-S', path.join(cache, `src/SDL2-${version}`), '-B', tree,
      '-G', 'Ninja', ...flags, `-DCMAKE_INSTALL_PREFIX=${tree}/prefix`,
      `-DCMAKE_C_FLAGS=-include ${path.join(root, 'cmake/em-deps-shim.h')}`], { cwd: root, encoding: 'utf8' });
    assert.doesNotMatch(output, /Looking for|Performing Test/, 'a feature check ran');
    const config = (dir) => readFileSync(path.join(dir, 'SDL_config.h'), 'utf8');
    assert.equal(config(path.join(tree, 'include-config-minsizerel/SDL2')), config(path.join(paths.SDL2_PREFIX, 'include/SDL2')));
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
});
