/** At most `maxConcurrent` calls at once, `maxQueued` more waiting; beyond, `acquire` is false. */
export interface Bulkhead {
  acquire(): Promise<boolean>;
  release(): void;
}

export function createBulkhead(maxConcurrent: number, maxQueued: number): Bulkhead {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async acquire() {
      if (running < maxConcurrent) {
        running += 1;
        return true;
      }
      if (waiting.length >= maxQueued) return false;
      await new Promise<void>((resolve) => waiting.push(resolve));
      return true; // the releasing call handed its slot over
    },
    release() {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    },
  };
}
