declare module 'bpmnlint/config/recommended' { const config: { rules: Record<string, string> }; export default config; }
declare module 'bpmnlint/rules/*' { const rule: unknown; export default rule; }
declare module 'bpmnlint' { export class Linter { constructor(options: unknown); lint(definitions: unknown): Promise<Record<string, { id: string; message: string; category: string }[]>>; } }
declare module 'bpmn-js-bpmnlint' { const module: any; export default module; }
declare module 'diagram-js-minimap' { const module: any; export default module; }
declare module 'bpmn-js-properties-panel' { export const BpmnPropertiesPanelModule: any; export const BpmnPropertiesProviderModule: any; export const useService: any; }
declare module '@bpmn-io/properties-panel' { export const TextFieldEntry: any; export const SelectEntry: any; export const CheckboxEntry: any; export const isTextFieldEntryEdited: any; export const isSelectEntryEdited: any; export const Group: any; }
declare module '@bpmn-io/properties-panel/preact/jsx-runtime' { export const jsx: any; export const jsxs: any; }
declare module '@bpmn-io/properties-panel/preact/hooks' { export const useState: any; export const useEffect: any; export const useMemo: any; }
declare module 'bpmn-auto-layout' { export function layoutProcess(xml: string): Promise<string>; }
declare module 'bpmn-moddle' { export const BpmnModdle: any; }
