import { useEffect, useState } from 'preact/hooks';

/** The time now, renewed every `everyMs`: clocks and gate waits move on their own. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
