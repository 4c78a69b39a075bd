// The native build and the wasm build compute the same SLA for 100,000 pseudo-random
// (region, priority, instant) cases: every due instant, team status and next opening compared.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const COUNT = '100000';
const SEED = '20261128';

test('native and wasm agree on 100,000 SLA computations', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sla-parity-'));
  const nativeFile = path.join(dir, 'native.txt');
  const wasmFile = path.join(dir, 'wasm.txt');
  execFileSync(path.join(root, 'build/native/sla_tool'), ['parity', COUNT, SEED, nativeFile]);
  execFileSync(process.execPath, [path.join(root, 'build/web/sla_tool_wasm.js'), 'parity', COUNT, SEED, wasmFile]);
  const native = readFileSync(nativeFile, 'utf8').split('\n');
  const wasm = readFileSync(wasmFile, 'utf8').split('\n');
  rmSync(dir, { recursive: true, force: true });
  assert.equal(native.length, Number(COUNT) + 1);
  assert.equal(wasm.length, native.length);
  for (let i = 0; i < native.length; i++) {
    if (native[i] !== wasm[i]) assert.fail(`case ${i} differs:\n  native ${native[i]}\n  wasm   ${wasm[i]}`);
  }
  // The cases really cover every region and priority, and both open and closed teams.
  for (const word of ['brazil', 'latam', 'apac', 'us', 'emea', 'urgent', 'high', 'normal', 'low'])
    assert.ok(native.some((line) => line.includes(` ${word} `) || line.startsWith(`${word} `)), word);
  assert.ok(native.some((line) => line.split(' ')[4] === '1'));
  assert.ok(native.some((line) => line.split(' ')[4] === '0'));
});
