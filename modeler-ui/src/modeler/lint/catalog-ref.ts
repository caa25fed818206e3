import type { Catalog } from '../catalog';

// The rules are built once per linter, but the catalogue arrives from the server later: they read it here.
let current: Catalog = new Map();

export function setLintCatalog(catalog: Catalog): void {
  current = catalog;
}

export function lintCatalog(): Catalog {
  return current;
}
