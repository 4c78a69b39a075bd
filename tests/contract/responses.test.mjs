// Every response the server suites and the browser tests received, checked against docs/openapi.yaml
// (status, media type, body schema, no undocumented field): scripts/test.sh runs both with
// PORTAL_CONTRACT_LOG naming a folder, where each server writes its exchanges (--exchange-log), then
// runs this. One test per documented operation and status seen, so a failure names what broke.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { isApiPath, makeChecker, operationsOf } from './contract.mjs';

const folder = process.env.PORTAL_CONTRACT_LOG;
const checker = await makeChecker();

const unreadable = [];
const recordedBy = new Map();  // every exchange each source recorded, the portal's own files included
function readExchanges() {
  const exchanges = [];
  if (!folder) return exchanges;
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.jsonl')).sort()) {
    const source = name.startsWith('e2e-') ? 'browser tests'
      : name.startsWith('server-tests-spawned-') ? 'spawned servers' : 'server suites';
    for (const [index, line] of readFileSync(path.join(folder, name), 'utf8').split('\n').entries()) {
      if (!line) continue;
      let recorded;
      try {
        recorded = JSON.parse(line);
      } catch (error) {
        unreadable.push(`${name}:${index + 1}: ${error.message}`);  // a server that died mid-line
        continue;
      }
      const exchange = { ...recorded, source };
      recordedBy.set(source, (recordedBy.get(source) || 0) + 1);
      if (!isApiPath(exchange.path)) continue;  // the portal's own files, not the API
      if (exchange.body_base64url !== undefined) {
        // Sent compressed: inflate it as a client would (the checker reads the body it meant).
        const sent = Buffer.from(exchange.body_base64url, 'base64url');
        const encoding = exchange.headers['content-encoding'];
        const inflate = { br: brotliDecompressSync, gzip: gunzipSync, deflate: inflateSync }[encoding];
        try {
          exchange.body = inflate ? inflate(sent).toString('utf8') : sent.toString('utf8');
        } catch (error) {
          exchange.body = `(a ${encoding} body that does not inflate: ${error.message})`;
        }
      }
      exchanges.push(exchange);
    }
  }
  return exchanges;
}

const exchanges = readExchanges();

test('the server suites, their spawned servers and the browser tests all recorded their exchanges', () => {
  assert.ok(folder, 'PORTAL_CONTRACT_LOG is not set: run scripts/test.sh (./dev test), which records them');
  assert.deepEqual(unreadable, [], 'lines of the exchange logs that are not JSON');
  for (const [source, least] of [['server suites', 1000], ['browser tests', 200]]) {
    const count = exchanges.filter((exchange) => exchange.source === source).length;
    assert.ok(count >= least, `${source}: ${count} API exchanges recorded, expected at least ${least}`);
  }
  // The servers the suites start as processes (proxies, signals) send few API answers, but they record.
  assert.ok((recordedBy.get('spawned servers') || 0) >= 1, 'the spawned servers recorded nothing');
});

// Every operation of the document was called at least once; the statuses never seen are listed.
test('every documented operation was exercised', (t) => {
  const seen = new Set();
  const statuses = new Set();
  for (const exchange of exchanges) {
    const template = checker.operation(exchange);
    if (!template) continue;
    seen.add(`${exchange.method.toLowerCase()} ${template}`);
    statuses.add(`${exchange.method.toLowerCase()} ${template} ${exchange.status}`);
  }
  const missing = [];
  const unseen = [];
  for (const { where, method, operation } of operationsOf(checker.document)) {
    if (!seen.has(`${method} ${where}`)) missing.push(`${method.toUpperCase()} ${where}`);
    for (const status of Object.keys(operation.responses)) {
      if (!statuses.has(`${method} ${where} ${status}`)) unseen.push(`${method.toUpperCase()} ${where} ${status}`);
    }
  }
  t.diagnostic(`documented answers no test received (${unseen.length}): ${unseen.join('; ')}`);
  assert.deepEqual(missing, [], 'operations no test called');
});

// Group by what the document would name: operation and status (or why it names none).
const groups = new Map();
for (const exchange of exchanges) {
  const template = checker.operation(exchange);
  const name = template ? `${exchange.method} ${template} ${exchange.status}` : `${exchange.method} (no documented path) ${exchange.status}`;
  if (!groups.has(name)) groups.set(name, []);
  groups.get(name).push(exchange);
}

for (const [name, group] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
  test(`${name}: ${group.length} responses as documented`, () => {
    const failures = [];
    for (const exchange of group) {
      const reason = checker.check(exchange);
      if (reason) failures.push(`${reason}\n    (${exchange.source}: ${exchange.method} ${exchange.path} -> ` +
        `${(exchange.body ?? '').slice(0, 300)})`);
    }
    assert.equal(failures.length, 0, `${failures.length} of ${group.length} not as documented:\n` +
      [...new Set(failures)].slice(0, 5).join('\n'));
  });
}
