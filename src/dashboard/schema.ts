import { z } from 'zod';
import { withSlugs } from './slugs';

/**
 * Bump with a migration in migrations.ts whenever the document's shape changes in a way an
 * older Tafel cannot read. An older Tafel refuses a higher version, in storage and from the
 * broker alike, so an additive, optional field (as `slugs`) does not bump it: an older Tafel
 * drops the field it does not know, and this one derives it again where it is missing.
 */
export const SCHEMA_VERSION = 1;

const id = z.string().min(1).max(64);

/**
 * Addresses (slugs.ts): the current slug first, then earlier ones, newest first. Optional, and
 * filled from the titles by dashboardSchema when absent. Read leniently: a bad list is
 * dropped (and made anew), never a reason to refuse the dashboard.
 */
const slugs = z.array(z.string()).optional().catch(undefined);

/**
 * A widget as the dashboard stores it. `config` is validated by the widget type's own schema
 * (src/widgets), so that one bad widget shows an error card in its slot instead of making the
 * whole dashboard unloadable.
 */
/** A widget's place in its group's grid, in grid units (columns = the group's width). */
export const widgetLayoutSchema = z.object({
  x: z.number().int().min(0).max(48),
  y: z.number().int().min(0).max(10_000),
  w: z.number().int().min(1).max(24),
  h: z.number().int().min(1).max(100),
});

export const widgetEnvelopeSchema = z.object({
  id,
  type: z.string().min(1),
  /** The widget type's config version, for its migrate step. */
  version: z.number().int().min(1).default(1),
  config: z.unknown(),
  /** Absent until placed by hand: the widget then goes below the others at its type's size. */
  layout: widgetLayoutSchema.optional(),
});

export const groupSchema = z.object({
  id,
  title: z.string().max(200).default(''),
  /** Width in grid units (Node-RED's group width: 1 unit ≈ 50 px); the card grows on wide screens. */
  width: z.number().int().min(1).max(24).default(6),
  showTitle: z.boolean().default(true),
  widgets: z.array(widgetEnvelopeSchema).default([]),
});

export const pageSchema = z.object({
  id,
  title: z.string().min(1).max(200),
  icon: z.string().max(64).optional(),
  /** Its addresses within its dashboard (`/d/<dashboard>/<page>`), unique there. */
  slugs,
  groups: z.array(groupSchema).default([]),
});

/**
 * A dashboard. Parsing fills in missing slugs from the titles (the same in every browser), so
 * everything read from storage, an import or the broker has its addresses.
 */
export const dashboardSchema = z
  .object({
    id,
    title: z.string().min(1).max(200),
    /** Its addresses (`/d/<dashboard>`), unique among the dashboards when made here. */
    slugs,
    pages: z.array(pageSchema).min(1),
    /** Incremented on every saved edit; the broker sync's last-writer-wins key. */
    revision: z.number().int().min(0).default(0),
    updatedAt: z.string().default(() => new Date(0).toISOString()),
  })
  .transform((d) => withSlugs(d));

export const dashboardDocumentSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  dashboards: z.array(dashboardSchema),
});

export type WidgetLayout = z.infer<typeof widgetLayoutSchema>;
export type WidgetEnvelope = z.infer<typeof widgetEnvelopeSchema>;
export type Group = z.infer<typeof groupSchema>;
export type Page = z.infer<typeof pageSchema>;
export type Dashboard = z.infer<typeof dashboardSchema>;
export type DashboardDocument = z.infer<typeof dashboardDocumentSchema>;
