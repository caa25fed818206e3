import './style.css';
import { api, ApiError, csrfToken } from './api';
import type { Me } from './model';
import { renderClusters } from './clusters';
import { el } from './dom';

async function start(): Promise<void> {
  const app = document.getElementById('app')!;
  document.getElementById('logout')!.addEventListener('click', signOut);
  try {
    const me = await api<Me>('/api/me');
    document.getElementById('user')!.textContent = `${me.username} (${me.roles.join(', ').toLowerCase()})`;
    document.getElementById('nav')!.append(el('a', { href: '/', 'aria-current': 'page' }, 'Clusters'));
    await renderClusters(app);
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) {
      app.replaceChildren(el('p', { class: 'message' }, `Could not load: ${(e as Error).message}`));
    }
  }
}

async function signOut(): Promise<void> {
  const form = el('form', { method: 'post', action: '/logout' }, el('input', { type: 'hidden', name: '_csrf', value: csrfToken() }));
  document.body.append(form);
  (form as HTMLFormElement).submit();
}

void start();
