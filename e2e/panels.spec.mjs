// Panels open where the eye is: every panel opened from the tool row (and the top bar's
// presenter controls and shortcut list) is on the screen after the click, and the focus is
// in it, on a wide screen and on a phone. README: "Where panels open".
import { test, expect, openApp } from './fixtures.mjs';

/** Each button, and the panel it opens (data-testid). */
const PANELS = [
  ['gallery-toggle', 'gallery'],
  ['walk-toggle', 'walkthrough'],
  ['checks-toggle', 'claims-validation'],
  ['share-toggle', 'share-panel'],
  ['diff-toggle', 'diff-panel'],
  ['shortcuts-toggle', 'shortcuts-help'],
];

/** Whether a box intersects the viewport. */
const inView = (box, { width, height }) => !!box && box.y < height && box.y + box.height > 0 && box.x < width && box.x + box.width > 0;

for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 780 }]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });
    for (const [button, panel] of PANELS) {
      test(`${button} opens ${panel} in view, with the focus in it`, async ({ page }) => {
        await openApp(page);
        await page.getByTestId(button).click();
        const shown = page.getByTestId(panel);
        await expect(shown).toBeVisible();
        // The panel is on the screen, and so is the element holding the focus, inside it.
        await expect.poll(() => shown.evaluate((el) => el.contains(document.activeElement))).toBe(true);
        await expect.poll(async () => inView(await shown.boundingBox(), viewport)).toBe(true);
        const focused = page.locator(':focus');
        expect(inView(await focused.boundingBox(), viewport)).toBe(true);
        if (viewport.width === 1280) await page.screenshot({ path: test.info().outputPath(`${panel}.png`) });
      });
    }
    test('presenter mode shows its pane choice beside its button, which keeps the focus', async ({ page }) => {
      await openApp(page);
      await page.getByTestId('presenter-toggle').click();
      const choice = page.getByTestId('presenter-focus');
      await expect(choice).toBeVisible();
      expect(inView(await choice.boundingBox(), viewport)).toBe(true);
      // The focus stays on the toggle (a second press, or the p key, turns the mode off),
      // in the same group as the choice it revealed.
      await expect(page.getByTestId('presenter-toggle')).toBeFocused();
      expect(await choice.evaluate((el) => el.closest('.present-controls').contains(document.activeElement))).toBe(true);
    });
  });
}

test('the signature walkthrough opens under the verdict and the warnings, in the left column', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openApp(page);
  await page.getByTestId('walk-toggle').click();
  const walk = page.getByTestId('walkthrough');
  await expect(walk.getByRole('heading', { name: 'Signature, step by step' })).toBeFocused();
  const [w, warnings, verdict] = await Promise.all([walk.boundingBox(), page.getByTestId('warnings').boundingBox(), page.getByTestId('verdict').boundingBox()]);
  expect(w.y).toBeGreaterThan(warnings.y);
  expect(Math.abs(w.x - verdict.x)).toBeLessThan(2);
});
