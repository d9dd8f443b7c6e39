import { ruleOperatorOptions } from '@/widgets/kit/rules';
import { qosField, staleAfterField, valuePathField } from '../kit/shared-fields';
import { key, t } from '@/i18n/i18n';
import { verbatim } from '@/i18n/message';
import { defineWidget } from '../types';
import { notificationFor } from './message';
import { notificationSchema, type NotificationConfig } from './schema';

/** Shows a toast for each new message on a topic (optionally only some), like ui_toast. */
export const notificationWidget = defineWidget<NotificationConfig>({
  type: 'notification',
  name: key('widgets:notification.name'),
  description: key('widgets:notification.description'),
  version: 1,
  schema: notificationSchema,
  // Loaded when a dashboard first shows one: keeps the first bundle to what is on screen.
  view: () => import('./notification-view').then((m) => m.NotificationView),
  defaultSize: { w: 'full', h: 2 },
  icon: 'M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2zm6-6V11a6 6 0 0 0-5-5.9V4a1 1 0 0 0-2 0v1.1A6 6 0 0 0 6 11v5l-2 2v1h16v-1z',
  fields: [
    { key: 'label', label: key('widgets:common.fields.label'), kind: 'text' },
    {
      key: 'topic',
      label: key('widgets:common.fields.topic'),
      kind: 'topic',
      mode: 'subscribe',
      placeholder: verbatim('home/alerts/#'),
    },
    valuePathField,
    {
      key: 'severity',
      label: key('widgets:notification.fields.severity'),
      kind: 'select',
      options: [
        { value: 'info', label: key('widgets:notification.severities.info') },
        { value: 'warning', label: key('widgets:notification.severities.warning') },
        { value: 'error', label: key('widgets:notification.severities.error') },
      ],
    },
    {
      key: 'template',
      label: key('widgets:common.fields.text'),
      kind: 'textarea',
      placeholder: verbatim('{value}'),
      help: key('widgets:notification.help.template'),
    },
    {
      key: 'duration',
      label: key('widgets:notification.fields.duration'),
      kind: 'number',
      help: key('widgets:notification.help.duration'),
    },
    {
      key: 'rules',
      label: key('widgets:notification.fields.rules'),
      kind: 'list',
      help: key('widgets:notification.help.rules'),
      addLabel: key('widgets:notification.addCondition'),
      itemLabel: key('widgets:notification.itemCondition'),
      newItem: { op: '=', value: '' },
      fields: [
        {
          key: 'op',
          label: key('widgets:notification.fields.op'),
          kind: 'select',
          options: ruleOperatorOptions,
        },
        { key: 'value', label: key('widgets:common.fields.value'), kind: 'text' },
      ],
    },
    qosField,
    staleAfterField,
  ],
  title: (c) => c.label,
  stateTopic: (c) => c.topic || undefined,
  // Retained messages are state, not events: the broker resends them on every reconnect.
  alert(c, entry) {
    if (entry.retained) return null;
    const text = notificationFor(c, entry);
    if (text === null) return null;
    return { kind: c.severity, text, ...(c.duration > 0 ? { timeoutMs: c.duration * 1000 } : {}) };
  },
  nodeRed: {
    nodeTypes: ['ui_toast', 'ui-notification'],
    convert: ({ node, subscribeTo }) => {
      const time = node.displayTime;
      const seconds = time === '' || time === undefined || time === null ? NaN : Number(time);
      return {
        label: String(node.name || t('widgets:notification.defaults.label')),
        topic: subscribeTo?.topic ?? '',
        qos: subscribeTo?.qos ?? 0,
        valuePath: subscribeTo?.valuePath ?? '',
        // "dialog" and "prompt" toasts wait for OK in Node-RED: here they stay until dismissed.
        duration:
          node.position === 'dialog' || node.position === 'prompt'
            ? 0
            : Number.isFinite(seconds) && seconds >= 0
              ? Math.min(3600, seconds)
              : 3,
      };
    },
  },
});
