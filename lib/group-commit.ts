// Group commit: jobs that arrive while a write is in flight wait and then go together in the next
// one. A long page's batches then cost two or three transactions, not one each (each IndexedDB
// commit costs tens of milliseconds).

/**
 * A function that runs each job through `runAll`, grouping the jobs that wait. The first job of a
 * quiet moment runs at once, alone. `runAll` gets at most `maxJobs` jobs and answers one result per
 * job, in order. If a group of several fails, each of its jobs is tried alone, so one bad job
 * fails only itself.
 */
export function groupCommit<J, R>(runAll: (jobs: J[]) => Promise<R[]>, maxJobs = 32): (job: J) => Promise<R> {
  type Waiting = { job: J; resolve: (r: R) => void; reject: (err: unknown) => void };
  const waiting: Waiting[] = [];
  let busy = false;

  const runGroup = async (group: Waiting[]) => {
    try {
      const results = await runAll(group.map((w) => w.job));
      group.forEach((w, i) => w.resolve(results[i]!));
    } catch (err) {
      if (group.length === 1) return group[0]!.reject(err);
      for (const w of group) await runGroup([w]);
    }
  };
  const next = async () => {
    if (busy || waiting.length === 0) return;
    busy = true;
    try {
      await runGroup(waiting.splice(0, maxJobs));
    } finally {
      busy = false;
      void next();
    }
  };
  return (job) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ job, resolve, reject });
      void next();
    });
}
