// Typing as people do: dead keys and IME composition (what a pt-BR or es keyboard sends for é, ã, ç,
// ñ, ü), the system clipboard (copy, cut, paste) and undo, in the portal's text fields. The fields
// are real DOM inputs behind the canvas, so the browser's own input methods work; what is checked is
// that the text reaches the portal itself (its saved draft), not only the DOM.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertEventually, browserAndServers, button, openPortal, radio, signInFromForm, startServer } from './harness.mjs';

const session = browserAndServers();

// The draft the portal saved from its own state.
const draftFields = (page) => page.evaluate(() => {
  const entry = Object.entries(localStorage).find(([key]) => key.startsWith('portal.draft.'));
  return entry ? JSON.parse(entry[1]).fields : {};
});

async function newTicket() {
  session.server = await startServer({ args: ['--dev'] });
  const portal = await openPortal(session.browser, session.server.url, { permissions: ['clipboard-read', 'clipboard-write'] });
  await button(portal.page, 'Sign in').click();
  await signInFromForm(portal.page, session.server, 'ana@demo.store');
  await portal.page.getByRole('tab', { name: 'New ticket', exact: true }).click();
  // The store account is chosen in the top bar's switcher (the first by name at first).
  await portal.page.getByRole('button', { name: 'Store account: Ana Shop US · US', exact: true }).click();
  await radio(portal.page, 'Loja da Ana · Brazil').click();
  await portal.page.getByRole('button', { name: 'Store account: Loja da Ana · Brazil', exact: true }).waitFor();
  await portal.page.getByLabel('Title', { exact: true }).waitFor();
  return portal;
}

test('dead keys and IME composition reach the portal: é, ã, ç, ñ, ü', async () => {
  const { page, context, assertClean } = await newTicket();
  const cdp = await context.newCDPSession(page);
  await page.getByLabel('Title', { exact: true }).click();
  await page.keyboard.type('Promo');
  // A dead key opens a composition showing the accent; the next key commits the composed letter.
  const compose = async (accent, letter) => {
    await cdp.send('Input.imeSetComposition', { text: accent, selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.insertText', { text: letter });
  };
  await compose('\u00b8', 'ç');  // cedilla dead key, then c
  await compose('~', 'ã');
  await page.keyboard.type('o n');
  await compose('\u00b4', 'é');
  await page.keyboard.type(' aplica ');
  await compose('~', 'ñ');
  await compose('\u00a8', 'ü');
  const expected = 'Promoção né aplica ñü';
  assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), expected);
  await assertEventually(async () => (await draftFields(page)).title === expected);
  // A composition still open is not sent half-done: the portal gets the committed text only.
  await cdp.send('Input.imeSetComposition', { text: 'にほ', selectionStart: 2, selectionEnd: 2 });
  await cdp.send('Input.imeSetComposition', { text: '日本', selectionStart: 2, selectionEnd: 2 });
  await cdp.send('Input.insertText', { text: '日本' });
  await assertEventually(async () => (await draftFields(page)).title === expected + '日本');
  assertClean();
});

test('copy, cut and paste with the system clipboard, and undo within a field', async () => {
  const { page, assertClean } = await newTicket();
  const title = page.getByLabel('Title', { exact: true });
  const description = page.getByLabel('Description', { exact: true });
  await title.click();
  await page.keyboard.type('Pagamento recusado');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+C');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'Pagamento recusado');
  await description.click();
  await page.keyboard.press('ControlOrMeta+V');
  await page.keyboard.type(' no checkout.');
  await assertEventually(async () => (await draftFields(page)).description === 'Pagamento recusado no checkout.');

  // Cut the title: the field and the portal's draft are empty, the clipboard has it.
  await title.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+X');
  await assertEventually(async () => (await draftFields(page)).title === '');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'Pagamento recusado');

  // Undo brings the cut text back, in the field and in the portal.
  await page.keyboard.press('ControlOrMeta+Z');
  await assertEventually(async () => (await title.inputValue()) === 'Pagamento recusado');
  await assertEventually(async () => (await draftFields(page)).title === 'Pagamento recusado');
  assertClean();
});

test('the field being typed in stays in view when the visible area shrinks, as when a virtual keyboard opens', async () => {
  const { page, context, assertClean } = await newTicket();
  const description = page.getByLabel('Description', { exact: true });
  await description.focus();
  const { width } = page.viewportSize();
  assert.ok((await description.boundingBox()).y > 400, 'the field starts below where the keyboard will reach');
  await page.setViewportSize({ width, height: 350 });  // what the keyboard leaves visible
  await assertEventually(async () => {
    const box = await description.boundingBox();
    return box.y >= 0 && box.y < 350 - 20;
  });
  await page.keyboard.type('checkout');  // still the portal's field, drawn where the page shows it
  await assertEventually(async () => (await description.inputValue()) === 'checkout');
  assertClean();
  await context.close();
});
