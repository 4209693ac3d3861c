// What the benchmark scripts (e2e/bench.mjs, e2e/bench-trace.mjs) share.

/// Empties the token and key boxes as a user would (value, then an input event), in one task.
export async function emptyBoxes(page) {
  await page.evaluate(() => {
    for (const id of ['token-input', 'key-input']) {
      const box = document.querySelector(`[data-testid=${id}]`);
      box.value = '';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    }
  });
}
