// The demo host page (web/host.html: the portal in an iframe, as the admin panel embeds it) served
// from its own origin. `./dev run` starts it beside the portal; the embedding browser test uses
// serveHostPage() in-process.
//   node tools/host-page.mjs --port 8082 [--web DIR]
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

// Listens on 127.0.0.1:port (0: any free port); resolves to the server once it listens.
export async function serveHostPage({ port = 0, web = path.join(here, '..', 'web') } = {}) {
  const server = http.createServer((req, res) => {
    const name = new URL(req.url, 'http://x').pathname.slice(1) || 'host.html';
    if (!['host.html', 'host.js', 'host.css'].includes(name)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'Content-Type': types[path.extname(name)] }).end(readFileSync(path.join(web, name)));
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
  };
  const server = await serveHostPage({ port: Number(arg('--port', 8082)), web: arg('--web', path.join(here, '..', 'web')) });
  console.log(`host page listening on http://127.0.0.1:${server.address().port}/`);
}
