import { useEffect, useState } from 'preact/hooks';

/** The page's path and query, followed through history (links and back/forward), without reloads. */
export function useLocation(): URL {
  const [url, setUrl] = useState(() => new URL(location.href));
  useEffect(() => {
    const update = () => setUrl(new URL(location.href));
    addEventListener('popstate', update);
    addEventListener('capeo:navigate', update);
    return () => {
      removeEventListener('popstate', update);
      removeEventListener('capeo:navigate', update);
    };
  }, []);
  return url;
}

export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  dispatchEvent(new Event('capeo:navigate'));
}

/** A click on a same-origin link navigates in the page (a modified click opens a tab as usual). */
export function onLinkClick(e: MouseEvent): void {
  const a = (e.target as Element | null)?.closest?.('a');
  if (!a || a.target || a.hasAttribute('download') || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const href = a.getAttribute('href');
  if (!href || !href.startsWith('/ui') || a.origin !== location.origin) return;
  e.preventDefault();
  navigate(href);
}

export const missionHref = (id: string) => `/ui/missions/${encodeURIComponent(id)}`;
