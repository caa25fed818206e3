import './style.css';
import { csrfToken } from './api';

// The CSRF cookie is set by the server on any response; make sure we have one before the form posts.
async function prepare(): Promise<void> {
  if (!csrfToken()) {
    await fetch('/api/me', { headers: { 'X-Requested-With': 'XMLHttpRequest' }, credentials: 'same-origin' });
  }
  const params = new URLSearchParams(window.location.search);
  const message = document.getElementById('message')!;
  if (params.has('error')) {
    message.textContent = 'Wrong username or password.';
    message.hidden = false;
  } else if (params.has('logout')) {
    message.textContent = 'You have been signed out.';
    message.hidden = false;
  }
  document.getElementById('login')!.addEventListener('submit', () => {
    (document.getElementById('csrf') as HTMLInputElement).value = csrfToken();
  });
}

void prepare();
