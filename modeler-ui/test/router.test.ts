import { describe, expect, it } from 'vitest';
import { match } from '../src/router';
import { routes } from '../src/routes';

describe('route table', () => {
  it('maps UI addresses to pages with decoded parameters', () => {
    expect(match(routes, '/processes')?.route.title).toBe('Processes');
    const editor = match(routes, '/processes/demo/nightly%20snap');
    expect(editor?.route.title).toBe('Process');
    expect(editor?.params).toEqual({ cluster: 'demo', key: 'nightly snap' });
    expect(match(routes, '/processes/demo/k/versions/3')?.params).toEqual({ cluster: 'demo', key: 'k', version: '3' });
    expect(match(routes, '/processes/demo/k/compare/1/2')?.params).toEqual({ cluster: 'demo', key: 'k', a: '1', b: '2' });
    expect(match(routes, '/executions/42')?.params).toEqual({ id: '42' });
    expect(match(routes, '/library/pveflowSafeChange/')?.params).toEqual({ key: 'pveflowSafeChange' });
  });

  it('knows no other address', () => {
    expect(match(routes, '/processes/demo')).toBeNull();
    expect(match(routes, '/api/clusters')).toBeNull();
    expect(match(routes, '/processes/demo/k/versions')).toBeNull();
  });
});
