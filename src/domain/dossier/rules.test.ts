// The dossier rules of the law, each checked directly on a history or a request (pure).
import { describe, expect, test } from 'vitest';
import {
  REGISTRY_FAILED_NOTE,
  componentsBeyondProcedure,
  declarationComponent,
  extensionRule,
  handoverProblem,
  missingComponents,
  registryComponentsAsked,
  resultSignatureRule,
  stopRule,
  supplementReceivedRule,
  supplementRule,
  validIdNumber,
  withdrawalEvidenceRule,
  type HistoryEvent,
} from './rules';

const at = new Date('2026-03-02T02:00:00Z');
const h = (...actions: HistoryEvent['action'][]): HistoryEvent[] => actions.map((action) => ({ action, at }));

describe('rules over the history', () => {
  test('supplement at most once (Decree 118 Art. 11)', () => {
    expect(supplementRule(h('create', 'accept'))).toBeNull();
    expect(supplementRule(h('create', 'accept', 'request-supplement'))).toBe('supplement-already-requested');
    expect(supplementRule(h('create', 'request-supplement', 'receive-supplement'))).toBe('supplement-already-requested');
    expect(supplementRule([])).toBeNull();
  });

  test('stop only after the citizen asked to withdraw (TT 03/2025 Art. 7)', () => {
    expect(stopRule(h('create', 'accept'))).toBe('withdrawal-request-missing');
    expect(stopRule([])).toBe('withdrawal-request-missing');
    expect(stopRule(h('create', 'record-withdrawal-request'))).toBeNull();
    expect(stopRule(h('create', 'record-withdrawal-request', 'assign'))).toBeNull();
  });

  test('one apology with one new date', () => {
    expect(extensionRule(h('create', 'accept', 'assign'))).toBeNull();
    expect(extensionRule(h('create', 'apologize-and-extend'))).toBe('extension-already-used');
    expect(extensionRule([])).toBeNull();
  });

  test('a result needs an approval after the last return', () => {
    expect(resultSignatureRule([])).toBe('signature-required');
    expect(resultSignatureRule(h('create', 'submit-for-approval'))).toBe('signature-required');
    expect(resultSignatureRule(h('create', 'approve'))).toBeNull();
    expect(resultSignatureRule(h('create', 'approve', 'return-to-specialist'))).toBe('signature-required');
    expect(resultSignatureRule(h('create', 'return-to-specialist', 'approve'))).toBeNull();
    expect(resultSignatureRule(h('approve', 'return-to-specialist', 'submit-for-approval', 'approve'))).toBeNull();
    expect(resultSignatureRule(h('approve', 'assign'))).toBeNull();
  });
});

const C = (id: string, mandatory: boolean, fromRegistry = false) => ({ id, name: `Giấy ${id}`, mandatory, fromRegistry });

describe('components', () => {
  const required = [C('a', true), C('b', false), C('r', true, true), C('c', true)];

  test('mandatory components not given: given means presented or with files', () => {
    const out = missingComponents(
      required,
      [
        { componentId: 'a', presented: true },
        { componentId: 'c', fileIds: ['f1'] },
      ],
      true,
    );
    expect(out).toEqual([]);
    const none = missingComponents(required, [], true).map((c) => c.id);
    expect(none).toEqual(['a', 'c']);
  });

  test('a component named but neither presented nor with files is still missing', () => {
    const out = missingComponents(
      required,
      [{ componentId: 'a' }, { componentId: 'c', fileIds: [] }, { componentId: 'x', presented: false }],
      true,
    );
    expect(out.map((c) => c.id)).toEqual(['a', 'c']);
  });

  test('a registry-held paper is demanded only when the registry lookup failed', () => {
    expect(missingComponents(required, [], true).map((c) => c.id)).not.toContain('r');
    expect(missingComponents(required, [], false).map((c) => c.id)).toEqual(['a', 'r', 'c']);
    expect(missingComponents(required, [{ componentId: 'r', fileIds: ['f'] }], false).map((c) => c.id)).toEqual(['a', 'c']);
  });

  test('an optional component is never missing', () => {
    expect(missingComponents([C('b', false)], [], false)).toEqual([]);
  });

  test('components beyond the procedure (Decree 118 Art. 5)', () => {
    expect(componentsBeyondProcedure(required, ['a', 'zz', 'c', 'yy'])).toEqual(['zz', 'yy']);
    expect(componentsBeyondProcedure(required, ['a', 'b'])).toEqual([]);
    expect(componentsBeyondProcedure([], ['a'])).toEqual(['a']);
  });

  test('registry-held components asked: only when the registry answered, only those asked', () => {
    expect(registryComponentsAsked(required, ['r', 'a'], true).map((c) => c.id)).toEqual(['r']);
    expect(registryComponentsAsked(required, ['a'], true)).toEqual([]);
    expect(registryComponentsAsked(required, ['r'], false)).toEqual([]);
    expect(REGISTRY_FAILED_NOTE).toMatch(/không thành công/);
  });

  test('a supplement is received with at least one component, each given', () => {
    expect(supplementReceivedRule([])).toBe('supplement-nothing-received');
    expect(supplementReceivedRule([{ componentId: 'a', presented: true }])).toBeNull();
    expect(supplementReceivedRule([{ componentId: 'a', fileIds: ['f'] }])).toBeNull();
    expect(supplementReceivedRule([{ componentId: 'a', fileIds: ['f'] }, { componentId: 'b' }])).toBe('supplement-nothing-received');
    expect(supplementReceivedRule([{ componentId: 'a', fileIds: [] }])).toBe('supplement-nothing-received');
    expect(supplementReceivedRule([{ componentId: 'a', presented: false }])).toBe('supplement-nothing-received');
  });

  test('the declaration an e-form replaces', () => {
    const comps = [
      { id: 'x', name: 'Bản sao giấy khai sinh', fromRegistry: false },
      { id: 'r', name: 'Tờ khai (registry)', fromRegistry: true },
      { id: 'd', name: '  Tờ khai đăng ký khai tử', fromRegistry: false },
    ];
    expect(declarationComponent(comps, true)?.id).toBe('d');
    expect(declarationComponent(comps, false)).toBeUndefined();
    expect(declarationComponent([{ id: 'y', name: 'Đơn có tờ khai', fromRegistry: false }], true)).toBeUndefined();
    expect(declarationComponent([{ id: 'u', name: 'TỜ KHAI', fromRegistry: false }], true)?.id).toBe('u');
  });
});

describe('identity, withdrawal and handover', () => {
  test('personal ID number: exactly 12 digits', () => {
    expect(validIdNumber('001203004567')).toBe(true);
    expect(validIdNumber('00120300456')).toBe(false);
    expect(validIdNumber('0012030045678')).toBe(false);
    expect(validIdNumber('x001203004567')).toBe(false);
    expect(validIdNumber('00120300456x')).toBe(false);
    expect(validIdNumber('')).toBe(false);
  });

  test('withdrawal evidence: a scan for in person and post; online only by the citizen', () => {
    expect(withdrawalEvidenceRule('in-person', [], false)).toBe('withdrawal-evidence-required');
    expect(withdrawalEvidenceRule('in-person', ['f'], false)).toBeNull();
    expect(withdrawalEvidenceRule('postal', [], true)).toBe('withdrawal-evidence-required');
    expect(withdrawalEvidenceRule('postal', ['f'], false)).toBeNull();
    expect(withdrawalEvidenceRule('online', [], true)).toBeNull();
    expect(withdrawalEvidenceRule('online', ['f'], false)).toBe('withdrawal-evidence-required');
  });

  test('handover: what is missing, field by field', () => {
    expect(handoverProblem(undefined)).toBe('method');
    expect(handoverProblem({})).toBe('method');
    expect(handoverProblem({ method: 3 })).toBe('method');
    expect(handoverProblem({ method: 'fax' })).toBe('method');
    expect(handoverProblem({ method: 'electronic' })).toBeNull();
    expect(handoverProblem({ method: 'postal' })).toBe('trackingNumber');
    expect(handoverProblem({ method: 'postal', trackingNumber: '   ' })).toBe('trackingNumber');
    expect(handoverProblem({ method: 'postal', trackingNumber: 'EMS123' })).toBeNull();
    expect(handoverProblem({ method: 'in-person', receiverIdNumber: '001203004567' })).toBe('receiverName');
    expect(handoverProblem({ method: 'in-person', receiverName: '  ', receiverIdNumber: '001203004567' })).toBe('receiverName');
    expect(handoverProblem({ method: 'in-person', receiverName: 'An', receiverIdNumber: '12345678' })).toBe('receiverIdNumber');
    expect(handoverProblem({ method: 'in-person', receiverName: 'An', receiverIdNumber: '1234567890123' })).toBe('receiverIdNumber');
    expect(handoverProblem({ method: 'in-person', receiverName: 'An', receiverIdNumber: 'a123456789' })).toBe('receiverIdNumber');
    expect(handoverProblem({ method: 'in-person', receiverName: 'An', receiverIdNumber: '123456789a' })).toBe('receiverIdNumber');
    expect(handoverProblem({ method: 'in-person', receiverName: 'An', receiverIdNumber: 123456789 })).toBe('receiverIdNumber');
    expect(handoverProblem({ method: 'in-person', receiverName: 'An', receiverIdNumber: ' 123456789 ' })).toBeNull();
    expect(handoverProblem({ method: 'in-person', receiverName: 'An', receiverIdNumber: '001203004567' })).toBeNull();
  });
});
