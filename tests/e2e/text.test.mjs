// Text like a web page, in the browser against the real server: a long description wraps in its field
// (the mirror's textarea grows, nothing scrolls sideways), support's reply is real text a mouse selects,
// its address a link that opens in a new tab, Enter on the email step sends the code, Ctrl+Enter
// sends a reply, on a phone a finger on words lands on real text whose word selects and copies, and
// find in page finds the drawn words where they are drawn.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerIncident, assertEventually, browserAndServers, button, openPortal, openSignedIn, outboxCode, radio, startServer, supportAdmin } from './harness.mjs';

const session = browserAndServers();

const signedIn = (email) => openSignedIn(session, email);

const admin = (...args) => supportAdmin(session.server, ...args);

const box = (locator) => locator.evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { height: r.height, width: r.width, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
});

test('a long description wraps in its field: the field grows, nothing scrolls sideways', async () => {
  const { page, assertClean } = await signedIn();
  await page.getByRole('tab', { name: 'New ticket', exact: true }).click();
  // The store account is chosen in the top bar's switcher (the first by name at first).
  await page.getByRole('button', { name: 'Store account: Ana Shop US · US', exact: true }).click();
  await radio(page, 'Loja da Ana · Brazil').click();
  await page.getByRole('button', { name: 'Store account: Loja da Ana · Brazil', exact: true }).waitFor();
  const description = page.getByLabel('Description', { exact: true });
  await description.waitFor();
  const empty = await box(description);
  const words = 'Every order fails at the payment step since ten in the morning, for every buyer we asked. ';
  await description.fill(words.repeat(20));  // more lines than the field shows at first
  await assertEventually(async () => (await box(description)).height > empty.height);
  const grown = await box(description);
  assert.equal(grown.width, empty.width);
  assert.ok(grown.scrollWidth <= grown.clientWidth, `scrolls sideways: ${JSON.stringify(grown)}`);
  // The textarea lays its words out as the canvas: same font size, line height and wrapping.
  const style = await description.evaluate((el) => {
    const s = getComputedStyle(el);
    return { whiteSpace: s.whiteSpace, fontSize: parseFloat(s.fontSize), lineHeight: parseFloat(s.lineHeight) };
  });
  assert.equal(style.whiteSpace, 'pre-wrap');
  assert.ok(style.fontSize > 0 && style.lineHeight > 0);
  assertClean();
});

test("support's reply is text a mouse selects; its address is a link to a new tab; Ctrl+Enter replies", async () => {
  const { page, assertClean } = await signedIn();
  await page.getByRole('tab', { name: 'New ticket', exact: true }).click();
  // The store account is chosen in the top bar's switcher (the first by name at first).
  await page.getByRole('button', { name: 'Store account: Ana Shop US · US', exact: true }).click();
  await radio(page, 'Loja da Ana · Brazil').click();
  await page.getByRole('button', { name: 'Store account: Loja da Ana · Brazil', exact: true }).waitFor();
  await answerIncident(page, 'Checkout fails', 'Every order fails at the payment step since 10:00.');
  await button(page, 'Submit ticket').click();
  await page.getByText('Ticket #1001 was sent').waitFor();
  await admin('reply', '1001', 'Which order number fails? The steps are at https://help.vtex.com/faq.', '--as', 'Marta');
  await page.getByRole('tab', { name: 'My requests', exact: true }).click();
  await page.getByRole('link', { name: '#1001 Checkout fails' }).click();

  const reply = page.locator('.portal-mirror > [data-role=text]', { hasText: 'Which order number fails?' });
  await reply.waitFor();
  const link = reply.locator('a');
  assert.equal(await link.getAttribute('href'), 'https://help.vtex.com/faq');
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  assert.equal(await link.textContent(), 'https://help.vtex.com/faq');

  // A drag across the words selects them, as on a web page.
  await reply.scrollIntoViewIfNeeded();
  const r = await reply.boundingBox();
  const y = r.y + Math.min(r.height, 20) / 2;
  await page.mouse.move(r.x + 1, y);
  await page.mouse.down();
  await page.mouse.move(r.x + r.width / 2, y, { steps: 5 });
  await page.mouse.move(r.x + r.width - 1, y, { steps: 5 });
  await page.mouse.up();
  const selected = await page.evaluate(() => window.getSelection().toString());
  assert.match(selected, /Which order number/);

  // Ctrl+Enter in the reply box sends it.
  const box = page.getByLabel('Your reply', { exact: true });
  await box.fill('Order 1234-01, and all the others.');
  await box.press('Control+Enter');
  await page.getByText('Reply sent').waitFor();
  await page.locator('.portal-mirror > [data-role=text]', { hasText: 'Order 1234-01, and all the others.' }).waitFor();
  await assertEventually(async () => (await box.inputValue()) === '');
  // What is typed next is a new reply.
  await box.fill('One more thing.');
  await assertEventually(async () => (await box.inputValue()) === 'One more thing.');
  assertClean();
});

test('Enter on the email step sends the code', async () => {
  session.server = await startServer({ args: ['--dev'] });
  const { page, assertClean } = await openPortal(session.browser, session.server.url);
  await button(page, 'Sign in').click();
  const email = page.getByLabel('Email', { exact: true });
  await email.fill('ana@demo.store');
  const since = Date.now() - 1000;
  await email.press('Enter');
  const code = page.getByLabel('Code', { exact: true });
  await code.waitFor();
  await code.fill(await outboxCode(session.server, 'ana@demo.store', since));
  await code.press('Enter');
  await page.getByRole('button', { name: /^Account menu for / }).waitFor();  // signed in: the user menu
  assertClean();
});

// A phone's long press on words is the browser's own gesture (its selection handles, its copy menu), which
// headless Chromium does not make from synthesized touches. What the portal must do for it is checked here
// in a touch browser: the finger lands on the real words (not the canvas, not a control), nothing the
// portal listens with cancels the touch, and the word the browser finds under the finger is the word drawn
// there, which then selects and copies.
test("on a phone a finger on the words lands on real text that nothing cancels; the word under it selects and copies", async () => {
  session.server = await startServer({ args: ['--dev'] });
  const { page, assertClean } = await openPortal(session.browser, session.server.url + '#/help',
    { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  const words = page.locator('.portal-mirror > [data-role=text]', { hasText: 'Search the Help Center, or ask support' });
  await words.waitFor();
  const r = await words.boundingBox();
  const x = r.x + r.width * 0.3;
  const y = r.y + Math.min(r.height, 20) / 2;
  const under = await page.evaluate(([px, py]) => {
    const el = document.elementFromPoint(px, py);
    const style = el && getComputedStyle(el);
    return el && { text: el.textContent, userSelect: style.userSelect, touchAction: style.touchAction };
  }, [x, y]);
  assert.match(under?.text || '', /^Search the Help Center, or ask support/);
  assert.equal(under.userSelect, 'text');

  // A long press by touch: what the page's listeners made of each event, seen last (on the window).
  await page.evaluate(() => {
    window.touchSeen = [];
    for (const type of ['touchstart', 'touchend', 'pointerdown', 'pointerup', 'contextmenu', 'selectstart'])
      window.addEventListener(type, (e) => window.touchSeen.push({ type, cancelled: e.defaultPrevented }));
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  await new Promise((resolve) => setTimeout(resolve, 700));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await assertEventually(() => page.evaluate(() => window.touchSeen.some((e) => e.type === 'touchend')));
  const seen = await page.evaluate(() => window.touchSeen);
  assert.ok(seen.some((e) => e.type === 'touchstart') && seen.some((e) => e.type === 'pointerdown'), JSON.stringify(seen));
  assert.deepEqual(seen.filter((e) => e.cancelled), [], 'a touch on words was cancelled: a long press could not select');
  assert.equal(new URL(page.url()).hash, '#/help');  // a press that selected nothing opened nothing

  // The word the browser finds under the finger: in these words, drawn where the finger is, selected and
  // copied as itself.
  const picked = await page.evaluate(([px, py]) => {
    const caret = document.caretRangeFromPoint(px, py);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(caret);
    selection.modify('move', 'backward', 'word');
    selection.modify('extend', 'forward', 'word');
    const box = selection.getRangeAt(0).getBoundingClientRect();
    let copied = null;
    document.addEventListener('copy', (e) => { copied = window.getSelection().toString(); e.preventDefault(); }, { once: true });
    document.execCommand('copy');
    return { word: selection.toString().trim(), inside: caret.startContainer.parentElement.textContent, copied,
      left: box.left, right: box.right, top: box.top, bottom: box.bottom };
  }, [x, y]);
  assert.match(picked.inside, /^Search the Help Center, or ask support/);
  assert.ok(picked.word.length > 1 && picked.inside.includes(picked.word), JSON.stringify(picked));
  assert.ok(picked.left <= x && x <= picked.right + 6 && picked.top <= y && y <= picked.bottom, JSON.stringify({ picked, x, y }));
  assert.equal(picked.copied.trim(), picked.word);
  assertClean();
});

// Find in page (Ctrl+F) searches the page's text: the drawn words are there, as real text, where drawn.
test('find in page finds drawn words, and what it finds lies over them', async () => {
  session.server = await startServer({ args: ['--dev'] });
  const { page, assertClean } = await openPortal(session.browser, session.server.url + '#/help');
  const words = page.locator('.portal-mirror > [data-role=text]', { hasText: 'Search the Help Center, or ask support' });
  await words.waitFor();
  const r = await words.boundingBox();
  const found = await page.evaluate(() => {
    window.getSelection().removeAllRanges();
    const hit = window.find('ask support when you need', true, false, true);
    const selection = window.getSelection();
    const box = hit && selection.getRangeAt(0).getBoundingClientRect();
    return { hit, text: selection.toString(), box: box && { x: box.x, y: box.y, w: box.width, h: box.height } };
  });
  assert.ok(found.hit, 'find in page did not find the drawn words');
  assert.equal(found.text, 'ask support when you need');
  assert.ok(found.box.x >= r.x - 1 && found.box.x + found.box.w <= r.x + r.width + 1 &&
    found.box.y >= r.y - 1 && found.box.y + found.box.h <= r.y + r.height + 1, JSON.stringify({ found, r }));
  assert.equal(await page.evaluate(() => window.find('no such words anywhere', true, false, true)), false);
  assertClean();
});
