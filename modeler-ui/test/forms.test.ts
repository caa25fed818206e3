import { describe, expect, it } from 'vitest';
import { formIdFor, starterSchema } from '../src/forms/api';
import { APPROVAL_FORM, isApprovalTask } from '../src/forms/approval-pattern';
import { moddle } from './fixtures';

// what the server accepts as a form id (FormParser.FORM_ID) and so as a flowable:formKey
const SERVER_FORM_ID = /^[A-Za-z_][A-Za-z0-9_.:-]{0,254}$/;

describe('form key wiring', () => {
  it('names a new form after its task, as an id the server accepts', () => {
    expect(formIdFor('Review request', 'review')).toBe('reviewRequestForm');
    expect(formIdFor(undefined, 'UserTask_1x')).toBe('userTask1xForm');
    expect(formIdFor('Größe ändern (VM 101)!', 't')).toBe('groEAndernVM101Form');
    expect(formIdFor('42 disks', 't')).toBe('form42DisksForm');
    for (const name of ['Review request', '  ', '42', 'ünïcödé', 'a/b\\c']) {
      expect(formIdFor(name, 'task_1')).toMatch(SERVER_FORM_ID);
    }
  });

  it('starts a new form with the id the task will name and a field the server can check', () => {
    const schema = starterSchema('reviewRequestForm', 'Review request');
    expect(schema.id).toBe('reviewRequestForm');
    expect(schema.type).toBe('default');
    expect(schema.components.filter((c: any) => c.key).map((c: any) => c.key)).toEqual(['comment']);
  });

  it('recognises an approval by its form key', () => {
    const m = moddle();
    expect(isApprovalTask(m.create('bpmn:UserTask', { formKey: APPROVAL_FORM }))).toBe(true);
    expect(isApprovalTask(m.create('bpmn:UserTask', { formKey: 'reviewRequestForm' }))).toBe(false);
    expect(isApprovalTask(m.create('bpmn:ServiceTask', {}))).toBe(false);
  });
});
