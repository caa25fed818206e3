// The bpmnlint configuration, bundled at build time (no runtime fetch): bpmnlint's recommended rules plus
// PVEFlow's own, resolved by a static resolver instead of bpmnlint's node-style lookup.
import recommended from 'bpmnlint/config/recommended';
import adHocSubProcess from 'bpmnlint/rules/ad-hoc-sub-process';
import conditionalFlows from 'bpmnlint/rules/conditional-flows';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import eventBasedGateway from 'bpmnlint/rules/event-based-gateway';
import eventSubProcessTypedStartEvent from 'bpmnlint/rules/event-sub-process-typed-start-event';
import fakeJoin from 'bpmnlint/rules/fake-join';
import global from 'bpmnlint/rules/global';
import labelRequired from 'bpmnlint/rules/label-required';
import linkEvent from 'bpmnlint/rules/link-event';
import noBpmndi from 'bpmnlint/rules/no-bpmndi';
import noComplexGateway from 'bpmnlint/rules/no-complex-gateway';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split';
import noImplicitEnd from 'bpmnlint/rules/no-implicit-end';
import noImplicitStart from 'bpmnlint/rules/no-implicit-start';
import noInclusiveGateway from 'bpmnlint/rules/no-inclusive-gateway';
import noOverlappingElements from 'bpmnlint/rules/no-overlapping-elements';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event';
import singleEventDefinition from 'bpmnlint/rules/single-event-definition';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import subProcessBlankStartEvent from 'bpmnlint/rules/sub-process-blank-start-event';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway';
import superfluousLabel from 'bpmnlint/rules/superfluous-label';
import superfluousTermination from 'bpmnlint/rules/superfluous-termination';
import { errorBoundary, requiredFields, unknownActivity, unreachable } from './rules';

const builtIn: Record<string, unknown> = {
  'ad-hoc-sub-process': adHocSubProcess,
  'conditional-flows': conditionalFlows,
  'end-event-required': endEventRequired,
  'event-based-gateway': eventBasedGateway,
  'event-sub-process-typed-start-event': eventSubProcessTypedStartEvent,
  'fake-join': fakeJoin,
  global,
  'label-required': labelRequired,
  'link-event': linkEvent,
  'no-bpmndi': noBpmndi,
  'no-complex-gateway': noComplexGateway,
  'no-disconnected': noDisconnected,
  'no-duplicate-sequence-flows': noDuplicateSequenceFlows,
  'no-gateway-join-fork': noGatewayJoinFork,
  'no-implicit-split': noImplicitSplit,
  'no-implicit-end': noImplicitEnd,
  'no-implicit-start': noImplicitStart,
  'no-inclusive-gateway': noInclusiveGateway,
  'no-overlapping-elements': noOverlappingElements,
  'single-blank-start-event': singleBlankStartEvent,
  'single-event-definition': singleEventDefinition,
  'start-event-required': startEventRequired,
  'sub-process-blank-start-event': subProcessBlankStartEvent,
  'superfluous-gateway': superfluousGateway,
  'superfluous-label': superfluousLabel,
  'superfluous-termination': superfluousTermination,
};

const own: Record<string, unknown> = {
  'required-fields': requiredFields,
  'unknown-activity': unknownActivity,
  unreachable,
  'error-boundary': errorBoundary,
};

export const lintRules: Record<string, string> = {
  ...(recommended as { rules: Record<string, string> }).rules,
  // Script tasks and gateways often go without labels in the shipped library; a warning, not a refusal.
  'label-required': 'warn',
  'pveflow/required-fields': 'error',
  'pveflow/unknown-activity': 'error',
  'pveflow/unreachable': 'error',
  'pveflow/error-boundary': 'warn',
};

export const resolver = {
  resolveRule(pkg: string, name: string): unknown {
    const rule = pkg === 'bpmnlint' ? builtIn[name] : pkg === 'bpmnlint-plugin-pveflow' ? own[name] : undefined;
    if (!rule) throw new Error(`unknown lint rule ${pkg}/${name}`);
    return rule;
  },
  resolveConfig(pkg: string, name: string): unknown {
    throw new Error(`no bundled lint config ${pkg}/${name}`);
  },
};

/** The packed configuration in the shape bpmn-js-bpmnlint takes. */
export const lintConfig = { config: { rules: lintRules }, resolver };
