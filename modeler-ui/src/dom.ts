type Child = Node | string | null | undefined | false;

/** Builds an element with attributes and children; text children are escaped by the DOM. on* functions become listeners. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, any>, ...children: Child[]): HTMLElementTagNameMap[K];
export function el(tag: string, attrs?: Record<string, any>, ...children: Child[]): HTMLElement;
export function el(tag: string, attrs: Record<string, any> = {}, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.substring(2), value);
    else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, String(value));
  }
  node.append(...(children.filter((c) => c !== null && c !== undefined && c !== false) as (Node | string)[]));
  return node;
}

export function when(date: string | null | undefined): string {
  if (!date) return '';
  const d = new Date(date);
  return Number.isNaN(d.getTime()) ? date : d.toLocaleString();
}

export function relative(date: string | null | undefined): string {
  if (!date) return '';
  const seconds = Math.round((Date.now() - new Date(date).getTime()) / 1000);
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return new Date(date).toLocaleDateString();
}
