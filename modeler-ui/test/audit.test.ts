import { describe, expect, it } from 'vitest';
import { auditFiltersFromQuery, auditQuery, targetLink, type AuditEvent } from '../src/audit/query';

describe('audit filters', () => {
  it('round-trips through the query string and leaves empty filters out', () => {
    const filters = auditFiltersFromQuery(new URLSearchParams('actor=alice&action=cancel&limit=500'));
    expect(filters).toMatchObject({ actor: 'alice', action: 'cancel', clusterId: '', limit: 500 });
    expect(auditQuery(filters)).toBe('actor=alice&action=cancel&limit=500');
    expect(auditQuery(auditFiltersFromQuery(new URLSearchParams('')))).toBe('');
  });

  it('accepts only the offered limits', () => {
    expect(auditFiltersFromQuery(new URLSearchParams('limit=100000')).limit).toBe(100);
    expect(auditFiltersFromQuery(new URLSearchParams('limit=abc')).limit).toBe(100);
  });

  it('trims what was typed', () => {
    expect(auditQuery({ actor: '  bob ', action: '', clusterId: 'prod', from: '', to: '', limit: 100 })).toBe('actor=bob&clusterId=prod');
  });
});

describe('audit targets', () => {
  const event = (targetType: string, targetId: string | null): AuditEvent => ({
    id: '1', occurredAt: '2026-01-01T00:00:00Z', actor: 'a', action: 'x', targetType, targetId, clusterId: null,
    remoteAddr: null, details: null,
  });

  it('links runs and tasks to their pages, escaping the id', () => {
    expect(targetLink(event('execution', 'a/b'))).toBe('/executions/a%2Fb');
    expect(targetLink(event('run', 'r1'))).toBe('/executions/r1');
    expect(targetLink(event('task', 't1'))).toBe('/inbox/tasks/t1');
  });

  it('links nothing it has no page for', () => {
    expect(targetLink(event('cluster', 'prod'))).toBeNull();
    expect(targetLink(event('execution', null))).toBeNull();
  });
});
