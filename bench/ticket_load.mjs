// Durable ticket creations against portal-server on loopback: `connections` clients with keep-alive
// each create tickets back to back for `seconds`; every 201 is a committed SQLite transaction
// (WAL, synchronous=FULL). Returns creations per second and latency percentiles.
import { createHash, randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { outboxCode, startServer } from '../tests/e2e/harness.mjs';

const loadGenerator = path.join(path.dirname(fileURLToPath(import.meta.url)), '../build/native/ticket_load');

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');

export async function accessToken(server, email) {
  return (await signIn(server, email)).access;
}

// Ana's sign-in through the API as the portal makes it (email code, PKCE), after `wrongCodes` wrong codes
// (their answers in `refused`): the access token and the refresh cookie's value.
export async function signIn(server, email, { wrongCodes = 0 } = {}) {
  const base = server.url;
  let refresh = '';
  const send = (path, body, type) => fetch(new URL(path, base), { method: 'POST', headers: { 'Content-Type': type },
    body: type === 'application/json' ? JSON.stringify(body) : new URLSearchParams(body).toString() });
  const post = async (path, body, type = 'application/json') => {
    const res = await send(path, body, type);
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    refresh = /portal_refresh=([^;]*)/.exec(res.headers.get('set-cookie') || '')?.[1] || refresh;
    return res.status === 202 ? {} : res.json();
  };
  const verifier = b64url(randomBytes(32));
  const redirect = new URL('/callback.html', base).href;
  const txn = await post('/api/auth/transactions', { client_id: 'support-portal', redirect_uri: redirect,
    code_challenge: b64url(createHash('sha256').update(verifier).digest()), code_challenge_method: 'S256',
    state: b64url(randomBytes(16)) });
  const since = Date.now() - 1000;
  await post(`/api/auth/transactions/${txn.transaction_id}/email-code`, { email });
  const code = await outboxCode(server, email, since);
  const refused = [];
  for (let i = 0; i < wrongCodes; i++) {
    const wrong = String((Number(code) + 1 + i) % 1000000).padStart(6, '0');
    const res = await send(`/api/auth/transactions/${txn.transaction_id}/email-code/verify`, { code: wrong }, 'application/json');
    refused.push({ status: res.status, ...(await res.json()) });
  }
  const verified = await post(`/api/auth/transactions/${txn.transaction_id}/email-code/verify`, { code });
  const tokens = await post('/oauth/token', { grant_type: 'authorization_code', code: verified.code, code_verifier: verifier,
    client_id: 'support-portal', redirect_uri: redirect }, 'application/x-www-form-urlencoded');
  return { access: tokens.access_token, refresh, refused };
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
// previous answer came: the most the server can do. The requests are sent by build/native/ticket_load
// (C++, epoll, one thread): this script's own event loop paused under that load, pauses it counted as
// the server's.
// Against a fresh SQLite server of its own, or `target` (a URL: a node or a proxy) with `token` (Ana's,
// from accessToken: a sign-in each run would soon meet the emailed codes' rate limit).
export async function measureTicketCreation({ connections = 64, seconds = 5, rate = 0, target = null, token = null } = {}) {
  const server = target ? null : await startServer({ args: ['--dev'] });
  try {
    token ||= await accessToken(server, 'ana@demo.store');
    const { hostname, port } = new URL(target || server.url);
    const body = JSON.stringify({ kind: 'incident', title: 'Checkout fails', description: 'Every order fails at payment.',
      users: 'buyers', impact: 'important', environment: 'production', experience: 'advanced', cc: [], attachments: [] });
    const template = `POST /api/accounts/lojadaana/tickets HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Authorization: Bearer ${token}\r\nIdempotency-Key: bench-${process.pid}-${Date.now()}-{n}\r\n\r\n${body}`;
    const output = await new Promise((resolve, reject) => {
      const child = execFile(loadGenerator, [hostname, String(port), String(connections), String(seconds), String(rate)],
        { encoding: 'utf8' }, (error, stdout, stderr) => (error ? reject(new Error(`ticket_load: ${stderr || error.message}`)) : resolve(stdout)));
      child.stdin.end(template);
    });
    const result = JSON.parse(output);
    return { created: result.created, failures: result.failures, perSecond: result.per_second, p50: result.p50, p99: result.p99 };
  } finally {
    await server?.stop();
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
