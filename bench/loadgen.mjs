/* global performance, fetch */
// A load generator in its own process (so the client's work does not share the server's event loop):
// `concurrency` loops, each sending GETs round-robin over the given paths for `seconds`, keep-alive.
// Prints {"requests": n, "errors": e, "seconds": s}. Usage: node bench/loadgen.mjs <base> <cookie> <concurrency> <seconds> <path>...
const [base, cookie, concurrency, seconds, ...paths] = process.argv.slice(2);
const end = performance.now() + Number(seconds) * 1000;
let requests = 0;
let errors = 0;
let next = 0;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: Number(concurrency) }, async () => {
    while (performance.now() < end) {
      const p = paths[next++ % paths.length];
      const r = await fetch(base + p, { headers: cookie ? { cookie } : {} });
      await r.arrayBuffer();
      if (r.status >= 300) errors++;
      requests++;
    }
  }),
);
console.log(JSON.stringify({ requests, errors, seconds: (performance.now() - t0) / 1000 }));
