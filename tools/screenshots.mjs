// ./dev screenshots: every screen of the portal (tests/e2e/screens.mjs) at a phone's, a tablet's and a
// laptop's size and density, light and dark, written under build/screenshots/ with a contact sheet
// (index.html) that shows them side by side. Starts its own server with the demo data, on 127.0.0.1.
//   node tools/screenshots.mjs [--out DIR] [--lang en|es|pt] [--only NAME,NAME]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, startServer } from '../tests/e2e/harness.mjs';
import { open, screens, seed, show, sizes } from '../tests/e2e/screens.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const out = path.resolve(option('--out', path.join(root, 'build/screenshots')));
const lang = option('--lang', 'en');
const locale = { en: 'en-US', es: 'es-AR', pt: 'pt-BR' }[lang];
if (!locale) throw new Error(`--lang must be en, es or pt, not ${lang}`);
const only = option('--only', '').split(',').filter(Boolean);
const chosen = screens.filter((s) => !only.length || only.includes(s.name));
const schemes = ['light', 'dark'];

mkdirSync(out, { recursive: true });
const started = Date.now();
const server = await startServer({ args: ['--dev'] });
const browser = await launchBrowser();
const shots = [];
try {
  const seeded = await seed(server);
  // One browser context per size, scheme and user: signed in once, then every screen of that user.
  const users = [...new Set(chosen.map((s) => s.user))];
  const sessions = new Map();
  for (const size of sizes) {
    for (const colorScheme of schemes) {
      for (const user of users) {
        const portal = await open(browser, server, { size, user, colorScheme, locale, sessions });
        for (const screen of chosen.filter((s) => s.user === user)) {
          await show(portal.page, screen, seeded, locale);
          const file = `${screen.name}-${size.name}-${colorScheme}.png`;
          await portal.page.screenshot({ path: path.join(out, file) });
          shots.push({ screen: screen.name, size, colorScheme, file });
          process.stdout.write(`\r  ${shots.length} screenshots (${file})`.padEnd(80));
        }
        portal.assertClean();
        await portal.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.stop();
}

// The contact sheet: one row per screen, one column per size and scheme, each image at its CSS size.
const columns = sizes.flatMap((size) => schemes.map((colorScheme) => ({ size, colorScheme })));
const cell = (screen, { size, colorScheme }) => {
  const shot = shots.find((s) => s.screen === screen && s.size === size && s.colorScheme === colorScheme);
  if (!shot) return '<td></td>';
  const width = Math.round(size.width / 3);
  return `<td><a href="${shot.file}"><img src="${shot.file}" width="${width}" alt="${screen}, ${size.name}, ${colorScheme}" ` +
    'loading="lazy"></a></td>';
};
const rows = chosen.map((s) => `<tr><th scope="row">${s.name}</th>${columns.map((c) => cell(s.name, c)).join('')}</tr>`);
const head = columns.map(({ size, colorScheme }) => `<th scope="col">${size.name} ${size.width}×${size.height} ` +
  `(DPR ${size.dpr}), ${colorScheme}</th>`).join('');
writeFileSync(path.join(out, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Support portal: every screen (${lang})</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#1f1f1f}table{border-collapse:collapse}
th,td{border:1px solid #e0e0e0;padding:8px;vertical-align:top}thead th{font-weight:600;text-align:left}
tbody th{text-align:left;font-weight:600;white-space:nowrap}img{display:block;border:1px solid #c2c2c2}</style></head>
<body><h1>Support portal: every screen</h1><p>Language ${lang}; taken ${new Date().toISOString()}. Click an image for
its full size.</p>
<table><thead><tr><th></th>${head}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table></body></html>
`);
console.log(`\n  ${shots.length} screenshots and the contact sheet in ${path.relative(process.cwd(), out) || '.'}/index.html ` +
  `(${Math.round((Date.now() - started) / 1000)} s)`);
