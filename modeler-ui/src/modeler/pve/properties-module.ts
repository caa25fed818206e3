import { PveProperties } from './properties';

export const PvePropertiesModule = {
  __init__: ['pveProperties'],
  pveProperties: ['type', PveProperties],
};
