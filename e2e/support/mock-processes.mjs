// DEVELOPMENT AID ONLY (PVEFLOW_E2E_MOCK_PROCESSES=1): answers the processes API of the contract in the browser
// (page.route), in memory, for a server that does not have it yet. Never the default: the tests run against the
// real server's API. The rest of the API (login, catalogue, pickers, clusters) is always the real server's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { moduleDir } from './server.mjs';

const libraryDir = join(moduleDir, '..', 'processes', 'src', 'main', 'resources');

const store = new Map(); // cluster/key -> process, shared by every page of the test run

export async function mockProcesses(page) {
  const now = () => new Date().toISOString();
  const library = [
    { key: 'pveflowSnapshotRotation', name: 'Snapshot rotation', description: 'Snapshots tagged guests and keeps the newest N', version: 1, file: 'snapshot-rotation.bpmn20.xml' },
    { key: 'pveflowSafeChange', name: 'Safe change', description: 'Snapshot, change, roll back on failure', version: 1, file: 'safe-change.bpmn20.xml' },
  ];
  const libXml = (entry) => {
    try {
      return readFileSync(join(libraryDir, 'pveflow-library', entry.file), 'utf8');
    } catch {
      return readFileSync(join(libraryDir, entry.file), 'utf8');
    }
  };
  const emptyXml = (key, name) => `<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x"><process id="${key}" name="${name}" isExecutable="true"><startEvent id="start"/></process></definitions>`;
  const summary = (p) => ({ key: p.key, name: p.name, status: p.archived ? 'archived' : p.versions.length ? 'active' : 'draft-only',
    currentVersion: p.current, latestVersion: p.versions.length || null, hasDraft: !!p.draft, draftUpdatedAt: p.draft?.updatedAt ?? null,
    draftUpdatedBy: p.draft?.updatedBy ?? null, publishedAt: p.versions.at(-1)?.publishedAt ?? null, publishedBy: p.versions.at(-1)?.publishedBy ?? null });
  const detail = (p) => ({ ...summary(p), versions: p.versions.map((v) => ({ version: v.version, processDefinitionId: `${p.key}:${v.version}:x`,
    deploymentId: `d${v.version}`, publishedBy: 'admin', publishedAt: v.publishedAt, current: v.version === p.current })),
    draft: p.draft ? { updatedAt: p.draft.updatedAt, updatedBy: 'admin', revision: p.draft.revision } : null });
  const create = (cluster, key, name, xml) => {
    const p = { key, name, versions: [], current: null, archived: false, draft: { xml: xml || emptyXml(key, name), revision: 1, updatedAt: now() } };
    store.set(`${cluster}/${key}`, p);
    return p;
  };
  const json = (route, status, body) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });

  await page.route(/\/api\/(clusters\/[^/]+\/processes|library|executions)(\/|\?|$)/, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const method = request.method();
    const path = url.pathname;
    let m;
    if (path === '/api/library') return json(route, 200, library.map(({ file, ...e }) => e));
    if ((m = path.match(/^\/api\/library\/([^/]+)\/xml$/))) {
      const e = library.find((l) => l.key === m[1]);
      return e ? route.fulfill({ status: 200, contentType: 'application/xml', body: libXml(e) }) : json(route, 404, { message: 'no such template' });
    }
    if (path === '/api/executions' && method === 'POST') return json(route, 201, { id: `run-${Date.now()}`, status: 'running' });
    if ((m = path.match(/^\/api\/clusters\/([^/]+)\/processes$/))) {
      const cluster = m[1];
      if (method === 'GET') return json(route, 200, [...store.entries()].filter(([k]) => k.startsWith(`${cluster}/`)).map(([, p]) => summary(p)));
      const body = request.postDataJSON();
      if (store.has(`${cluster}/${body.key}`)) return json(route, 409, { message: `A process with key '${body.key}' exists` });
      return json(route, 201, detail(create(cluster, body.key, body.name, body.xml)));
    }
    if ((m = path.match(/^\/api\/clusters\/([^/]+)\/processes\/import$/))) {
      const xml = request.postData();
      const key = url.searchParams.get('key') || /<(?:\w+:)?process[^>]*\sid="([^"]+)"/.exec(xml)[1];
      const name = /<(?:\w+:)?process[^>]*\sname="([^"]+)"/.exec(xml)?.[1] || key;
      const p = create(m[1], key, name, xml);
      return json(route, 201, { key, xml, revision: p.draft.revision, updatedAt: p.draft.updatedAt, updatedBy: 'admin' });
    }
    if ((m = path.match(/^\/api\/clusters\/([^/]+)\/processes\/from-library$/))) {
      const body = request.postDataJSON();
      const e = library.find((l) => l.key === body.libraryKey);
      const key = body.key || e.key;
      const p = create(m[1], key, body.name || e.name, libXml(e).replace(`id="${e.key}"`, `id="${key}"`));
      return json(route, 201, { key, xml: p.draft.xml, revision: 1, updatedAt: p.draft.updatedAt, updatedBy: 'admin' });
    }
    m = path.match(/^\/api\/clusters\/([^/]+)\/processes\/([^/]+)(\/.*)?$/);
    if (!m) return route.continue();
    const p = store.get(`${m[1]}/${decodeURIComponent(m[2])}`);
    if (!p) return json(route, 404, { message: 'No such process' });
    const rest = m[3] || '';
    if (rest === '' && method === 'GET') return json(route, 200, detail(p));
    if (rest === '/draft') {
      if (method === 'GET') return p.draft ? json(route, 200, { ...p.draft, updatedBy: 'admin' }) : json(route, 404, { message: 'no draft' });
      if (method === 'DELETE') { p.draft = null; return route.fulfill({ status: 204 }); }
      const body = request.postDataJSON();
      if (p.draft && body.revision !== p.draft.revision) return json(route, 409, { message: `The draft is at revision ${p.draft.revision} (saved by admin)` });
      p.draft = { xml: body.xml, revision: (p.draft?.revision || 0) + 1, updatedAt: now() };
      return json(route, 200, { ...p.draft, updatedBy: 'admin' });
    }
    if (rest === '/publish') {
      if (!p.draft) return json(route, 400, { message: 'No draft', problems: [] });
      if (!p.draft.xml.includes('endEvent')) {
        return json(route, 400, { message: 'Refused', problems: [{ elementId: null, rule: 'end-event-required', message: 'The process has no end event', severity: 'error' }] });
      }
      const version = p.versions.length + 1;
      p.versions.push({ version, xml: p.draft.xml, publishedAt: now() });
      p.current = version;
      p.draft = null;
      return json(route, 201, { version, current: true, publishedBy: 'admin', publishedAt: now() });
    }
    if ((m = rest.match(/^\/versions\/(\d+)\/(xml|restore-draft|make-current)$/))) {
      const v = p.versions.find((x) => x.version === Number(m[1]));
      if (!v) return json(route, 404, { message: 'no such version' });
      if (m[2] === 'xml') return route.fulfill({ status: 200, contentType: 'application/xml', body: v.xml });
      if (m[2] === 'restore-draft') {
        p.draft = { xml: v.xml, revision: (p.draft?.revision || 0) + 1, updatedAt: now() };
        return json(route, 200, { ...p.draft, updatedBy: 'admin' });
      }
      p.current = v.version;
      return json(route, 200, detail(p));
    }
    if (rest === '/archive' || rest === '/restore') { p.archived = rest === '/archive'; return json(route, 200, detail(p)); }
    if (rest === '/start-form') return json(route, 200, { inputs: [] });
    return route.continue();
  });
}
