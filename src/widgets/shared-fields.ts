import type { FieldSpec } from './types';

/** Settings fields several widget types share. */
export const qosField: FieldSpec = {
  key: 'qos',
  label: 'QoS',
  kind: 'select',
  options: [
    { value: 0, label: '0 — at most once' },
    { value: 1, label: '1 — at least once' },
    { value: 2, label: '2 — exactly once' },
  ],
};

export const valuePathField: FieldSpec = {
  key: 'valuePath',
  label: 'Value path (JSON)',
  kind: 'text',
  placeholder: 'e.g. temp or a.b[0]',
};
