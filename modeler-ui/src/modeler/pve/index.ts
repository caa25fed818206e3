import { PveCatalog } from './catalog-service';
import { PveEntries, PvePopupProvider } from './create';
import PveRenderer from './renderer';

/** The diagram-js module of everything PVE on the canvas: catalogue, renderer, palette/context pad entries, menus. */
export const PveModelingModule = {
  __init__: ['pveRenderer', 'pvePopupProvider', 'pveEntries'],
  pveCatalog: ['type', PveCatalog],
  pveRenderer: ['type', PveRenderer],
  pvePopupProvider: ['type', PvePopupProvider],
  pveEntries: ['type', PveEntries],
};

/** For viewers: catalogue and renderer only. */
export const PveViewingModule = {
  __init__: ['pveRenderer'],
  pveCatalog: ['type', PveCatalog],
  pveRenderer: ['type', PveRenderer],
};
