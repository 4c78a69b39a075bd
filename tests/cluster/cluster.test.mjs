// The production shape, as processes: scripts/cluster.sh starts PostgreSQL 15, three portal-server nodes
// and HAProxy in front of them (round robin, health checks on /healthz). Through the proxy alone: a
// sign-in whose steps land on different nodes; 1,000 ticket creations while a node is killed with
// SIGKILL, clients retrying with the same Idempotency-Key, every acknowledged ticket there once and none
// twice; a change made on one node heard on the event stream another node holds; PostgreSQL stopped mid-use, the nodes answering 503 with a clear message meanwhile and carrying
// on by themselves once it is back.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { accessToken, signIn } from '../../bench/ticket_load.mjs';
import { sleep } from '../e2e/harness.mjs';
import { startCluster } from './cluster.mjs';

const nodes = 3;
let cluster;

before(async () => { cluster = await startCluster({ nodes }); });
after(async () => { await cluster?.stop(); });

test('a sign-in through the proxy: its steps land on different nodes, and the token opens the API on every one', async () => {
  const token = await accessToken(cluster, 'ana@demo.store');
  const steps = cluster.proxied().filter((r) => /^\/(api\/auth|oauth)\//.test(r.target));
  assert.ok(steps.length >= 4, `the sign-in's steps went through the proxy (${steps.length})`);
  const nodesUsed = new Set(steps.map((r) => r.node)).size;
  assert.ok(nodesUsed >= 2, `the sign-in's steps were spread over the nodes (${nodesUsed} of ${nodes} took part)`);
  for (let i = 0; i < nodes; i++) {  // round robin: one request on each node
    const res = await fetch(new URL('/api/me', cluster.url), { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200, `GET /api/me, request ${i + 1}`);
  }
});

test('wrong codes sent through the proxy count toward one lockout, whichever node checks them', async () => {
  const before = cluster.proxied().length;
  // Four wrong codes, each leaving one try fewer wherever it was checked; the right one still signs in.
  const { refused, access } = await signIn(cluster, 'bruno@demo.store', { wrongCodes: 4 });
  assert.deepEqual(refused.map((r) => r.tries_left), [4, 3, 2, 1]);
  assert.ok(access);
  const checks = cluster.proxied().slice(before).filter((r) => r.target.endsWith('/email-code/verify'));
  assert.ok(new Set(checks.map((r) => r.node)).size >= 2, 'the codes were checked on more than one node');
  // A fifth wrong code locks the sign-in: the right code is refused after it.
  await assert.rejects(signIn(cluster, 'bruno@demo.store', { wrongCodes: 5 }), /locked/);
});

test('a refresh token reused through another node revokes its family on every node', async () => {
  const { refresh } = await signIn(cluster, 'carol@demo.store');
  const renew = (cookie) => fetch(new URL('/oauth/token', cluster.url), { method: 'POST', body: 'grant_type=refresh_token',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `portal_refresh=${cookie}` } });
  const first = await renew(refresh);
  assert.equal(first.status, 200);
  const rotated = /portal_refresh=([^;]*)/.exec(first.headers.get('set-cookie'))[1];
  assert.equal((await renew(refresh)).status, 400, 'the old token again, on the next node: reuse');
  assert.equal((await renew(rotated)).status, 400, 'the newer one is revoked with its family');
  const renewals = cluster.proxied().filter((r) => r.target === '/oauth/token').slice(-3);
  assert.ok(new Set(renewals.map((r) => r.node)).size >= 2, 'the renewals went to more than one node');
});

test('a change made on one node reaches the event stream another node holds, within a second', async () => {
  const token = await accessToken(cluster, 'ana@demo.store');
  const headers = { Authorization: `Bearer ${token}` };
  const abort = new AbortController();
  const stream = await fetch(new URL('api/events', cluster.nodeUrl(2)), { headers, signal: abort.signal });
  assert.equal(stream.status, 200);
  let heard = '';
  const reader = stream.body.getReader();
  const decoder = new TextDecoder();
  (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        heard += decoder.decode(value, { stream: true });
      }
    } catch { /* aborted at the end */ }
  })();
  const until = async (part, ms) => {
    const start = Date.now();
    while (!heard.includes(part) && Date.now() - start < ms) await sleep(20);
    return Date.now() - start;
  };
  await until(': connected', 5000);
  const created = await fetch(new URL('api/accounts/lojadaana/tickets', cluster.nodeUrl(1)), {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': 'live-across-nodes' },
    body: JSON.stringify({ kind: 'question', title: 'Heard on another node', description: 'Does the event cross nodes?',
      environment: 'production', experience: 'advanced', cc: [], attachments: [] }),
  });
  assert.equal(created.status, 201);
  const { id } = await created.json();
  const took = await until(`"change":"created","number":`, 2000);
  assert.ok(heard.includes(`"ticket":"${id}"`), `node 2's stream heard node 1's ticket (${heard.slice(-300)})`);
  console.log(`# node 1's new ticket reached node 2's stream in ${took} ms`);
  assert.ok(took < 1000);
  const replied = await fetch(new URL(`api/tickets/${id}/comments`, cluster.nodeUrl(3)), {
    method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ body: 'More detail.' }),
  });
  assert.equal(replied.status, 201);
  assert.ok(await until('"change":"commented"', 2000) < 2000, 'node 3\'s reply reached node 2\'s stream');
  abort.abort();
});

// Creates ticket `n` until the cluster acknowledges it, with the same key each time; what it answered.
async function createUntilAcknowledged(token, n, tag) {
  const body = JSON.stringify({ kind: 'incident', title: `${tag} order ${n}`, description: 'The order fails at the payment step.',
    users: 'buyers', impact: 'important', environment: 'production', experience: 'advanced', cc: [], attachments: [] });
  for (let attempt = 1; attempt <= 50; attempt++) {
    try {
      const res = await fetch(new URL('/api/accounts/lojadaana/tickets', cluster.url), {
        method: 'POST', body, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`,
          'Idempotency-Key': `${tag}-${n}` } });
      const text = await res.text();
      if (res.status === 200 || res.status === 201) return { ...JSON.parse(text), attempts: attempt };
      assert.ok([502, 503, 504].includes(res.status), `ticket ${n}: ${res.status} ${text}`);
    } catch (error) {
      if (error.code === 'ERR_ASSERTION') throw error;  // a refusal, not a dropped connection
    }
    await sleep(50 * attempt);
  }
  throw new Error(`ticket ${n} was never acknowledged`);
}

test('1,000 creations through the proxy while a node is killed: every acknowledged ticket is there once, none twice', async () => {
  const token = await accessToken(cluster, 'ana@demo.store');
  const tag = `kill-${Date.now()}`;
  const total = 1000;
  const acknowledged = new Map();
  let next = 0;
  let killed = false;
  const worker = async () => {
    while (next < total) {
      const n = next++;
      const ticket = await createUntilAcknowledged(token, n, tag);
      acknowledged.set(n, ticket);
      if (!killed && acknowledged.size >= total / 4) {
        killed = true;
        process.kill(cluster.pids[1], 'SIGKILL');  // node 2, mid-load
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  assert.ok(killed, 'a node was killed during the load');
  assert.equal(acknowledged.size, total);
  // Each acknowledged ticket once in the database, under the number the client was given; none other.
  const rows = (await cluster.sql(`SELECT title, number, count(*) OVER (PARTITION BY title) FROM tickets WHERE title LIKE '${tag} %'`))
    .split('\n').map((line) => line.split('|'));
  assert.equal(rows.length, total, 'one ticket per key, no doubles');
  const byTitle = new Map(rows.map(([title, number, copies]) => [title, { number: Number(number), copies: Number(copies) }]));
  for (const [n, ticket] of acknowledged) {
    const stored = byTitle.get(`${tag} order ${n}`);
    assert.ok(stored, `ticket ${n} (acknowledged as #${ticket.number}) is stored`);
    assert.equal(stored.copies, 1, `ticket ${n} is stored once`);
    assert.equal(stored.number, ticket.number, `ticket ${n} has the number it was acknowledged with`);
  }
  const retried = [...acknowledged.values()].filter((t) => t.attempts > 1).length;
  const creations = cluster.proxied().filter((r) => r.method === 'POST' && r.target === '/api/accounts/lojadaana/tickets');
  const byNode = Array.from({ length: nodes }, (_, i) => creations.filter((r) => r.node === i + 1).length);
  assert.ok(byNode[1] > 0 && byNode[1] < total / 2, `node 2 took part until it was killed (${byNode.join(', ')})`);
  console.log(`# ${total} acknowledged, ${retried} after a retry; creations served by node: ${byNode.join(', ')}; ` +
    `answered by the proxy for a lost node: ${creations.filter((r) => r.status >= 502).length}`);
});

test('PostgreSQL stopped mid-use: 503 with a clear message meanwhile, and the nodes carry on by themselves once it is back', async () => {
  const token = await accessToken(cluster, 'ana@demo.store');
  const tickets = new URL('/api/accounts/lojadaana/tickets', cluster.url);
  const list = () => fetch(tickets, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal((await list()).status, 200);
  await cluster.pg('-m', 'fast', '-w', 'stop');
  try {
    // A node says the database is away; once the health checks have taken every node out, the proxy
    // says no node can answer. Both in the API's JSON, with a sentence a person can act on.
    for (let i = 0; i < 2 * nodes; i++) {
      const res = await list();
      assert.equal(res.status, 503);
      const body = await res.json();
      assert.ok(['database_unavailable', 'unavailable'].includes(body.error), body.error);
      assert.match(body.message, /Try again in a moment\.$/);
      await sleep(300);
    }
  } finally {
    await cluster.pg('-l', path.join(cluster.data, 'postgresql.log'), '-w', 'start', '-o',
      `-c listen_addresses='' -k ${path.join(cluster.data, 'postgresql')} -p 5432`);
  }
  // Every surviving node reconnects by itself: a round of requests all answered.
  let answered = 0;
  for (let i = 0; i < 40 && answered < 2 * nodes; i++) {
    answered = (await list()).status === 200 ? answered + 1 : 0;
    if (answered === 0) await sleep(250);
  }
  assert.ok(answered >= 2 * nodes, 'the nodes answer again without a restart');
});
