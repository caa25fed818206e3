// A small client-side router on the history API. Pages are loaded lazily (dynamic import), so the first
// page stays light and the modeler's bundle is only fetched when a diagram is opened.

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  root: HTMLElement;
}

/** A rendered page; dispose() runs before the next page replaces it (and may veto leaving it). */
export interface Page {
  dispose?(): void;
  /** Return a message to ask the user before leaving (unsaved changes), or null. */
  leaving?(): string | null;
}

export interface Route {
  path: string; // '/processes/:cluster/:key'
  title: string;
  nav?: string; // the top navigation entry highlighted on this route
  load: () => Promise<(ctx: RouteContext) => Promise<Page | void> | Page | void>;
}

interface Compiled extends Route {
  regex: RegExp;
  names: string[];
}

let routes: Compiled[] = [];
let current: Page | void = undefined;
let root: HTMLElement;
let onChange: (route: Route | null) => void = () => {};
let renderCount = 0;

export function compile(path: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const pattern = path.replace(/\/:([A-Za-z]+)/g, (_, name) => {
    names.push(name);
    return '/([^/]+)';
  });
  return { regex: new RegExp(`^${pattern}/?$`), names };
}

export function match(table: Route[], pathname: string): { route: Route; params: Record<string, string> } | null {
  for (const route of table) {
    const { regex, names } = compile(route.path);
    const m = regex.exec(pathname);
    if (m) {
      const params: Record<string, string> = {};
      names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
      return { route, params };
    }
  }
  return null;
}

export function startRouter(table: Route[], host: HTMLElement, changed: (route: Route | null) => void): void {
  routes = table.map((r) => ({ ...r, ...compile(r.path) }));
  root = host;
  onChange = changed;
  window.addEventListener('popstate', () => void render());
  // Same-origin links navigate inside the app; modified clicks keep their browser meaning.
  document.addEventListener('click', (e) => {
    const a = (e.target as HTMLElement).closest?.('a');
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (a.target || a.hasAttribute('download') || a.origin !== location.origin || a.dataset.external !== undefined) return;
    if (!routes.some((r) => r.regex.test(a.pathname))) return;
    e.preventDefault();
    navigate(a.pathname + a.search);
  });
  window.addEventListener('beforeunload', (e) => {
    if (current && current.leaving?.()) e.preventDefault();
  });
  void render();
}

export function navigate(url: string, replace = false): void {
  const message = current && current.leaving ? current.leaving() : null;
  if (message && !window.confirm(message)) return;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  void render();
}

async function render(): Promise<void> {
  const ticket = ++renderCount;
  const found = match(routes, location.pathname);
  current?.dispose?.();
  current = undefined;
  if (!found) {
    onChange(null);
    root.replaceChildren(Object.assign(document.createElement('p'), { className: 'empty-state', textContent: 'Nothing here.' }));
    return;
  }
  onChange(found.route);
  document.title = `${found.route.title} · PVEFlow`;
  // Each visit renders into a host of its own: a page still loading when the user moves on writes into a
  // detached element, never over the next page.
  const host = Object.assign(document.createElement('div'), { className: 'route' });
  host.append(Object.assign(document.createElement('p'), { className: 'muted loading', textContent: 'Loading…' }));
  root.replaceChildren(host);
  try {
    const page = await found.route.load();
    if (ticket !== renderCount) return;
    const result = await page({ params: found.params, query: new URLSearchParams(location.search), root: host });
    if (ticket !== renderCount) {
      result?.dispose?.();
      return;
    }
    current = result;
  } catch (e) {
    if (ticket !== renderCount) return;
    const p = document.createElement('p');
    p.className = 'message';
    p.textContent = `Could not load this page: ${(e as Error).message}`;
    host.replaceChildren(p);
  }
}
