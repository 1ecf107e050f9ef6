export default async function globalTeardown(): Promise<void> {
  await Promise.all([globalThis.capeoTestServer?.stop(), globalThis.capeoTestPostgres?.stop()]);
}
