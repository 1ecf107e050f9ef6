export const MAX_TEST_WORKERS = 2;
export const TEST_NAMESPACES = Array.from({ length: MAX_TEST_WORKERS }, (_, i) => `capeo-test-${i + 1}`);

export function testNamespace(): string {
  const id = Number(process.env.JEST_WORKER_ID ?? '1');
  const ns = TEST_NAMESPACES[id - 1];
  if (!ns) throw new Error(`JEST_WORKER_ID ${id} exceeds the ${MAX_TEST_WORKERS} test namespaces; keep jest's maxWorkers at ${MAX_TEST_WORKERS}`);
  return ns;
}
