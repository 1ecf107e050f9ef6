const tails = new Map<string, Promise<void>>();

/**
 * Runs `fn` once every earlier call with the same name in this process has settled, so read-modify-write
 * sequences on one file (an append after a check, a counter) never interleave inside the process.
 */
export function serially<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(name) ?? Promise.resolve();
  const run = previous.then(fn);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(name, tail);
  void tail.then(() => {
    if (tails.get(name) === tail) tails.delete(name);
  });
  return run;
}
