// The catalogue inside the modeler (an injectable diagram-js service), loaded once per page from GET /api/catalog.
import { api } from '../../api';
import { catalogOf, type ActivityDescriptor, type Catalog } from '../catalog';
import { setLintCatalog } from '../lint/catalog-ref';

let loaded: Promise<ActivityDescriptor[]> | null = null;

export function loadCatalog(): Promise<ActivityDescriptor[]> {
  if (!loaded) {
    loaded = api<ActivityDescriptor[]>('/api/catalog').then((list) => {
      setLintCatalog(catalogOf(list));
      return list;
    });
    loaded.catch(() => (loaded = null));
  }
  return loaded;
}

/** Holds the catalogue and the cluster whose pickers fill the forms. */
export class PveCatalog {
  static $inject = ['config.pveCatalog'];
  readonly activities: ActivityDescriptor[];
  readonly byId: Catalog;
  readonly cluster: string | null;

  constructor(config: { activities: ActivityDescriptor[]; cluster: string | null }) {
    this.activities = config?.activities || [];
    this.byId = catalogOf(this.activities);
    this.cluster = config?.cluster ?? null;
  }

  get(id: string | null | undefined): ActivityDescriptor | undefined {
    return id ? this.byId.get(id) : undefined;
  }
}
