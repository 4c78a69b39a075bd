// The keyboard alone: Tab reaches every control in visual order (top to bottom, left to right), and a
// merchant signs in and submits a ticket without the mouse. Screen changes set the page title and are
// announced by the live region.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserAndServers, openPortal, outboxCode, startServer } from './harness.mjs';

const session = browserAndServers();

const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  if (!el || el === document.body || el.id === 'canvas') return null;
  const box = el.getBoundingClientRect();
  return { name: (el.getAttribute('aria-label') || el.textContent || '').trim(), role: el.getAttribute('role') || el.type || el.tagName.toLowerCase(),
    group: el.name || '', x: Math.round(box.x), y: Math.round(box.y) };
});

// Presses Tab until the control named `name` has the focus.
async function tabTo(page, name) {
  for (let i = 0; i < 80; i += 1) {
    await page.keyboard.press('Tab');
    if ((await focused(page))?.name === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

// A radio: Tab into its group, then the arrow keys (which also choose) to it, as in any web form.
async function chooseRadio(page, name) {
  const group = await page.getByRole('radio', { name, exact: true }).evaluate((el) => el.name);
  for (let i = 0; i < 80 && (await focused(page))?.group !== group; i += 1) await page.keyboard.press('Tab');
  for (let i = 0; i < 12 && (await focused(page))?.name !== name; i += 1) await page.keyboard.press('ArrowDown');
  assert.equal((await focused(page))?.name, name);
  await page.keyboard.press('Space');
  assert.equal(await page.getByRole('radio', { name, exact: true }).isChecked(), true);
}

// Every control Tab reaches, from the top of the page round to where it started.
async function tabOrder(page) {
  await page.evaluate(() => document.activeElement?.blur());
  const seen = [];
  for (let i = 0; i < 120; i += 1) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (!now) { if (seen.length) break; continue; }
    if (seen.length && now.name === seen[0].name && now.y === seen[0].y) break;
    seen.push(now);
  }
  return seen;
}

function assertVisualOrder(order, screen) {
  assert.ok(order.length >= 3, `${screen}: Tab reaches its controls (${order.length})`);
  for (let i = 1; i < order.length; i += 1) {
    const [a, b] = [order[i - 1], order[i]];
    const sameRow = Math.abs(a.y - b.y) < 12;
    assert.ok(sameRow ? b.x > a.x : b.y > a.y || a.role === 'radio' || b.role === 'radio' || a.x > 500 !== b.x > 500,
      `${screen}: "${b.name}" (${b.x},${b.y}) comes after "${a.name}" (${a.x},${a.y}) in Tab order`);
  }
}

test('Tab reaches the controls in visual order; the page title names the screen and a change is announced', async () => {
  session.server = await startServer({ args: ['--dev'] });
  const { page, assertClean } = await openPortal(session.browser, session.server.url);
  assertVisualOrder(await tabOrder(page), 'the Help Center');
  assert.equal(await page.title(), 'Help Center · VTEX Support');
  await tabTo(page, 'Sign in');
  await page.keyboard.press('Enter');
  await page.getByLabel('Email', { exact: true }).waitFor();
  assert.equal(await page.title(), 'Sign in · VTEX Support');
  assert.equal(await page.locator('.portal-announcer').textContent(), 'Sign in · VTEX Support');
  assertVisualOrder(await tabOrder(page), 'the sign-in form');
  // From the canvas too, Tab moves the page's focus into the portal's controls (not Dear ImGui's).
  await page.locator('#canvas').focus();
  await page.keyboard.press('Tab');
  assert.notEqual(await focused(page), null, 'Tab from the canvas reaches a control');
  assertClean();
});

// Under load this once failed one run in three: Tab also reached Dear ImGui, whose own tabbing took
// the place of the button pressed from the keyboard (web/mirror/input.js now keeps Tab for the page).
test('keyboard alone: sign in by email code and submit a ticket', async () => {
  session.server = await startServer({ args: ['--dev'] });
  const { page, assertClean } = await openPortal(session.browser, session.server.url);
  await tabTo(page, 'Sign in');
  await page.keyboard.press('Enter');
  await page.getByLabel('Email', { exact: true }).waitFor();
  await tabTo(page, 'Email');
  await page.keyboard.type('ana@demo.store');
  const since = Date.now() - 1000;
  await tabTo(page, 'Send code');
  await page.keyboard.press('Enter');
  await page.getByLabel('Code', { exact: true }).waitFor();
  await tabTo(page, 'Code');
  await page.keyboard.type(await outboxCode(session.server, 'ana@demo.store', since));
  await tabTo(page, 'Verify');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Account menu for Ana Souza', exact: true }).waitFor();
  // The top bar signed in (sections, then the account menu at the right) in visual order too.
  assertVisualOrder(await tabOrder(page), 'the Help Center signed in');

  await tabTo(page, 'New ticket');
  await page.keyboard.press('Enter');
  await page.getByLabel('Title', { exact: true }).waitFor();
  assert.equal(await page.title(), 'New ticket · VTEX Support');
  await chooseRadio(page, 'Unexpected behaviour');  // the kind: none is chosen at first
  await tabTo(page, 'Title');
  await page.keyboard.type('Sem mouse: o checkout falha');
  await tabTo(page, 'Description');
  await page.keyboard.type('Every order fails at the payment step.');
  await chooseRadio(page, 'Buyers');
  await chooseRadio(page, 'Critical resources');
  await chooseRadio(page, 'Production');
  await chooseRadio(page, 'Advanced');
  await tabTo(page, 'Submit ticket');
  await page.keyboard.press('Enter');
  await page.getByText(/^Ticket #1001 was sent/).waitFor();
  assert.equal(await page.title(), 'Ticket sent · VTEX Support');
  assertClean();
});

// The mirror on its own, fed frames by hand (a stand-in for the wasm module records its calls), so that
// the orders of events a loaded machine produces only sometimes are played every time.
async function handMirror(page) {
  await page.evaluate(() => {
    const wrapper = document.createElement('div');
    const canvas = document.createElement('canvas');
    const root = document.createElement('div');
    wrapper.append(canvas, root);
    document.body.append(wrapper);
    window.handCalls = [];
    const module = new Proxy({}, { get: (_, name) => (...args) => { window.handCalls.push([name, ...args]); return 0; } });
    window.hand = new window.PortalMirror(wrapper, canvas, root, module);
    window.handFrame = (items, active = 0) => window.hand.update(JSON.stringify({
      items: items.map(([id, role, label], i) => ({ id, role, label, type: role === 'textbox' ? 'text' : '',
        autocomplete: 'off', value: '', x: 0, y: 40 * i, w: 200, h: 30 })),
      active, scroll: { height: 400, y: 0 } }));
    window.handFocus = () => document.activeElement?.dataset?.id ?? document.activeElement?.tagName;
  });
}

test('a frame drawn late never takes the focus back from where Tab put it, and never moves the focused element', async () => {
  session.server = await startServer({ args: ['--dev'] });
  const { page, assertClean } = await openPortal(session.browser, session.server.url);
  await handMirror(page);
  // Under load (one run in fifty): Tab reached "Search articles", which asked the portal to edit it,
  // then went on past the last control and out of the page before the portal drew that field as being
  // edited; that late frame pulled the focus back to the field.
  assert.equal(await page.evaluate(() => {
    handFrame([[1, 'button', 'Sign in'], [2, 'textbox', 'Search articles'], [3, 'button', 'Ask']]);
    hand.elements.get('2').focus();  // Tab reaches the field: the mirror asks the portal to edit it
    hand.elements.get('3').focus();  // Tab goes on to the last control ...
    hand.elements.get('3').blur();   // ... and out of the page, all before the portal's next frame
    handFrame([[1, 'button', 'Sign in'], [2, 'textbox', 'Search articles'], [3, 'button', 'Ask']], 2);
    return handFocus();
  }), 'BODY');
  assert.ok(await page.evaluate(() => handCalls.some(([name, id]) => name === '_portal_mirror_click' && id === 2)));
  // A field the portal starts editing by itself (a click on the canvas) still takes the page's focus.
  assert.equal(await page.evaluate(() => {
    handFrame([[1, 'button', 'Sign in'], [2, 'textbox', 'Search articles'], [3, 'button', 'Ask'], [4, 'textbox', 'Email']], 4);
    return handFocus();
  }), '4');
  // An item that goes away above the focused field (an error fixed, a notice gone): the field keeps the
  // focus (moving it in the page would blur it and close a phone's keyboard), and the order is right.
  assert.deepEqual(await page.evaluate(() => {
    handFrame([[1, 'button', 'Sign in'], [5, 'status', 'Enter an email'], [4, 'textbox', 'Email'], [6, 'button', 'Send code']], 4);
    hand.elements.get('4').focus();
    handFrame([[1, 'button', 'Sign in'], [4, 'textbox', 'Email'], [7, 'status', 'Checking'], [6, 'button', 'Send code']], 4);
    return [handFocus(), [...hand.root.children].slice(1).map((el) => el.dataset.id).join(' ')];
  }), ['4', '1 4 7 6']);
  assertClean();
});
