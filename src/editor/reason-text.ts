import { issueText } from '@/components/zod-issues';
import type { Text } from '@/i18n/message';

/**
 * A reason or warning from the widgets (parseWidget, the Node-RED importer) as Text: a key or
 * a message as it is; a plain string as a key when it is one, else as the words it holds.
 */
export function reasonText(reason: string | Text): Text {
  return typeof reason === 'string' ? issueText(reason) : reason;
}
