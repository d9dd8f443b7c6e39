import { ruleOperatorOptions } from '@/widgets/kit/rules';
import { qosField, staleAfterField, valuePathField } from '../kit/shared-fields';
import { defineWidget } from '../types';
import { notificationFor } from './message';
import { notificationSchema, type NotificationConfig } from './schema';

/** Shows a toast for each new message on a topic (optionally only some), like ui_toast. */
export const notificationWidget = defineWidget<NotificationConfig>({
  type: 'notification',
  name: 'Notification',
  description: 'Pops up a message when one arrives (optionally only when a rule matches).',
  version: 1,
  schema: notificationSchema,
  // Loaded when a dashboard first shows one: keeps the first bundle to what is on screen.
  view: () => import('./notification-view').then((m) => m.NotificationView),
  defaultSize: { w: 'full', h: 2 },
  icon: 'M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2zm6-6V11a6 6 0 0 0-5-5.9V4a1 1 0 0 0-2 0v1.1A6 6 0 0 0 6 11v5l-2 2v1h16v-1z',
  fields: [
    { key: 'label', label: 'Label', kind: 'text' },
    {
      key: 'topic',
      label: 'Topic',
      kind: 'topic',
      mode: 'subscribe',
      placeholder: 'home/alerts/#',
    },
    valuePathField,
    {
      key: 'severity',
      label: 'Severity',
      kind: 'select',
      options: [
        { value: 'info', label: 'Info' },
        { value: 'warning', label: 'Warning' },
        { value: 'error', label: 'Error' },
      ],
    },
    {
      key: 'template',
      label: 'Text',
      kind: 'textarea',
      placeholder: '{value}',
      help: '{value} is the value, {topic} the topic it came on. Empty: the value.',
    },
    {
      key: 'duration',
      label: 'Show for (seconds)',
      kind: 'number',
      help: '0: until dismissed.',
    },
    {
      key: 'rules',
      label: 'Only when',
      kind: 'list',
      help: 'Notify only when one of these matches. No rules: every message. Messages already there when the page opens, retained ones and empty ones never pop up.',
      addLabel: 'Add condition',
      itemLabel: 'condition',
      newItem: { op: '=', value: '' },
      fields: [
        { key: 'op', label: 'The value', kind: 'select', options: ruleOperatorOptions },
        { key: 'value', label: 'Value', kind: 'text' },
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
    nodeType: 'ui_toast',
    convert: ({ node, subscribeTo }) => {
      const t = node.displayTime;
      const seconds = t === '' || t === undefined || t === null ? NaN : Number(t);
      return {
        label: String(node.name || 'Notifications'),
        topic: subscribeTo?.topic ?? '',
        qos: subscribeTo?.qos ?? 0,
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
