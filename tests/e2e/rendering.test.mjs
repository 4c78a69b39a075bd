// The canvas shows what the mirror says is there: the portal's words are drawn where their elements
// stand, at every device pixel ratio, and nothing is drawn where nothing stands (the portal's own
// WebGL2 renderer: its projection, its scissor, its font texture).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserAndServers, decodePng, openPortal, signInFromForm, startServer } from './harness.mjs';

const session = browserAndServers();

// The share of a box's pixels that differ from its background by more than a third: text strokes (dark on
// the page, white on a primary button).
async function inked(page, box) {
  const { gray } = decodePng(await page.screenshot({ clip: box }));
  const background = [...gray].sort((a, b) => a - b)[Math.floor(gray.length / 2)];
  return gray.filter((v) => Math.abs(v - background) > 85).length / gray.length;
}

for (const scale of [1, 2]) {
  test(`the words are drawn where the mirror places them, at device pixel ratio ${scale}`, async () => {
    session.server ||= await startServer({ args: ['--dev'] });
    const portal = await openPortal(session.browser, session.server.url, { deviceScaleFactor: scale });
    const { page } = portal;
    const heading = await page.getByRole('heading', { name: 'Help Center', exact: true, level: 1 }).boundingBox();
    const words = await inked(page, heading);
    assert.ok(words > 0.04 && words < 0.6, `the heading's box holds its letters (${words.toFixed(3)} inked)`);
    // Right of the heading, on the same line: the background alone.
    const beside = { x: heading.x + heading.width + 40, y: heading.y, width: 300, height: heading.height };
    assert.equal(await inked(page, beside), 0, 'nothing is drawn beside the heading');
    // A button's label sits inside its frame.
    const button = await page.getByRole('button', { name: 'Sign in', exact: true }).boundingBox();
    const label = await inked(page, { x: button.x + 4, y: button.y + 4, width: button.width - 8, height: button.height - 8 });
    assert.ok(label > 0.04, `"Sign in" is written on its button (${label.toFixed(3)} inked)`);
    // The context has no depth buffer: the lists are drawn flat, in order (src/web/main.cpp).
    const attributes = await page.evaluate(() => document.getElementById('canvas').getContext('webgl2').getContextAttributes());
    assert.equal(attributes.depth, false, 'the canvas has a depth buffer');
    portal.assertClean();
    await portal.context.close();
  });
}

test('text longer than its field, grown to its height, is cut at the edge of the field', async () => {
  session.server ||= await startServer({ args: ['--dev'] });
  const portal = await openPortal(session.browser, session.server.url);
  const { page } = portal;
  await page.goto(session.server.url + '#/sign-in');
  await page.getByLabel('Email', { exact: true }).waitFor();
  await signInFromForm(page, session.server, 'ana@demo.store');
  await page.getByRole('tab', { name: 'New ticket', exact: true }).click();
  const description = page.getByLabel('Description', { exact: true });
  await description.waitFor();
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
  // The field grows with its text up to a height, then scrolls: forty lines (scrolled to the last, the
  // first one shown cut by the top edge) and forty empty ones leave the same pixels over and under it.
  await description.fill(Array.from({ length: 40 }, () => '').join('\n'));
  await settle();
  await description.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await settle();
  const box = await description.boundingBox();
  const above = { x: box.x, y: box.y - 7, width: box.width, height: 6 };
  const below = { x: box.x, y: box.y + box.height + 1, width: box.width, height: 6 };
  const before = [await inked(page, above), await inked(page, below)];
  await description.fill(Array.from({ length: 40 }, (_, i) => `Line ${i + 1} of the steps to reproduce`).join('\n'));
  await settle();
  assert.deepEqual(await description.boundingBox(), box, 'the field stopped growing at its height');
  assert.deepEqual([await inked(page, above), await inked(page, below)], before, 'no line is drawn outside the field');
  const inside = await inked(page, { x: box.x + 4, y: box.y + 4, width: box.width - 8, height: box.height - 8 });
  assert.ok(inside > 0.02, `the field shows its first lines (${inside.toFixed(3)} inked)`);
  portal.assertClean();
  await portal.context.close();
});
