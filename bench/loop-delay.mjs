// Preloaded into every bench process to find what holds an event loop:
//   LOOP_DELAY_DIR=/tmp/loops NODE_OPTIONS="--import $PWD/bench/loop-delay.mjs" npm run bench -- ...
// Each process appends to LOOP_DELAY_DIR/<pid>.log, once a second, the longest event-loop delay
// (perf_hooks.monitorEventLoopDelay) and the longest GC pause of that second when either passed
// 200 ms, with the tail of its command line. Plain JavaScript: Hive Gateway's Node 22 runs it too.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const dir = process.env.LOOP_DELAY_DIR;
if (dir) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${process.pid}.log`);
  const name = process.argv.slice(1).join(' ').slice(-60);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let gcMs = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs = Math.max(gcMs, entry.duration);
  }).observe({ entryTypes: ['gc'] });
  setInterval(() => {
    const loopMs = delay.max / 1e6;
    if (loopMs > 200 || gcMs > 200) {
      const { rss, heapUsed } = process.memoryUsage();
      appendFileSync(
        file,
        `${new Date().toISOString()} ${name} loop ${loopMs.toFixed(0)} ms, gc ${gcMs.toFixed(0)} ms, ` +
          `rss ${(rss / 1e6).toFixed(0)} MB, heap ${(heapUsed / 1e6).toFixed(0)} MB\n`,
      );
    }
    delay.reset();
    gcMs = 0;
  }, 1000).unref();
}
