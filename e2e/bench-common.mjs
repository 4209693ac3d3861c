// What the benchmark scripts (e2e/bench.mjs, e2e/bench-trace.mjs) share.

/// Puts texts in boxes as a user would (value, then an input event), in one task: `boxes`
/// is [test id, text] pairs.
export async function setBoxes(page, boxes) {
  await page.evaluate((boxes) => {
    for (const [id, text] of boxes) {
      const box = document.querySelector(`[data-testid=${id}]`);
      box.value = text;
      box.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }, boxes);
}

/// Empties the boxes named (the token and key boxes unless told), in one task.
export async function emptyBoxes(page, ids = ['token-input', 'key-input']) {
  await setBoxes(page, ids.map((id) => [id, '']));
}

/// Stops the given child processes (the benchmark's static servers) when this script ends
/// in any way: done, an uncaught error (a closed pipe on `| head` too), Ctrl-C or `timeout`.
/// A server left behind holds its port, and the e2e suite's servers then fail to start.
export function killOnExit(...children) {
  process.on('exit', () => { for (const c of children) c.kill(); });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => process.exit(130));
}
