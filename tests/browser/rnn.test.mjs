// rnn.test.mjs — chapter 6 (web/rnn.html) loads without console errors and each experiment's
// claim holds on what the page computes: through a linear SimpleRNN with recurrent kernel
// ρ·Q the measured ‖∂L/∂h_t‖ / ‖∂L/∂h_T‖ is ρ^(T−t) within 1e-3 relative (and tanh only
// bends it down); the unclipped run reaches NaN and the clipped runs do not, clipvalue = 1
// learning the task and the norm caps, at the same threshold, staying in the millions; on the
// adding problem LSTM and GRU end below SimpleRNN's loss and, after training, pass a larger
// share of the gradient back to t = 1 than before, while the LSTM's mean forget gate does not
// rise (the text says so rather than claiming it moves towards 1). No main-thread long task
// over 100 ms while training; screenshots at desktop and phone width go to test-output/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { longTasksDuring, outputDir, startBrowser } from './helpers.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

test('rnn chapter: rho^(T-t), NaN without clipping, gates reach back', async () => {
  const { page, errors } = await browser.open('rnn.html');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.waitForFunction(() => window.__chapter?.ready === true, null, { timeout: 60000 });

  // 1. Multiplying by the same matrix: an exact law for the linear cell.
  for (const [rho, T] of [[1.2, 40], [0.8, 30], [1.5, 20]]) {
    const r = await page.evaluate(([p, n]) => window.__chapter.bptt(p, n, 'linear'), [rho, T]);
    assert.equal(r.ratios.length, T);
    r.ratios.forEach((v, i) => {
      const law = rho ** (T - 1 - i);
      assert.ok(Math.abs(v / law - 1) < 1e-3, `rho ${rho}, T ${T}, t ${i + 1}: ${v} vs ${law}`);
    });
    assert.ok(Math.abs(r.spectralNorm / rho - 1) < 1e-3, `spectral norm ${r.spectralNorm} vs ${rho}`);
  }
  assert.ok(Math.abs(Number((await page.textContent('#same-status')).match(/is ([\d.e+]+) times/)[1]) / 1.2 ** 39 - 1) < 1e-2);
  const tanh = await page.evaluate(() => window.__chapter.bptt(1.2, 40, 'tanh'));
  tanh.ratios.forEach((v, i) => assert.ok(v <= 1.2 ** (39 - i) * (1 + 1e-3), `tanh at t ${i + 1}: ${v}`));

  // 2. Exploding, and caught (default clipvalue = 1), trained through the page's button.
  assert.equal(await page.inputValue('#clip-mode'), 'clipValue');
  await page.hover('#clip-run'); // Playwright's helpers compile now, not while measuring
  let clip;
  const longTasks = await longTasksDuring(page, async () => {
    clip = await page.evaluate(() => window.__chapter.runClip());
  });
  assert.deepEqual(longTasks, [], 'main-thread long tasks (ms) while training');
  assert.equal(clip.plain.sawNaN, true, JSON.stringify(clip.plain));
  assert.equal((await page.textContent('#loss-plain')).trim(), 'NaN');
  assert.equal(clip.clip.sawNaN, false, JSON.stringify(clip.clip));
  assert.equal(clip.clip.steps, 160);
  assert.ok(clip.clip.firstLoss > 1e8 && clip.clip.finalLoss < 0.1, JSON.stringify(clip.clip)); // "from hundreds of millions to below 0.1"
  assert.ok(clip.clip.maxBefore > 1e6, 'the gradient before clipping is still huge');
  for (const mode of ['globalClipNorm', 'clipNorm']) {
    await page.selectOption('#clip-mode', mode);
    const r = await page.evaluate(() => window.__chapter.runClip());
    assert.equal(r.clip.sawNaN, false, `${mode}: ${JSON.stringify(r.clip)}`);
    // "falls by a factor of a few hundred but stays in the millions"
    assert.ok(r.clip.finalLoss > 1e5 && r.clip.finalLoss < 1e7 && r.clip.firstLoss / r.clip.finalLoss > 100, `${mode}: ${JSON.stringify(r.clip)}`);
  }
  await page.selectOption('#clip-mode', 'clipValue');

  // 3. Gates keep the gradient alive (T = 30, the default).
  const gates = await page.evaluate(() => window.__chapter.runGates(30));
  const summary = JSON.stringify(Object.fromEntries(['SimpleRNN', 'LSTM', 'GRU'].map((c) => [c,
    { loss: gates[c].finalLoss, before: gates[c].before[0], after: gates[c].after[0], fb: gates[c].forgetBefore, fa: gates[c].forgetAfter }])));
  for (const cell of ['LSTM', 'GRU']) {
    assert.ok(gates[cell].finalLoss < gates.SimpleRNN.finalLoss, summary);
    assert.ok(gates[cell].after[0] > 100 * gates[cell].before[0], summary);
    assert.ok(gates[cell].after[0] > 10 * gates.SimpleRNN.after[0], summary);
  }
  assert.ok(gates.SimpleRNN.finalLoss > 0.1, summary); // near 1/6: SimpleRNN does not learn it
  assert.ok(gates.LSTM.forgetBefore > 0.7 && gates.LSTM.forgetBefore < 0.76, summary); // about σ(1)
  assert.ok(gates.LSTM.forgetAfter < gates.LSTM.forgetBefore + 0.02 && gates.LSTM.forgetAfter > 0.6, summary); // "stays near 0.7"
  assert.match(await page.textContent('#forget-note'), /0\.7\d before training, 0\.[67]\d after/);

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: fileURLToPath(new URL('rnn.png', outputDir)), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: fileURLToPath(new URL('rnn_phone.png', outputDir)), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than a 390px phone`);
  assert.deepEqual(errors, []);
});
