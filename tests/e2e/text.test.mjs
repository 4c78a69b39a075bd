// Text like a web page, in the browser against the real server: a long description wraps in its field
// (the mirror's textarea grows, nothing scrolls sideways), support's reply is real text a mouse selects,
// its address a link that opens in a new tab, Enter on the email step sends the code, and Ctrl+Enter
// sends a reply.
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
