import './style.css';
import { ApiError, csrfToken } from './api';
import { el } from './dom';
import { navigate, startRouter, type Route } from './router';
import { navigation, routes } from './routes';
import { currentUser, knownClusters, loadSession, onClusterChange, selectCluster, selectedCluster } from './session';
import { refreshInboxBadge, startInboxBadge } from './inbox/badge';
import { applyTheme, currentTheme, toggleTheme } from './theme';

applyTheme();

async function start(): Promise<void> {
  const app = document.getElementById('app')!;
  document.getElementById('logout')!.addEventListener('click', signOut);
  try {
    const me = await loadSession();
    document.getElementById('user')!.textContent = `${me.username} (${me.roles.join(', ').toLowerCase()})`;
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) {
      app.replaceChildren(el('p', { class: 'message' }, `Could not load: ${(e as Error).message}`));
    }
    return;
  }
  const nav = document.getElementById('nav')!;
  const isAdmin = currentUser()?.roles.includes('ADMIN') ?? false;
  const links = navigation.filter((n) => !('adminOnly' in n && n.adminOnly) || isAdmin)
    .map((n) => el('a', { href: n.href, 'data-nav': n.id }, n.label));
  nav.replaceChildren(...links);
  // the inbox entry carries the number of tasks waiting for me or my groups
  links.find((a) => a.dataset.nav === 'inbox')?.append(el('span', { class: 'count', hidden: true, 'aria-label': 'tasks waiting' }));
  startInboxBadge();
  onClusterChange(() => void refreshInboxBadge());
  document.getElementById('cluster-slot')!.replaceChildren(clusterSelector());
  const themeButton = el('button', { type: 'button', class: 'icon-button', id: 'theme', title: 'Switch light/dark theme' },
    currentTheme() === 'dark' ? '☀' : '☾');
  themeButton.addEventListener('click', () => {
    themeButton.textContent = toggleTheme() === 'dark' ? '☀' : '☾';
  });
  document.getElementById('theme-slot')!.replaceChildren(themeButton);
  startRouter(routes, app, (route: Route | null) => {
    for (const a of links) {
      if (a.dataset.nav === route?.nav) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
  });
}

function clusterSelector(): HTMLElement {
  const clusters = knownClusters();
  if (clusters.length === 0) return el('span', { class: 'muted' }, 'no cluster');
  const select = el('select', { id: 'cluster', 'aria-label': 'Cluster', title: 'The cluster you work on' },
    ...clusters.map((c) => el('option', { value: c.id, selected: c.id === selectedCluster() }, c.displayName || c.id)));
  select.addEventListener('change', () => {
    selectCluster(select.value);
    // Pages bound to another cluster go back to the list of the chosen one.
    if (location.pathname.startsWith('/processes/')) navigate('/processes');
  });
  onClusterChange((id) => { if (id) select.value = id; });
  return el('label', { class: 'cluster-select' }, el('span', { class: 'muted' }, 'Cluster'), select);
}

async function signOut(): Promise<void> {
  const form = el('form', { method: 'post', action: '/logout' }, el('input', { type: 'hidden', name: '_csrf', value: csrfToken() }));
  document.body.append(form);
  (form as HTMLFormElement).submit();
}

void start();
