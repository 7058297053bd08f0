// Polls until a condition holds, for what another process or a timer makes true a little later (a notification,
// a batch written, a replica's replay). Generous limit for a loaded machine; answers how long it took.
export async function eventually(seen: () => Promise<boolean> | boolean, limitMs = 60_000, everyMs = 50): Promise<number> {
  const t0 = Date.now();
  while (!(await seen())) {
    if (Date.now() - t0 > limitMs) throw new Error(`not seen within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return Date.now() - t0;
}
