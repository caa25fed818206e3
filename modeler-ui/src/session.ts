// Who is signed in, the clusters they can see and the cluster the UI works on (kept across reloads).
import { api } from './api';
import type { Cluster, Me } from './model';

let me: Me | null = null;
let clusters: Cluster[] = [];
const listeners = new Set<(clusterId: string | null) => void>();

export async function loadSession(): Promise<Me> {
  me = await api<Me>('/api/me');
  clusters = await api<Cluster[]>('/api/clusters');
  return me;
}

export function currentUser(): Me | null {
  return me;
}

export function canEdit(): boolean {
  return !!me && me.roles.some((r) => r === 'ADMIN' || r === 'OPERATOR');
}

export function knownClusters(): Cluster[] {
  return clusters;
}

export function selectedCluster(): string | null {
  const stored = localStorage.getItem('pveflow.cluster');
  if (stored && clusters.some((c) => c.id === stored)) return stored;
  return clusters[0]?.id ?? null;
}

export function selectCluster(id: string): void {
  localStorage.setItem('pveflow.cluster', id);
  listeners.forEach((l) => l(id));
}

export function onClusterChange(listener: (clusterId: string | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
