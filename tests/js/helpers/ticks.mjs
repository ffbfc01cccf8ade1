// helpers/ticks.mjs — counts how often a 1 ms timer runs while fits are in flight. A fit that
// never yields to the event loop lets no tick through however long it runs; one that yields
// lets them through at a rate set by the machine's speed. So instead of timing anything, the
// caller's fit is repeated until minTicks ticks were seen (or maxRounds fits ran).
export async function ticksDuringFits(fitOnce, { minTicks, maxRounds = 200 }) {
  let ticks = 0, training = false, rounds = 0;
  const timer = setInterval(() => { if (training) ticks++; }, 1);
  try {
    while (rounds < maxRounds && ticks < minTicks) {
      training = true;
      await fitOnce();
      training = false;
      rounds++;
    }
  } finally {
    clearInterval(timer);
  }
  return { ticks, rounds };
}
