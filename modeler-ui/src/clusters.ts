import { api } from './api';
import type { Cluster } from './model';
import { el } from './dom';
import type { RouteContext } from './router';

/** The clusters page: every registered Proxmox VE cluster, the tenant its processes run in. */
export async function renderClusters({ root }: RouteContext): Promise<void> {
  root.replaceChildren(el('h1', {}, 'Clusters'), el('p', { class: 'muted' }, 'Loading…'));
  const clusters = await api<Cluster[]>('/api/clusters');
  const body = clusters.length === 0
    ? el('p', { class: 'empty-state' }, 'No cluster yet. An admin adds one through the API (POST /api/clusters).')
    : el('table', { class: 'grid' },
        el('thead', {}, el('tr', {}, ...['Id', 'Name', 'Endpoints', 'Token', 'TLS', 'Changed'].map((h) => el('th', {}, h)))),
        el('tbody', {}, ...clusters.map((c) => el('tr', { 'data-cluster': c.id },
          el('td', { class: 'mono' }, c.id),
          el('td', {}, c.displayName, ...(c.simulated ? [' ', el('span', { class: 'badge', title: 'Served by PVEFlow\'s built-in Proxmox VE simulator' }, 'simulated')] : [])),
          el('td', { class: 'mono' }, c.endpoints.join(', ')),
          el('td', { class: 'mono' }, c.tokenId),
          el('td', {}, c.tls.mode),
          el('td', {}, `${new Date(c.updatedAt).toLocaleString()} by ${c.updatedBy}`)))));
  root.replaceChildren(el('h1', {}, 'Clusters'), body);
}
