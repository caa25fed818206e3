import flowable from './flowable.json';
import pveflow from './pveflow.json';

/** The moddle extensions every modeler, viewer and test uses: Flowable's attributes and PVEFlow's elements. */
export const moddleExtensions = { flowable, pveflow };
