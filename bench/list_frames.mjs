// My requests in the browser: the main thread's time for each frame the portal draws (the wasm frame:
// the app, Dear ImGui, the WebGL calls and the semantics mirror's update), with 10,000 tickets listed
// (all loaded, 200 pages of "Load more") in one page against the empty list of another account in a
// second page of the same headless Chromium (SwiftShader: the pixels are drawn in the GPU process, not
// counted here). Frames are caused by moving the pointer over the list, as a merchant's hand would.
import { openPortal, signInFromForm, sleep, startServer } from '../tests/e2e/harness.mjs';
import { accessToken, createTickets } from './ticket_load.mjs';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
// The page's clock counts in steps of 0.1 ms, with a random jitter: a mean of many frames is finer than
// that step where a median stays on it. The slowest and fastest tenth are left out (a collection, a
// stall of the machine).
const trimmedMean = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const cut = Math.floor(sorted.length / 10);
  const kept = sorted.slice(cut, sorted.length - cut);
  return kept.reduce((sum, v) => sum + v, 0) / kept.length;
};

// Times each animation-frame callback in which the portal drew a frame.
function timeFrames() {
  const raf = window.requestAnimationFrame.bind(window);
  window.benchFrames = [];
  window.requestAnimationFrame = (callback) => raf((time) => {
    const before = window.portal ? window.portal.frames() : 0;
    const start = performance.now();
    callback(time);
    const spent = performance.now() - start;
    if (window.portal && window.portal.frames() > before) window.benchFrames.push(spent);
  });
}

async function hoverFrames(page, moves) {
  await page.evaluate(() => { window.benchFrames = []; });
  for (let i = 0; i < moves; i += 1) {
    await page.mouse.move(300 + (i % 7) * 40, 360 + (i % 5) * 45);
    await sleep(20);
  }
  await sleep(200);
  return page.evaluate(() => window.benchFrames);
}

async function showList(page, account) {
  await page.getByRole('tab', { name: 'My requests', exact: true }).click();
  // The store account is chosen in the top bar's switcher.
  await page.getByRole('button', { name: /^Store account: / }).click();
  await page.getByRole('radio', { name: account, exact: true }).click();
  await page.getByRole('button', { name: `Store account: ${account}`, exact: true }).waitFor();
}

// A page of its own, signed in as Ana, on My requests of `account`.
async function listPage(browser, server, account) {
  const portal = await openPortal(browser, server.url);
  const { page } = portal;
  await page.addInitScript(timeFrames);
  await page.goto(server.url + '#/sign-in');
  await page.reload();
  await page.getByLabel('Email', { exact: true }).waitFor();
  await signInFromForm(page, server, 'ana@demo.store');
  await showList(page, account);
  return portal;
}

// "50+ tickets", "100+ tickets", ... : Load more until all `tickets` are listed.
async function loadAll(page, tickets) {
  const count = `${new Intl.NumberFormat('en-US').format(tickets)} tickets`;
  const shown = () => page.evaluate(() => [...document.querySelectorAll('#mirror > [role=status]')]
    .map((el) => el.textContent).find((text) => /^[\d,]+\+? tickets?$/.test(text)) || '');
  const until = async (done) => {
    for (let wait = 0; wait < 1500 && !done(await shown()); wait += 1) await sleep(20);
    return shown();
  };
  for (let i = 0; i < tickets / 50 + 5; i += 1) {
    const before = await until((text) => text !== '');
    if (before === count) return;
    await page.getByRole('button', { name: 'Load more', exact: true }).click();
    await until((text) => text !== '' && text !== before);
  }
  throw new Error(`the list shows "${await shown()}", not ${count}`);
}

// The two pages take turns (`rounds` rounds of `moves` pointer moves each, each page first in turn), so
// that the machine's drift falls on both; the ratio is the median of the rounds' ratios.
export async function measureListFrames(browser, { tickets = 10000, rounds = 10, moves = 40 } = {}) {
  const server = await startServer({ args: ['--dev'] });
  const portals = [];
  try {
    await createTickets(server, await accessToken(server, 'ana@demo.store'), 'lojadaana', tickets);
    const full = await listPage(browser, server, 'Loja da Ana · Brazil');
    portals.push(full);
    await loadAll(full.page, tickets);
    const empty = await listPage(browser, server, 'Ana Shop US · US');
    portals.push(empty);
    await empty.page.getByText('No tickets yet on this account.', { exact: true }).waitFor();
    const times = { full: [], empty: [] };
    const ratios = [];
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 ? ['empty', 'full'] : ['full', 'empty'];
      const means = {};
      for (const which of order) {
        const frames = await hoverFrames(which === 'full' ? full.page : empty.page, moves);
        times[which].push(...frames);
        means[which] = trimmedMean(frames);
      }
      ratios.push(means.full / means.empty);
    }
    return { tickets, full: trimmedMean(times.full), empty: trimmedMean(times.empty), ratio: median(ratios),
      frames: times.full.length + times.empty.length };
  } finally {
    for (const portal of portals) await portal.context.close();
    await server.stop();
  }
}
