import type { FieldSpec } from '../types';

/** Settings fields several widget types share. */
export const qosField: FieldSpec<{ qos: unknown }> = {
  key: 'qos',
  label: 'QoS',
  kind: 'select',
  options: [
    { value: 0, label: '0 — at most once' },
    { value: 1, label: '1 — at least once' },
    { value: 2, label: '2 — exactly once' },
  ],
};

export const valuePathField: FieldSpec<{ valuePath: unknown }> = {
  key: 'valuePath',
  label: 'Value path (JSON)',
  kind: 'text',
  placeholder: 'e.g. temp or a.b[0]',
};

export const retainField: FieldSpec<{ retain: unknown }> = {
  key: 'retain',
  label: 'Retain',
  kind: 'boolean',
};

export const staleAfterField: FieldSpec<{ staleAfter: unknown }> = {
  key: 'staleAfter',
  label: 'Stale after (seconds)',
  kind: 'number',
  nullable: true,
  placeholder: 'never',
  help: 'Marks the widget when no message came for this long: a dead sensor is noticed.',
};

export const payloadTemplateField: FieldSpec<{ payloadTemplate: unknown }> = {
  key: 'payloadTemplate',
  label: 'Payload template',
  kind: 'textarea',
  placeholder: '{value}',
  help: '{value} is replaced by the value, e.g. {"brightness": {value}}. Empty: the value alone.',
};
