import { Api, readKey } from './api-client';
import type { Globals } from './args';

/** Where a command writes, what environment it reads, and what interrupts it (Ctrl-C). */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

export const apiFor = (g: Globals, io: Io): Api => {
  const key = readKey(g.keyFile, io.env);
  return new Api({ url: g.url, ...(key && { key }) });
};
