// Every screen of the portal, reached as a merchant reaches it, for the screenshots (tools/screenshots.mjs,
// `./dev screenshots`) and the layout tests (look.test.mjs): the sizes the look is checked at, the demo
// data a server is seeded with, and a way to read the mirror's boxes (what a screen reader, a password
// manager and a test see of each control, placed over the canvas).
import { readFileSync } from 'node:fs';
import { accessToken } from '../../bench/ticket_load.mjs';
import { button, openPortal, supportAdmin, signInFromForm, sleep } from './harness.mjs';

// A phone, a tablet and a laptop, at the densities those screens have.
export const sizes = [
  { name: 'phone', width: 390, height: 844, dpr: 3 },
  { name: 'tablet', width: 820, height: 1180, dpr: 2 },
  { name: 'desktop', width: 1280, height: 800, dpr: 1 },
];

// An instant for the browser's clock where a picture must not move from run to run (the reference images
// of screens that show no time the server wrote): a Thursday morning in São Paulo.
export const fixedTime = new Date('2026-11-26T13:20:00Z');

const post = async (server, token, path, body, key) => {
  const res = await fetch(new URL(path, server.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Idempotency-Key': key },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};

// Ana's tickets on both her accounts, in several states, one of them with support's reply (a link in it);
// returns the id of the ticket with the conversation.
export async function seed(server) {
  const token = await accessToken(server, 'ana@demo.store');
  const incident = (title, users, impact) => ({ kind: 'incident', title, users, impact, environment: 'production',
    experience: 'advanced', description: 'Since 10:00 every order paid with a Visa card fails with "Transaction denied". ' +
      'Steps: add any SKU to the cart, go to checkout, pay with a Visa card.', cc: [], attachments: [] });
  const question = (title) => ({ kind: 'question', title, environment: 'production', experience: 'intermediate',
    description: 'How do I set a different shipping policy for the North region?', cc: [], attachments: [] });
  // Two people copied: the requester sees each as a chip she can remove.
  const thread = await post(server, token, '/api/accounts/lojadaana/tickets',
    { ...incident('Checkout fails at the payment step with Visa cards', 'buyers', 'critical'),
      cc: ['ops@loja.com.br', 'finance.team@lojadaana.com.br'] }, 'seed-1');
  await post(server, token, '/api/accounts/lojadaana/tickets', question('Shipping policy for the North region'), 'seed-2');
  const solved = await post(server, token, '/api/accounts/anashop-us/tickets',
    incident('Promotion banner shows the wrong price', 'all', 'important'), 'seed-3');
  const admin = (...args) => supportAdmin(server, ...args);
  await admin('reply', String(thread.number), 'Thanks, Ana. Which payment provider handles Visa? The guide at ' +
    'https://help.vtex.com/en/tutorial/payment-provider lists the checks; write to payments@demo.store if it is urgent.', '--as', 'Marta');
  await admin('status', String(solved.number), 'solved');
  return { thread: thread.id };
}

// The screens, each with who sees it and how it is reached from a portal already open (signed in as
// `user`, or signed out when null).
export const screens = [
  { name: 'sign-in', user: null, hash: '#/sign-in' },
  { name: 'help-center', user: null, hash: '#/help' },
  { name: 'help-center-signed-in', user: 'ana@demo.store', hash: '#/help' },
  { name: 'new-ticket', user: 'ana@demo.store', hash: '#/tickets/new' },
  {
    name: 'new-ticket-errors', user: 'ana@demo.store', hash: '#/tickets/new',
    async prepare(page, words) {
      await button(page, words['form.submit']).click();
    },
  },
  { name: 'missing-resource', user: 'bruno@demo.store', hash: '#/tickets/new' },
  { name: 'my-requests', user: 'ana@demo.store', hash: '#/tickets' },
  { name: 'my-requests-empty', user: 'carol@demo.store', hash: '#/tickets' },
  { name: 'ticket', user: 'ana@demo.store', hash: (seeded) => `#/tickets/${seeded.thread}` },
];

// Waits until the portal has stopped drawing (it draws on demand: no frame while nothing changes).
export async function settle(page, quietMs = 400, timeoutMs = 10000) {
  const start = Date.now();
  let last = await page.evaluate(() => window.portal.frames());
  let since = Date.now();
  while (Date.now() - start < timeoutMs) {
    await sleep(100);
    const now = await page.evaluate(() => window.portal.frames());
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return;
    }
  }
}

const catalog = (lang) => JSON.parse(readFileSync(new URL(`../../assets/i18n/${lang}.json`, import.meta.url), 'utf8'));

// Signs `user` in once, in English, by the email code (the server limits the codes sent to one address
// in a while); the contexts opened after it start from what the browser kept (the refresh cookie).
async function signIn(browser, server, user) {
  const portal = await openPortal(browser, server.url);
  await portal.page.evaluate(() => { window.location.hash = '#/sign-in'; });
  await signInFromForm(portal.page, server, user);
  const state = await portal.context.storageState();
  await portal.context.close();
  return state;
}

// A browser context at `size`, in `colorScheme` and the language of `locale`, with the portal open and
// signed in as `user` (or not). `sessions` keeps each user's browser state from one context to the next:
// the refresh token turns over at each start, and a token used twice would end the session.
export async function open(browser, server, { size, user, colorScheme = 'light', locale = 'en-US', sessions = new Map(), clock = null }) {
  if (user && !sessions.has(user)) sessions.set(user, await signIn(browser, server, user));
  const portal = await openPortal(browser, server.url, {
    viewport: { width: size.width, height: size.height }, deviceScaleFactor: size.dpr,
    isMobile: size.name === 'phone', hasTouch: size.name === 'phone', colorScheme, locale,
    ...(user ? { storageState: sessions.get(user) } : {}),
  });
  if (clock) await portal.page.clock.setFixedTime(clock);
  if (user) {
    // Signed in again from the cookie: My requests opens (and not the sign-in form) once it is done.
    const words = catalog(locale.slice(0, 2));
    const title = words['title.page'].replace('{screen}', words['nav.my_requests']);
    await portal.page.evaluate(() => { window.location.hash = '#/tickets'; });
    await portal.page.waitForFunction((t) => document.title === t, title, { timeout: 15000 });
  }
  const close = async () => {
    if (user) sessions.set(user, await portal.context.storageState());
    await portal.context.close();
  };
  return { ...portal, close };
}

// Shows `screen` on an open portal (in the language of `locale`), scrolled to the top, and waits for it
// to settle.
export async function show(page, screen, seeded, locale = 'en-US') {
  const hash = typeof screen.hash === 'function' ? screen.hash(seeded) : screen.hash;
  await page.evaluate((h) => { window.location.hash = h; }, hash);
  await settle(page);
  if (screen.prepare) {
    await screen.prepare(page, catalog(locale.slice(0, 2)));
    await settle(page);
  }
}

// The mirror's elements: role, name and box in the page's coordinates (CSS pixels), visible ones only.
export async function mirrorBoxes(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('#mirror > *')) {
      if (el.classList.contains('portal-mirror-spacer') || el.classList.contains('portal-announcer')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const role = el.getAttribute('role') || el.dataset.role || el.tagName.toLowerCase();
      out.push({ id: el.dataset.id, role, tag: el.tagName.toLowerCase(),
        name: (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 60),
        x: r.left, y: r.top + document.getElementById('mirror').scrollTop, top: r.top, w: r.width, h: r.height });
    }
    return out;
  });
}

const controlTags = new Set(['button', 'a', 'input', 'textarea', 'select']);
export const isControl = (box) => controlTags.has(box.tag) || box.role === 'tab';

// Boxes that reach past the viewport's left or right edge (by more than half a pixel).
export function pastViewport(boxes, width) {
  return boxes.filter((b) => b.x < -0.5 || b.x + b.w > width + 0.5);
}

// Pairs of controls whose boxes overlap by more than a pixel each way.
export function overlappingControls(boxes) {
  const controls = boxes.filter(isControl);
  const pairs = [];
  for (let i = 0; i < controls.length; i += 1) {
    for (let j = i + 1; j < controls.length; j += 1) {
      const a = controls[i], b = controls[j];
      const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (w > 1 && h > 1) pairs.push([a, b]);
    }
  }
  return pairs;
}

// The mirror's boxes in two layers: the page's, which move when it scrolls, and the overlays' (windows
// fixed over the view, like the phone's priority bar at the bottom of the form), which stay where they are
// while the page scrolls under them; an overlay drawn over the page is by design, so overlaps are only
// looked for within a layer. The page is scrolled to its end to tell them apart, and there its controls
// must all have come clear of the overlays: `covered` lists those still under one (the page leaves no
// room to scroll them out). Leaves the page scrolled back to the top.
export async function layers(page) {
  const scrollTo = async (to) => {
    await page.evaluate((y) => {
      const mirror = document.getElementById('mirror');
      mirror.scrollTop = y === 'end' ? mirror.scrollHeight : y;
    }, to);
    await settle(page);
    return page.evaluate(() => document.getElementById('mirror').scrollTop);
  };
  // From the top (a screen may have scrolled itself, to an error say) to the end.
  const start = await scrollTo(0);
  const before = await mirrorBoxes(page);
  const scrolled = await scrollTo('end');
  if (scrolled - start < 1) return { page: before, overlay: [], covered: [] };
  const after = await mirrorBoxes(page);
  const then = new Map(before.map((b) => [b.id, b]));
  // The page moved under them by the whole scroll; an overlay's item stayed at the same place in the view.
  const fixed = new Set(after.filter((b) => then.has(b.id) && Math.abs(then.get(b.id).top - b.top) < 1).map((b) => b.id));
  const overlayAtEnd = after.filter((b) => fixed.has(b.id));
  // The overlays' area: the full width from their highest item down to the view's bottom edge.
  const overlayTop = Math.min(...overlayAtEnd.map((b) => b.top));
  const viewHeight = await page.evaluate(() => window.innerHeight);
  const covered = after.filter((b) => !fixed.has(b.id) && isControl(b) && b.top < viewHeight && b.top + b.h > overlayTop + 1);
  await scrollTo(0);
  return { page: before.filter((b) => !fixed.has(b.id)), overlay: before.filter((b) => fixed.has(b.id)), covered };
}
