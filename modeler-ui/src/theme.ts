// Light and dark themes: CSS variables on <html data-theme>, the canvas included (see style.css).
export type Theme = 'light' | 'dark';

export function currentTheme(): Theme {
  const stored = localStorage.getItem('pveflow.theme');
  if (stored === 'light' || stored === 'dark') return stored;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(theme: Theme = currentTheme()): void {
  document.documentElement.dataset.theme = theme;
}

export function toggleTheme(): Theme {
  const next: Theme = currentTheme() === 'dark' ? 'light' : 'dark';
  localStorage.setItem('pveflow.theme', next);
  applyTheme(next);
  return next;
}
