// Durable ticket creations against portal-server on loopback: `connections` clients with keep-alive
// each create tickets back to back for `seconds`; every 201 is a committed SQLite transaction
// (WAL, synchronous=FULL). Returns creations per second and latency percentiles.
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';
import { outboxCode, startServer } from '../tests/e2e/harness.mjs';

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');

export async function accessToken(server, email) {
  const base = server.url;
  const post = async (path, body, type = 'application/json') => {
    const res = await fetch(new URL(path, base), { method: 'POST', headers: { 'Content-Type': type },
      body: type === 'application/json' ? JSON.stringify(body) : new URLSearchParams(body).toString() });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.status === 202 ? {} : res.json();
  };
  const verifier = b64url(randomBytes(32));
  const redirect = new URL('/callback.html', base).href;
  const txn = await post('/api/auth/transactions', { client_id: 'support-portal', redirect_uri: redirect,
    code_challenge: b64url(createHash('sha256').update(verifier).digest()), code_challenge_method: 'S256',
    state: b64url(randomBytes(16)) });
  const since = Date.now() - 1000;
  await post(`/api/auth/transactions/${txn.transaction_id}/email-code`, { email });
  const verified = await post(`/api/auth/transactions/${txn.transaction_id}/email-code/verify`,
    { code: await outboxCode(server, email, since) });
  const tokens = await post('/oauth/token', { grant_type: 'authorization_code', code: verified.code, code_verifier: verifier,
    client_id: 'support-portal', redirect_uri: redirect }, 'application/x-www-form-urlencoded');
  return tokens.access_token;
}

// One keep-alive HTTP/1.1 connection that sends a request and waits for its whole answer. Written on a
// bare socket because node's http client spent more CPU per request than the server (the machine has
// two cores, shared by both). The server closes a connection after 1,000 requests (its answer says
// `Connection: close`); the next request opens a new one, as a browser would.
function connection(hostname, port) {
  let socket = null;
  let buffer = Buffer.alloc(0);
  let waiting = null;
  const open = () => {
    const own = net.connect({ host: hostname, port, noDelay: true });
    socket = own;
    buffer = Buffer.alloc(0);
    const ready = new Promise((resolve, reject) => { own.once('connect', resolve); own.once('error', reject); });
    own.on('data', (chunk) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0 || !waiting) return;
      const head = buffer.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (buffer.length < end + 4 + length) return;
      const status = Number(head.slice(9, 12));
      buffer = buffer.subarray(end + 4 + length);
      if (/\r\nconnection: *close/i.test(head)) { own.destroy(); socket = null; }
      const done = waiting;
      waiting = null;
      done.resolve(status);
    });
    // A connection closed after its last answer says nothing to the request of the next one.
    own.on('error', (error) => { if (socket === own) waiting?.reject(error); });
    own.on('close', () => { if (socket === own) waiting?.reject(new Error('the server closed the connection')); });
    return ready;
  };
  const ready = open();
  return {
    ready,
    async send(request) {
      if (!socket) await open();
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        socket.write(request);
      });
    },
    close() { socket?.destroy(); },
  };
}

// With `rate`, the connections together offer that many creations a second on a fixed schedule, and
// a latency counts from the moment its request was due (a late answer also delays the next sends:
// coordinated omission is counted, not hidden). Without it, each connection sends as soon as its
// previous answer came: the most the server can do.
export async function measureTicketCreation({ connections = 64, seconds = 5, rate = 0 } = {}) {
  const server = await startServer({ args: ['--dev'] });
  try {
    const token = await accessToken(server, 'ana@demo.store');
    const { hostname, port } = new URL(server.url);
    const body = JSON.stringify({ kind: 'incident', title: 'Checkout fails', description: 'Every order fails at payment.',
      users: 'buyers', impact: 'important', environment: 'production', experience: 'advanced', cc: [], attachments: [] });
    let next = 0;
    const request = () => `POST /api/accounts/lojadaana/tickets HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Authorization: Bearer ${token}\r\nIdempotency-Key: bench-${process.pid}-${next++}\r\n\r\n${body}`;
    const clients = Array.from({ length: connections }, () => connection(hostname, port));
    await Promise.all(clients.map((c) => c.ready));
    const latencies = [];
    let failures = 0;
    const until = performance.now() + seconds * 1000;
    const interval = rate > 0 ? (connections * 1000) / rate : 0;
    const worker = async (client, index) => {
      let due = performance.now() + (interval * index) / connections;
      while (performance.now() < until) {
        if (interval > 0) {
          const wait = due - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
        const start = interval > 0 ? due : performance.now();
        due += interval;
        const status = await client.send(request());
        if (status !== 201) failures += 1;
        else latencies.push(performance.now() - start);
      }
    };
    const started = performance.now();
    await Promise.all(clients.map((client, index) => worker(client, index)));
    const elapsed = (performance.now() - started) / 1000;
    clients.forEach((c) => c.close());
    latencies.sort((a, b) => a - b);
    const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
    return { created: latencies.length, failures, perSecond: latencies.length / elapsed, p50: pct(0.5), p99: pct(0.99) };
  } finally {
    await server.stop();
  }
}

// Opens `count` tickets on `account` as fast as `connections` keep-alive connections go (a list to draw).
export async function createTickets(server, token, account, count, connections = 16) {
  const { hostname, port } = new URL(server.url);
  const clients = Array.from({ length: connections }, () => connection(hostname, port));
  await Promise.all(clients.map((c) => c.ready));
  let next = 0;
  const worker = async (client) => {
    while (next < count) {
      const n = next++;
      const body = JSON.stringify({ kind: 'incident', title: `Checkout fails for order ${n + 1}`,
        description: 'The order fails at the payment step.', users: 'buyers', impact: 'important',
        environment: 'production', experience: 'advanced', cc: [], attachments: [] });
      const status = await client.send(`POST /api/accounts/${account}/tickets HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Authorization: Bearer ${token}\r\nIdempotency-Key: list-${process.pid}-${n}\r\n\r\n${body}`);
      if (status !== 201) throw new Error(`ticket ${n + 1}: ${status}`);
    }
  };
  try {
    await Promise.all(clients.map(worker));
  } finally {
    clients.forEach((c) => c.close());
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await measureTicketCreation());
  console.log(await measureTicketCreation({ rate: 2000 }));
}
