import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../src/forms/errors';
import { describeNext } from '../src/inbox/next';
import { assignmentOf, type TaskView } from '../src/inbox/api';

describe('server field errors on the form', () => {
  it('go to the component of the field key; others are listed apart', () => {
    const ids = new Map([['decision', 'Field_1'], ['comment', 'Field_2']]);
    expect(fieldErrors({ comment: 'Comment (comment) is required when rejecting', sneaky: 'is not a field' }, ids)).toEqual({
      shown: { Field_2: ['Comment (comment) is required when rejecting'] },
      unplaced: { sneaky: 'is not a field' },
    });
  });
});

describe('what happens next', () => {
  it('reads gateways, conditions and boundary timers', () => {
    expect(describeNext({ id: 'end', type: 'endEvent', name: 'Rejected', flow: 'rejected' })).toBe('when rejected: Rejected (end)');
    expect(describeNext({ id: 'go', type: 'endEvent', default: true })).toBe('otherwise: go (end)');
    expect(describeNext({ id: 'x', type: 'serviceTask', condition: "${a == 'b'}" })).toBe("if ${a == 'b'}: x (step)");
    expect(describeNext({ id: 't', type: 'boundaryEvent', name: 'Timeout', interrupting: true, timer: 'PT24H' }))
      .toBe('Timeout (event): after PT24H, instead of the task');
    expect(describeNext({ id: 'r', type: 'boundaryEvent', name: 'Reminder', interrupting: false, timer: 'R3/PT4H' }))
      .toBe('Reminder (event): after R3/PT4H, while the task stays open');
  });
});

describe('who has a task', () => {
  const task = (assignee: string | null, owner: string | null) => ({ assignee, owner } as TaskView);
  it('tells mine, delegated, open and someone else\'s apart', () => {
    expect(assignmentOf(task('alice', null), 'alice')).toBe('mine');
    expect(assignmentOf(task('alice', 'bob'), 'alice')).toBe('delegated');
    expect(assignmentOf(task(null, null), 'alice')).toBe('open');
    expect(assignmentOf(task('bob', null), 'alice')).toBe('other');
  });
});
