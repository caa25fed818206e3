// One small line icon per catalogue icon name (16x16 viewBox, stroked), drawn on the canvas and in the panel.
export const ICONS: Record<string, string> = {
  snapshot: 'M2 5h3l1.5-2h3L11 5h3v8H2z M8 11.5a2.5 2.5 0 1 0 0-5a2.5 2.5 0 0 0 0 5z',
  'snapshot-delete': 'M2 5h3l1.5-2h3L11 5h3v8H2z M6 7l4 4 M10 7l-4 4',
  rollback: 'M3 8a5 5 0 1 0 1.5-3.5 M3 2v3h3',
  edit: 'M3 13l1-3 7-7 2 2-7 7z M10 4l2 2',
  server: 'M2 3h12v4H2z M2 9h12v4H2z M4.5 5h.01 M4.5 11h.01',
  sync: 'M3 7a5 5 0 0 1 9-2 M12 2v3h-3 M13 9a5 5 0 0 1-9 2 M4 14v-3h3',
  chart: 'M2 14h12 M4 12V8 M7 12V4 M10 12V7 M13 12V2',
  power: 'M8 2v6 M4.5 4.5a5 5 0 1 0 7 0',
  database: 'M3 4c0-1.1 2.2-2 5-2s5 .9 5 2v8c0 1.1-2.2 2-5 2s-5-.9-5-2z M3 4c0 1.1 2.2 2 5 2s5-.9 5-2 M3 8c0 1.1 2.2 2 5 2s5-.9 5-2',
  folder: 'M2 4h4l1.5 2H14v7H2z',
  backup: 'M8 2v8 M5 7l3 3 3-3 M2 11v3h12v-3',
  resize: 'M2 10v4h4 M2 14l5-5 M14 6V2h-4 M14 2L9 7',
  clone: 'M5 5h8v8H5z M3 11V3h8',
  migrate: 'M2 5h9 M8 2l3 3-3 3 M14 11H5 M8 8l-3 3 3 3',
  list: 'M5 4h9 M5 8h9 M5 12h9 M2 4h.01 M2 8h.01 M2 12h.01',
  template: 'M3 2h10v12H3z M5 5h6 M5 8h6 M5 11h3',
  settings: 'M8 10.5a2.5 2.5 0 1 0 0-5a2.5 2.5 0 0 0 0 5z M8 1.5v2 M8 12.5v2 M1.5 8h2 M12.5 8h2 M3.4 3.4l1.4 1.4 M11.2 11.2l1.4 1.4 M3.4 12.6l1.4-1.4 M11.2 4.8l1.4-1.4',
  ha: 'M8 2l5 2v4c0 3-2.2 5-5 6-2.8-1-5-3-5-6V4z M6 8l1.5 1.5L10.5 6',
  filter: 'M2 3h12L9.5 8.5V13l-3 1V8.5z',
  hourglass: 'M4 2h8 M4 14h8 M5 2c0 4 6 4 6 6s-6 2-6 6 M11 2c0 4-6 4-6 6s6 2 6 6',
  bell: 'M4 11V7a4 4 0 0 1 8 0v4l1.5 1.5h-11z M6.5 14a1.5 1.5 0 0 0 3 0',
};

const FALLBACK = 'M3 3h10v10H3z M6 6h4v4H6z';

export function iconPath(name: string | undefined): string {
  return (name && ICONS[name]) || FALLBACK;
}

/** An inline SVG element for HTML (panel, popup menu). */
export function iconSvg(name: string | undefined, size = 16): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('class', 'pve-icon');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', iconPath(name));
  svg.append(path);
  return svg;
}

/** A data: URL of the icon, for diagram-js popup menu entries (imageUrl). */
export function iconDataUrl(name: string | undefined, color = '#e57000'): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" width="16" height="16"><path d="${iconPath(name)}" fill="none" stroke="${color}" stroke-width="1.4" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}
