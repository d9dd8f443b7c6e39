/**
 * zod's validation issues in people's terms: the one place Tafel turns a ZodError into
 * messages, for forms (a message per field), reasons (one line) and reports (JSON paths).
 */
import { z } from 'zod';
import { i18n, t, type TKey } from '@/i18n/i18n';
import { say, verbatim, type Text } from '@/i18n/message';

type Path = readonly PropertyKey[];

/** `sensor.values.0` style, for a reason in a sentence. */
const dotted = (path: Path) => path.map(String).join('.');

/** `$.dashboards[0].pages[1].title`: where in a file a problem is. */
export function jsonPath(path: Path): string {
  return (
    '$' +
    path
      .map((k) =>
        typeof k === 'number'
          ? `[${k}]`
          : /^[A-Za-z_$][\w$]*$/.test(String(k))
            ? `.${String(k)}`
            : `[${JSON.stringify(String(k))}]`,
      )
      .join('')
  );
}

/**
 * An issue's message as text to show: Tafel's schemas give keys (`message: key('…')`), zod's
 * own checks give its words, already in the language set with z.config.
 */
export function issueText(message: string): Text {
  return i18n.exists(message) ? (message as TKey) : verbatim(message);
}

const said = (message: string) => say(issueText(message));

/**
 * The first message for each top-level field (the form field it belongs to), from
 * z.flattenError. `detail`: an issue deeper inside the field (a list's row) says where, e.g.
 * "Invalid topic (0.topic)".
 */
export function fieldErrors(error: z.ZodError, detail = false): Record<string, Text> {
  if (!detail) {
    const flat = z.flattenError(error);
    const out: Record<string, Text> = {};
    for (const [k, messages] of Object.entries(flat.fieldErrors) as Array<[string, string[]]>) {
      if (messages[0]) out[k] = issueText(messages[0]);
    }
    if (flat.formErrors[0]) out[''] = issueText(flat.formErrors[0]);
    return out;
  }
  const out: Record<string, Text> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '');
    out[key] ??=
      issue.path.length > 1
        ? verbatim(`${said(issue.message)} (${dotted(issue.path.slice(1))})`)
        : issueText(issue.message);
  }
  return out;
}

/** Every issue on one line: "max: Max must be greater than min; seg1: …". */
export function issuesText(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${dotted(i.path)}: ${said(i.message)}` : said(i.message)))
    .join('; ');
}

/** The first issue, with where: "expected number at dashboards.0.revision", in the language on screen. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const message = issue ? said(issue.message) : t('common:issue.invalid');
  return issue?.path.length ? t('common:issue.at', { message, path: dotted(issue.path) }) : message;
}
