import { groupCommit } from '../../lib/group-commit';

/** A writer whose writes finish only when the test says so. */
function slowWriter(fail: (job: number) => boolean = () => false) {
  const groups: number[][] = [];
  const finish: (() => void)[] = [];
  const runAll = (jobs: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      groups.push(jobs);
      finish.push(() => (jobs.some(fail) ? reject(new Error(`bad job in ${jobs}`)) : resolve(jobs.map((j) => `done ${j}`))));
    });
  return { groups, finish, runAll };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('groupCommit', () => {
  it('runs the first job alone, and the jobs that arrived meanwhile together in the next write', async () => {
    const w = slowWriter();
    const write = groupCommit(w.runAll);
    const answers = [1, 2, 3, 4].map((j) => write(j));
    await settle();
    expect(w.groups).toEqual([[1]]);
    w.finish[0]!();
    await settle();
    expect(w.groups).toEqual([[1], [2, 3, 4]]);
    w.finish[1]!();
    expect(await Promise.all(answers)).toEqual(['done 1', 'done 2', 'done 3', 'done 4']);
  });

  it('never runs two writes at once, and takes at most maxJobs per write', async () => {
    const w = slowWriter();
    const write = groupCommit(w.runAll, 2);
    const answers = [1, 2, 3, 4, 5].map((j) => write(j));
    await settle();
    expect(w.groups).toEqual([[1]]);
    for (let i = 0; i < 2; i++) {
      await settle();
      expect(w.groups).toHaveLength(i + 1); // the next write starts only once the one before finished
      w.finish[i]!();
      await settle();
    }
    expect(w.groups).toEqual([[1], [2, 3], [4, 5]]);
    w.finish[2]!();
    await expect(Promise.all(answers)).resolves.toHaveLength(5);
  });

  it('a failed group is tried job by job: only the bad job fails', async () => {
    const w = slowWriter((j) => j === 3);
    const write = groupCommit(w.runAll);
    const answers = [1, 2, 3, 4].map((j) => write(j).catch((err: Error) => err.message));
    await settle();
    w.finish[0]!(); // [1]
    await settle();
    w.finish[1]!(); // [2, 3, 4] fails
    for (let i = 2; i < 5; i++) {
      await settle();
      w.finish[i]!(); // [2], [3], [4]
    }
    expect(await Promise.all(answers)).toEqual(['done 1', 'done 2', 'bad job in 3', 'done 4']);
    expect(w.groups).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });

  it('goes on after a failure', async () => {
    const w = slowWriter((j) => j === 1);
    const write = groupCommit(w.runAll);
    const first = write(1).catch(() => 'failed');
    await settle();
    w.finish[0]!();
    expect(await first).toBe('failed');
    const second = write(2);
    await settle();
    w.finish[1]!();
    expect(await second).toBe('done 2');
  });
});
