import { z } from 'zod';
import { issueText, jsonPath } from '@/components/zod-issues';
import { newId } from '@/dashboard/ids';
import { migrate } from '@/dashboard/migrations';
import { addDashboard, importDashboard, withNewIds } from '@/dashboard/operations';
import {
  dashboardSchema,
  SCHEMA_VERSION,
  type Dashboard,
  type DashboardDocument,
} from '@/dashboard/schema';
import { readFunctionBody } from '@/widgets/node-red/function-body';
import { isDashboardType, type FlowNode } from '@/widgets/node-red/graph';
import {
  flowNodes,
  importNodeRedFlow,
  isFlowNode,
  type ImportReport,
} from '@/widgets/node-red/import';
import { getWidgetType, parseWidget } from '@/widgets/registry';
import { t } from '@/i18n/i18n';
import { msg, say, type Message, type Text } from '@/i18n/message';
import { reasonText } from './reason-text';

/** The `format` of a Tafel export file; how an import tells it from other JSON. */
export const EXPORT_FORMAT = 'tafel-dashboards';
/** Larger inputs are refused before parsing: a dashboard file is a few kB, not megabytes. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** More errors than this are summed up in one line: a list of thousands helps nobody. */
const MAX_ERRORS = 50;
/**
 * Appended to the title of a "keep both" copy, in the language on screen when it is made
 * (the title is the person's from then on).
 */
export const importedSuffix = (): string => t('editor:transfer.importedSuffix');
const TITLE_MAX = 200;

/** An export file as written by {@link exportFile}; nothing else is ever in it. */
export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  schemaVersion: number;
  exportedAt: string;
  dashboards: Dashboard[];
}

/**
 * One problem with an import: where (a JSON path such as `$.dashboards[0].title`) and what,
 * said in the language on screen; `about`: the Node-RED node it concerns.
 */
export interface ImportError {
  path: string;
  message: Text;
  about?: Message;
}

/** What an error says, without where: "“Upside down” (ui_slider): max: …". */
export function importErrorMessage(error: ImportError): string {
  return error.about ? `${say(error.about)}: ${say(error.message)}` : say(error.message);
}

export type ImportSource = 'tafel' | 'node-red';

export type ImportResult =
  | {
      ok: true;
      dashboards: Dashboard[];
      warnings: Text[];
      source: ImportSource;
      /** A Node-RED import's report: every dashboard node and what became of it. */
      report?: ImportReport;
    }
  | { ok: false; errors: ImportError[] };

export type ImportMode = 'replace' | 'keep-both';

// Export

/**
 * The text of an export file: the dashboards, the schema version they are in, and when.
 * Dashboards hold no broker settings or passwords, and the file holds nothing but them.
 */
export function exportFile(dashboards: readonly Dashboard[], now: Date = new Date()): string {
  const file: ExportFile = {
    format: EXPORT_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    exportedAt: now.toISOString(),
    dashboards: [...dashboards],
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * A file name for an export: `tafel-<title>-<date>.json` for one dashboard,
 * `tafel-dashboards-<date>.json` for several. The date is the local one, as people read it.
 */
export function exportFileName(dashboards: readonly Dashboard[], now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const only = dashboards.length === 1 ? dashboards[0] : undefined;
  return `tafel-${only ? slug(only.title) : 'dashboards'}-${date}.json`;
}

/** Lower-case ASCII words joined by "-" ("Erdgeschoß Küche" → "erdgeschoss-kuche"). */
function slug(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return s || 'dashboard';
}

// Import

/**
 * Read what a person gives to import: a Tafel export file, a single dashboard, a whole stored
 * document (migrated from its schemaVersion), or a Node-RED dashboard flow (converted).
 * Everything is validated, every widget's config by its own type's schema too; any error
 * refuses the whole import, so a failed import changes nothing.
 */
export function parseImport(text: string): ImportResult {
  const tooLarge = importSizeError(byteLength(text));
  if (tooLarge) return fail('$', tooLarge);
  if (text.trim() === '') return fail('$', msg('editor:transfer.errors.empty'));

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail('$', jsonErrorMessage(text, e));
  }

  const flow = flowNodes(raw);
  if (flow) return fromNodeRed(flow);
  if (!isRecord(raw)) {
    return fail('$', msg(notAcceptedAs(raw)));
  }
  if ('format' in raw) {
    if (raw.format !== EXPORT_FORMAT) {
      return fail(
        '$.format',
        msg('editor:transfer.errors.unknownFormat', {
          format: JSON.stringify(raw.format) ?? String(raw.format),
          expected: EXPORT_FORMAT,
        }),
      );
    }
    return fromDocument(raw);
  }
  if ('schemaVersion' in raw || 'dashboards' in raw) return fromDocument(raw);
  if ('pages' in raw || ('id' in raw && 'title' in raw)) return fromSingleDashboard(raw);
  return fail('$', msg('editor:transfer.errors.notAccepted'));
}

/** JSON that is no object or list (an array or object never gets here). */
function notAcceptedAs(raw: unknown) {
  if (typeof raw === 'string') return 'editor:transfer.errors.notAcceptedJson.string' as const;
  if (typeof raw === 'number') return 'editor:transfer.errors.notAcceptedJson.number' as const;
  if (typeof raw === 'boolean') return 'editor:transfer.errors.notAcceptedJson.boolean' as const;
  return 'editor:transfer.errors.notAcceptedJson.null' as const;
}

/**
 * Why an input of `bytes` bytes is refused, or null when its size is fine. The dialog asks
 * this of a file (named `file`) before reading it.
 */
export function importSizeError(bytes: number, file?: string): Message | null {
  if (bytes <= MAX_IMPORT_BYTES) return null;
  // Numbers, formatted by i18next when said (one decimal, the locale's separator).
  const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  const sizes = { size: mb(bytes), limit: mb(MAX_IMPORT_BYTES) };
  return file === undefined
    ? msg('editor:transfer.errors.tooLarge', sizes)
    : msg('editor:transfer.errors.fileTooLarge', { file, ...sizes });
}

/** UTF-8 size, without encoding the text when its length alone decides. */
function byteLength(text: string): number {
  if (text.length > MAX_IMPORT_BYTES || text.length * 3 <= MAX_IMPORT_BYTES) return text.length;
  return new TextEncoder().encode(text).byteLength;
}

/**
 * The parser's message (the browser's words, in its language), with the line and column where
 * they can be had: Firefox names them, V8 gives a character position (or none at the very
 * end), Safari neither.
 */
function jsonErrorMessage(text: string, e: unknown): Message {
  const message = e instanceof Error ? e.message : String(e);
  let where: { line: number; column: number } | undefined;
  const named = /line (\d+) column (\d+)/i.exec(message);
  const position = /position (\d+)/i.exec(message);
  if (named) where = { line: Number(named[1]), column: Number(named[2]) };
  else if (position) where = lineColumn(text, Number(position[1]));
  else if (/unexpected end/i.test(message)) where = lineColumn(text, text.length);
  return where && !named
    ? msg('editor:transfer.errors.jsonAt', { message, line: where.line, column: where.column })
    : msg('editor:transfer.errors.json', { message });
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1) ?? '').length + 1 };
}

/** An export file or a stored document: `{ schemaVersion, dashboards }`, migrated first. */
function fromDocument(raw: Record<string, unknown>): ImportResult {
  const migrated = migrate(raw);
  if (!migrated.ok) {
    return fail(
      '$.schemaVersion',
      msg('editor:transfer.errors.cannotRead', { reason: migrated.reason }),
    );
  }
  const parsed = z.object({ dashboards: z.array(dashboardSchema) }).safeParse(migrated.document);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
  if (parsed.data.dashboards.length === 0) {
    return fail('$.dashboards', msg('editor:transfer.errors.noDashboards'));
  }
  return checked(parsed.data.dashboards, ['dashboards']);
}

function fromSingleDashboard(raw: Record<string, unknown>): ImportResult {
  const parsed = dashboardSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
  return checked([parsed.data], null);
}

/**
 * Shape-valid dashboards: now each widget's config against its type, and ids unique within
 * the import. `at` is where the list sits in the input (null: the input is one dashboard).
 */
function checked(dashboards: Dashboard[], at: PropertyKey[] | null): ImportResult {
  const errors: ImportError[] = [];
  const seen = new Set<string>();
  dashboards.forEach((d, di) => {
    const base = at ? [...at, di] : [];
    if (seen.has(d.id)) {
      errors.push({
        path: jsonPath([...base, 'id']),
        message: msg('editor:transfer.errors.duplicateId', { id: d.id }),
      });
    }
    seen.add(d.id);
    for (const problem of widgetProblems(d)) {
      errors.push({ path: jsonPath([...base, ...problem.path]), message: problem.reason });
    }
  });
  if (errors.length > 0) return { ok: false, errors: capped(errors) };
  return { ok: true, dashboards, warnings: [], source: 'tafel' };
}

/** Every widget that its type would refuse, with its path inside the dashboard. */
function widgetProblems(d: Dashboard): Array<{ path: PropertyKey[]; reason: Text }> {
  const problems: Array<{ path: PropertyKey[]; reason: Text }> = [];
  d.pages.forEach((page, pi) =>
    page.groups.forEach((group, gi) =>
      group.widgets.forEach((widget, wi) => {
        const result = parseWidget(widget);
        if (result.ok) return;
        // An unknown type is the type's fault, not the config's: point at what to fix.
        const field = getWidgetType(widget.type) ? 'config' : 'type';
        problems.push({
          path: ['pages', pi, 'groups', gi, 'widgets', wi, field],
          reason: reasonText(result.reason),
        });
      }),
    ),
  );
  return problems;
}

/**
 * A Node-RED flow (the JSON its Export gives, a bare array or `{ "flows": [...] }`),
 * converted to one new dashboard with a report of every dashboard node. Lenient: a flow with
 * dashboard nodes always imports (odd settings are repaired and reported); what is not a
 * Node-RED flow is refused whole.
 */
function fromNodeRed(flow: unknown[]): ImportResult {
  if (flow.length === 0) return fail('$', msg('editor:transfer.errors.emptyList'));
  const bad = flow.findIndex((n) => !isFlowNode(n));
  if (bad >= 0) return fail(`$[${bad}]`, msg('editor:transfer.errors.notNode'));
  if (!(flow as FlowNode[]).some((n) => isDashboardType(n.type))) {
    return fail('$', msg('editor:transfer.errors.noUiNodes'));
  }
  try {
    // A new dashboard's title when the flow names none: in the language on screen now.
    const { dashboard, report } = importNodeRedFlow(flow, {
      id: newId(),
      title: t('editor:transfer.nodeRedTitle'),
      readFunction: readFunctionBody,
    });
    return { ok: true, dashboards: [dashboard], warnings: [], source: 'node-red', report };
  } catch (e) {
    // The importer is lenient by design; should it still fail, nothing is half-imported.
    const detail = e instanceof Error ? e.message : String(e);
    return fail('$', msg('editor:transfer.errors.notConverted', { detail }));
  }
}

// Applying an import

/** Which incoming dashboards would replace one already here (same id), and which are new. */
export function planImport(
  existing: readonly Dashboard[],
  incoming: readonly Dashboard[],
): { conflicts: Dashboard[]; fresh: Dashboard[] } {
  const ids = new Set(existing.map((d) => d.id));
  return {
    conflicts: incoming.filter((d) => ids.has(d.id)),
    fresh: incoming.filter((d) => !ids.has(d.id)),
  };
}

/**
 * The document with the import in it. New ids are added as they are. One whose id is here
 * already either takes the place of the existing one ("replace"), or is added as a copy with
 * new ids everywhere and " (imported)" after its title ("keep-both"; in the language on
 * screen). Every dashboard brought
 * in gets a slug (address) that no other dashboard here has.
 *
 * Apply it through the dashboard store's `edit()`: a replaced dashboard is a new object, so
 * the store gives it a revision above both the old and the incoming one, and the import wins
 * the broker sync. It is also one undo step.
 */
export function applyImport(
  doc: DashboardDocument,
  incoming: readonly Dashboard[],
  mode: ImportMode,
): DashboardDocument {
  const here = new Set(doc.dashboards.map((d) => d.id));
  const suffix = importedSuffix();
  return incoming.reduce((next, d) => {
    // Slugs: one no other dashboard has; a replaced one's old addresses still lead to it.
    if (!here.has(d.id) || mode === 'replace') return importDashboard(next, d);
    const title = d.title.slice(0, TITLE_MAX - suffix.length) + suffix;
    return addDashboard(next, withNewIds(d, title));
  }, doc);
}

// Helpers

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(path: string, message: Message): ImportResult {
  return { ok: false, errors: [{ path, message }] };
}

function zodErrors(error: z.ZodError): ImportError[] {
  return capped(
    error.issues.map((i) => ({ path: jsonPath(i.path), message: issueText(i.message) })),
  );
}

function capped(errors: ImportError[]): ImportError[] {
  if (errors.length <= MAX_ERRORS) return errors;
  const rest = errors.length - (MAX_ERRORS - 1);
  return [
    ...errors.slice(0, MAX_ERRORS - 1),
    { path: '$', message: msg('editor:transfer.errors.more', { count: rest }) },
  ];
}
