import { describe, expect, it } from 'vitest';
import {
  allowedActions, emptyFilters, filtersFromQuery, filtersToQuery, formatDuration, hasEnded, parseVariables, runDuration,
  statusBadge, STATUSES,
} from '../src/executions/format';
import { LogBuffer } from '../src/executions/log-buffer';

describe('status badges', () => {
  it('maps every status to its own class and label', () => {
    const classes = STATUSES.map((s) => statusBadge(s).className);
    expect(new Set(classes).size).toBe(STATUSES.length);
    expect(statusBadge('completed')).toMatchObject({ label: 'Completed', className: 'badge run-completed' });
    expect(statusBadge('failed').className).toBe('badge run-failed');
    expect(statusBadge('queued').label).toBe('Queued');
  });

  it('says what a waiting run waits on', () => {
    expect(statusBadge('waiting', 'approval')).toMatchObject({ label: 'Waiting · approval', title: 'Waiting on an approval' });
    expect(statusBadge('waiting', 'pve-task').label).toBe('Waiting · Proxmox task');
    expect(statusBadge('waiting', 'timer').title).toBe('Waiting on a timer');
    expect(statusBadge('waiting', 'something-new').label).toBe('Waiting · something-new');
    expect(statusBadge('waiting', null).label).toBe('Waiting');
  });

  it('shows an unknown status as it comes, without a status class', () => {
    expect(statusBadge('paused')).toMatchObject({ label: 'paused', className: 'badge' });
  });
});

describe('durations', () => {
  it('formats from milliseconds to days', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
    expect(formatDuration(2 * 3600_000 + 3 * 60_000)).toBe('2 h 03 min');
    expect(formatDuration(3 * 86400_000 + 4 * 3600_000 + 5)).toBe('3 d 4 h');
  });

  it('is empty for a missing or nonsensical duration', () => {
    expect(formatDuration(null)).toBe('');
    expect(formatDuration(undefined)).toBe('');
    expect(formatDuration(-5)).toBe('');
    expect(formatDuration(Number.NaN)).toBe('');
  });

  it("uses the server's figure, else the time since the start", () => {
    expect(runDuration({ durationMs: 1234, startedAt: '2026-01-01T00:00:00Z' })).toBe(1234);
    const now = Date.parse('2026-01-01T00:01:00Z');
    expect(runDuration({ startedAt: '2026-01-01T00:00:00Z' }, now)).toBe(60_000);
    expect(runDuration({ startedAt: '2026-01-01T00:00:00Z', endedAt: '2026-01-01T00:00:05Z' }, now)).toBe(5000);
    expect(runDuration({ startedAt: null })).toBeNull();
  });
});

describe('filters <-> query string', () => {
  it('round-trips every filter', () => {
    const filters = { cluster: 'demo', process: 'nightly', status: 'failed', startedBy: 'alice', from: '2026-01-31T12:00:00.000Z',
      to: '2026-02-01T00:00:00.000Z', businessKey: 'change 4711 & more', page: 2, size: 20 };
    const query = filtersToQuery(filters);
    expect(filtersFromQuery(query)).toEqual(filters);
    expect(query).toContain('businessKey=change+4711+%26+more');
  });

  it('leaves out empty values and defaults', () => {
    expect(filtersToQuery(emptyFilters())).toBe('');
    expect(filtersToQuery({ ...emptyFilters(), status: 'running', page: 0, size: 50 })).toBe('status=running');
  });

  it('ignores unknown parameters, unknown statuses and bad numbers', () => {
    const filters = filtersFromQuery('?status=sleeping&page=-3&size=abc&foo=bar&process=%20x%20');
    expect(filters).toEqual({ ...emptyFilters(), process: 'x' });
    expect(filtersFromQuery(new URLSearchParams('page=1.5&size=100000'))).toMatchObject({ page: 0, size: 50 });
  });
});

describe('actions', () => {
  const operator = ['OPERATOR'];
  const run = (status: string, extra: Record<string, unknown> = {}) =>
    ({ status, endedAt: null, startedAt: '2026-01-01T00:00:00Z', incidents: [], ...extra }) as any;
  const dead = [{ jobId: 'j1', activityId: 'check', retries: 0, dead: true }];

  it('lets viewers only look', () => {
    const allowed = allowedActions(run('running'), ['VIEWER']);
    expect(Object.values(allowed).every((p) => !p.allowed && /only look/.test(p.reason))).toBe(true);
  });

  it('cancels and kills active runs only', () => {
    expect(allowedActions(run('waiting'), operator).cancel.allowed).toBe(true);
    expect(allowedActions(run('queued', { startedAt: null }), operator).kill.allowed).toBe(true);
    const done = allowedActions(run('completed', { endedAt: '2026-01-01T00:01:00Z' }), operator);
    expect(done.cancel).toEqual({ allowed: false, reason: 'The run has already ended (completed)' });
  });

  it('retries and resumes a failed run with a dead job; resumes cancelled runs that had started', () => {
    const failed = allowedActions(run('failed', { incidents: dead }), ['ADMIN']);
    expect(failed.retry.allowed && failed.resume.allowed && failed.cancel.allowed).toBe(true);
    expect(allowedActions(run('running'), operator).retry.reason).toBe('No failed job to retry');
    expect(allowedActions(run('cancelled', { endedAt: 'x' }), operator).resume.allowed).toBe(true);
    expect(allowedActions(run('cancelled', { endedAt: 'x', startedAt: null }), operator).resume.allowed).toBe(false);
    const crashed = allowedActions(run('failed', { endedAt: 'x' }), operator);
    expect(crashed.resume.allowed || crashed.retry.allowed || crashed.cancel.allowed).toBe(false);
    expect(allowedActions(run('completed', { endedAt: 'x' }), operator).resume.reason).toMatch(/failed and cancelled/);
  });

  it('knows when a run has ended', () => {
    expect(hasEnded(run('failed'))).toBe(false);
    expect(hasEnded(run('failed', { endedAt: 'x' }))).toBe(true);
    expect(hasEnded(run('cancelled'))).toBe(true);
    expect(hasEnded(run('waiting'))).toBe(false);
  });

  it('reads the retry variables as a JSON object', () => {
    expect(parseVariables('  ')).toBeUndefined();
    expect(parseVariables('{"fixed": true, "vm.id": 5}')).toEqual({ fixed: true, 'vm.id': 5 });
    expect(() => parseVariables('[1]')).toThrow(/JSON object/);
    expect(() => parseVariables('{fixed: true}')).toThrow(/not valid JSON/);
    expect(() => parseVariables('{"1bad": 1}')).toThrow(/'1bad' is not a valid variable name/);
  });
});

describe('log buffer', () => {
  it('appends in order and skips what a reconnect repeats', () => {
    const log = new LogBuffer(10);
    expect(log.append(0, ['a', 'b', 'c'])).toBe(3);
    expect(log.append(0, ['a', 'b', 'c', 'd'])).toBe(1); // a new subscription starts again at line 0
    expect(log.append(2, ['c', 'd'])).toBe(0);
    expect(log.append(4, ['e'])).toBe(1);
    expect(log.visible).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(log.total).toBe(5);
  });

  it('stays bounded, dropping the oldest lines and counting them', () => {
    const log = new LogBuffer(3000);
    for (let page = 0; page < 50; page++) {
      log.append(page * 200, Array.from({ length: 200 }, (_, i) => `line ${page * 200 + i}`));
    }
    expect(log.visible.length).toBe(3000);
    expect(log.droppedLines).toBe(7000);
    expect(log.total).toBe(10_000);
    expect(log.visible[0]).toBe('line 7000');
    expect(log.visible[2999]).toBe('line 9999');
  });

  it('accepts a gap and resets to a complete log', () => {
    const log = new LogBuffer(5);
    log.append(0, ['a']);
    log.append(3, ['d', 'e']);
    expect(log.visible).toEqual(['a', 'd', 'e']);
    expect(log.total).toBe(5);
    log.reset(['1', '2', '3', '4', '5', '6', '7']);
    expect(log.visible).toEqual(['3', '4', '5', '6', '7']);
    expect(log.droppedLines).toBe(2);
    expect(() => new LogBuffer(0)).toThrow();
  });
});
