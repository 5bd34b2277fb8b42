/**
 * Asks a cheap route again and again while something else runs, and records the slowest answer:
 * a request that blocks the event loop shows up as a slow probe. The api runs in the test's own
 * process, so a blocked loop delays the probe's timer and its answer alike; both are counted.
 */
export interface Probe {
  stop(): Promise<{ count: number; maxMs: number; failures: number }>;
}

export function startProbe(url: string, everyMs = 100): Probe {
  let running = true;
  let count = 0;
  let maxMs = 0;
  let failures = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
        await res.arrayBuffer();
        if (!res.ok) failures += 1;
      } catch {
        failures += 1;
      }
      maxMs = Math.max(maxMs, performance.now() - started);
      count += 1;
      const waitStarted = performance.now();
      await new Promise((r) => setTimeout(r, everyMs));
      // A timer that fires late means the loop was blocked meanwhile.
      maxMs = Math.max(maxMs, performance.now() - waitStarted - everyMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { count, maxMs, failures };
    },
  };
}
