// The look in the browser: on every screen, at a phone's, a tablet's and a laptop's widths (and the
// narrowest phone, a wide monitor and 200 % zoom), in the three languages, no control of the mirror
// reaches past the viewport's sides (nothing cut off, no sideways scrolling) and no two controls overlap;
// and a handful of screens compared with committed reference images (tests/e2e/reference/), so that a
// changed look is a visible, reviewed change. To accept a new look: PORTAL_UPDATE_REFERENCES=1 node
// --test tests/e2e/look.test.mjs, then look at the images before committing them.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, before, after } from 'node:test';
import { decodePng, launchBrowser, startServer } from './harness.mjs';
import { fixedTime, layers, open, overlappingControls, pastViewport, screens, seed, show, sizes } from './screens.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const references = path.join(here, 'reference');
let browser, server, seeded;
const sessions = new Map();

before(async () => {
  browser = await launchBrowser();
  server = await startServer({ args: ['--dev'] });
  seeded = await seed(server);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const byName = Object.fromEntries(sizes.map((s) => [s.name, s]));
// Each width with a language: the longest labels (Portuguese, Spanish) where space is scarcest. 200 %
// zoom on a 1280 × 800 window is a 640 × 400 viewport of CSS pixels at twice the density (WCAG 1.4.10).
const layouts = [
  { size: { name: 'phone', width: 320, height: 640, dpr: 2 }, locale: 'pt-BR' },
  { size: byName.phone, locale: 'en-US' },
  { size: byName.phone, locale: 'es-AR' },
  { size: byName.tablet, locale: 'es-AR' },
  { size: byName.desktop, locale: 'en-US' },
  { size: { name: 'zoom-200', width: 640, height: 400, dpr: 2 }, locale: 'pt-BR' },
  { size: { name: 'monitor', width: 1920, height: 1080, dpr: 1 }, locale: 'pt-BR' },
];

const describe = (box) => `${box.role} "${box.name}" at x ${box.x.toFixed(1)}, width ${box.w.toFixed(1)}`;

for (const { size, locale } of layouts) {
  test(`every screen at ${size.width} px (${size.name}, ${locale}): nothing past the sides, no controls overlapping`, async () => {
    const problems = [];
    for (const user of [...new Set(screens.map((s) => s.user))]) {
      const portal = await open(browser, server, { size, user, locale, sessions });
      try {
        for (const screen of screens.filter((s) => s.user === user)) {
          await show(portal.page, screen, seeded, locale);
          // The page's controls and an overlay's (a bar fixed over the scrolling page) are compared each
          // with their own layer; the page must scroll its last control clear of the overlay.
          const layer = await layers(portal.page);
          const boxes = [...layer.page, ...layer.overlay];
          assert.ok(layer.page.length > 0, `${screen.name}: the mirror is empty`);
          for (const box of pastViewport(boxes, size.width)) problems.push(`${screen.name}: ${describe(box)} reaches past ${size.width} px`);
          for (const [a, b] of [...overlappingControls(layer.page), ...overlappingControls(layer.overlay)]) {
            problems.push(`${screen.name}: ${describe(a)} overlaps ${describe(b)}`);
          }
          for (const box of layer.covered) problems.push(`${screen.name}: ${describe(box)} stays under an overlay at the page's end`);
          const sideways = await portal.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (sideways > 0) problems.push(`${screen.name}: the page scrolls sideways by ${sideways} px`);
        }
        portal.assertClean();
      } finally {
        await portal.close();
      }
    }
    assert.deepEqual(problems, []);
  });
}

// The share of pixels whose brightness differs by more than a small step (anti-aliasing aside).
function difference(actual, expected) {
  const a = decodePng(actual), b = decodePng(expected);
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  for (let i = 0; i < a.gray.length; i += 1) if (Math.abs(a.gray[i] - b.gray[i]) > 24) differing += 1;
  return differing / a.gray.length;
}

// Screens that show no time the server wrote (the browser's clock is fixed, so deadlines stay put).
const pictures = [
  { screen: 'sign-in', size: byName.phone, colorScheme: 'light' },
  { screen: 'new-ticket', size: byName.desktop, colorScheme: 'light' },
  { screen: 'new-ticket-errors', size: byName.phone, colorScheme: 'dark' },
  { screen: 'missing-resource', size: byName.tablet, colorScheme: 'light' },
  { screen: 'help-center', size: byName.desktop, colorScheme: 'dark' },
];
const tolerance = 0.005;

test('a handful of screens look as their committed reference images', async () => {
  const update = process.env.PORTAL_UPDATE_REFERENCES === '1';
  mkdirSync(references, { recursive: true });
  const problems = [];
  for (const { screen: name, size, colorScheme } of pictures) {
    const screen = screens.find((s) => s.name === name);
    const portal = await open(browser, server, { size, user: screen.user, colorScheme, sessions, clock: fixedTime });
    try {
      await show(portal.page, screen, seeded);
      const png = await portal.page.screenshot();
      const file = path.join(references, `${name}-${size.name}-${colorScheme}.png`);
      if (update) {
        writeFileSync(file, png);
      } else if (!existsSync(file)) {
        problems.push(`${path.relative(process.cwd(), file)} is missing (PORTAL_UPDATE_REFERENCES=1 writes it)`);
      } else {
        const share = difference(png, readFileSync(file));
        if (share > tolerance) {
          const seen = file.replace(/\.png$/, '.actual.png');
          writeFileSync(seen, png);
          problems.push(`${name} (${size.name}, ${colorScheme}): ${(share * 100).toFixed(2)} % of the pixels differ ` +
            `from ${path.basename(file)} (at most ${tolerance * 100} %); this run's image: ${path.relative(process.cwd(), seen)}`);
        }
      }
    } finally {
      await portal.close();
    }
  }
  assert.deepEqual(problems, []);
});

test('the difference measure tells a changed picture from the same one', () => {
  const file = path.join(references, `${pictures[0].screen}-${pictures[0].size.name}-${pictures[0].colorScheme}.png`);
  if (!existsSync(file)) return assert.fail(`${file} is missing`);
  const png = readFileSync(file);
  assert.equal(difference(png, png), 0);
  const other = readFileSync(path.join(references, `${pictures[1].screen}-${pictures[1].size.name}-${pictures[1].colorScheme}.png`));
  assert.ok(difference(png, other) > tolerance);
});
