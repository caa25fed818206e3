import './inbox.css';
// The count on the "Inbox" navigation entry: the tasks of the selected cluster that are mine or my groups'.
import { tasks } from './api';
import { selectedCluster } from '../session';

let timer: number | undefined;

export async function refreshInboxBadge(): Promise<void> {
  const badge = document.querySelector<HTMLElement>('[data-nav="inbox"] .count');
  if (!badge) return;
  try {
    const page = await tasks.list(selectedCluster(), '', 0, 99);
    const n = page.items.length;
    badge.textContent = n === 0 ? '' : page.hasMore ? '99+' : String(n);
    badge.hidden = n === 0;
    badge.title = `${n}${page.hasMore ? '+' : ''} task(s) for you or your groups`;
  } catch {
    badge.hidden = true;
  }
}

/** Keeps the badge current: now, every minute, and when the cluster changes. */
export function startInboxBadge(): void {
  void refreshInboxBadge();
  if (timer === undefined) timer = window.setInterval(() => void refreshInboxBadge(), 60_000);
}
