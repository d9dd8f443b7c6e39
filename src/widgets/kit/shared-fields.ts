import { key } from '@/i18n/i18n';
import { verbatim } from '@/i18n/message';
import type { FieldSpec } from '../types';

/** Settings fields several widget types share. */
export const qosField: FieldSpec<{ qos: unknown }> = {
  key: 'qos',
  label: key('widgets:common.fields.qos'),
  kind: 'select',
  options: [
    { value: 0, label: key('widgets:common.qos.0') },
    { value: 1, label: key('widgets:common.qos.1') },
    { value: 2, label: key('widgets:common.qos.2') },
  ],
};

export const valuePathField: FieldSpec<{ valuePath: unknown }> = {
  key: 'valuePath',
  label: key('widgets:common.fields.valuePath'),
  kind: 'text',
  placeholder: key('widgets:common.placeholders.valuePath'),
};

export const retainField: FieldSpec<{ retain: unknown }> = {
  key: 'retain',
  label: key('widgets:common.fields.retain'),
  kind: 'boolean',
};

export const staleAfterField: FieldSpec<{ staleAfter: unknown }> = {
  key: 'staleAfter',
  label: key('widgets:common.fields.staleAfter'),
  kind: 'number',
  nullable: true,
  placeholder: key('widgets:common.placeholders.never'),
  help: key('widgets:common.help.staleAfter'),
};

export const payloadTemplateField: FieldSpec<{ payloadTemplate: unknown }> = {
  key: 'payloadTemplate',
  label: key('widgets:common.fields.payloadTemplate'),
  kind: 'textarea',
  placeholder: verbatim('{value}'),
  help: key('widgets:common.help.payloadTemplate'),
};
