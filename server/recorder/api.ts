/**
 * The recorder's HTTP API, on the app's port: JSON (and CSV), GET only, never cached.
 * Every parameter is checked; a bad one is a 400 with the reason, and every answer is bounded
 * (topics per request, points per line, lines per filter).
 */
import type http from 'node:http';
import { isValidFilter, isWildcard } from './dashboard-topics.ts';
import { parseValuePath } from './decode.ts';
import type { Recorder } from './recorder.ts';

export const MAX_LAST_TOPICS = 200;
export const MAX_LAST_WILDCARDS = 20;
export const DEFAULT_POINTS = 1000;
export const MAX_POINTS = 10_000;
export const MAX_CSV_POINTS = 100_000;
/** The longest span one request may ask for. */
export const MAX_SPAN_MS = 20 * 366 * 86_400_000;
const DEFAULT_SPAN_MS = 86_400_000;

class BadRequest extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

/**
 * An ISO 8601 date or date-time, as Date.parse reads it. Date.parse alone would take much
 * more, in the server's time zone: "1.5" is 5 January 2001 to it.
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/i;

function time(value: string | null, name: string, fallback: number): number {
  if (value === null || value.trim() === '') return fallback;
  const text = value.trim();
  const n = /^-?\d+$/.test(text) ? Number(text) : ISO_DATE.test(text) ? Date.parse(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new BadRequest(
      `${name} must be milliseconds since 1970 or an ISO date such as 2026-12-01T06:00:00Z; got ${JSON.stringify(value.slice(0, 40))}`,
    );
  }
  return n;
}

function topicParam(value: string | null): string {
  if (value === null || value === '') throw new BadRequest('topic is missing');
  if (!isValidFilter(value)) {
    throw new BadRequest(
      `topic ${JSON.stringify(value.slice(0, 100))} is no valid MQTT topic or filter (+ and # only as whole levels, # last)`,
    );
  }
  return value;
}

function pathParam(value: string | null): string {
  const p = (value ?? '').trim();
  if (p.length > 200 || (p !== '' && parseValuePath(p) === null)) {
    throw new BadRequest(
      `path ${JSON.stringify(p.slice(0, 100))} is no value path (e.g. temp or sensor.values[0])`,
    );
  }
  return p;
}

function range(q: URLSearchParams, now: number, maxPoints: number) {
  const to = time(q.get('to'), 'to', now);
  const from = time(q.get('from'), 'from', to - DEFAULT_SPAN_MS);
  if (from >= to) throw new BadRequest('from must be before to');
  if (to - from > MAX_SPAN_MS) throw new BadRequest('the span from … to is longer than 20 years');
  const raw = q.get('points');
  const points = raw === null || raw === '' ? Math.min(DEFAULT_POINTS, maxPoints) : Number(raw);
  if (!Number.isInteger(points) || points < 2 || points > maxPoints) {
    throw new BadRequest(`points must be a whole number from 2 to ${maxPoints}`);
  }
  return { from, to, points };
}

function payloadJson(payload: Buffer): { payload: string; encoding: 'utf8' | 'base64' } {
  try {
    return { payload: utf8.decode(payload), encoding: 'utf8' };
  } catch {
    return { payload: payload.toString('base64'), encoding: 'base64' };
  }
}

/** CSV field: quoted when it holds a comma, quote or line break; formulas defused. */
function csvField(text: string): string {
  // A topic starting with = + - @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Handles /api/*; returns false for any other path. */
export function createApiHandler(recorder: Recorder | null, now: () => number = Date.now) {
  return (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/api/')) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      send(res, 405, { error: 'only GET is allowed here' });
      return true;
    }
    if (!recorder) {
      const why = 'the recorder is off (--no-recorder, or --no-broker without RECORD_FROM)';
      // The status says so plainly: every page asks it at start, and a 404 there is a red
      // line in the browser's console on every load of a Tafel without history.
      if (url.pathname === '/api/recorder') send(res, 200, { enabled: false, reason: why });
      else send(res, 404, { error: why });
      return true;
    }
    const q = url.searchParams;
    try {
      switch (url.pathname) {
        case '/api/recorder':
          send(res, 200, recorder.status());
          return true;
        case '/api/last': {
          const topics = q.getAll('topic');
          if (topics.length === 0)
            throw new BadRequest('give at least one topic (?topic=a&topic=b)');
          if (topics.length > MAX_LAST_TOPICS) {
            throw new BadRequest(`at most ${MAX_LAST_TOPICS} topics per request`);
          }
          topics.forEach(topicParam);
          if (topics.filter(isWildcard).length > MAX_LAST_WILDCARDS) {
            throw new BadRequest(`at most ${MAX_LAST_WILDCARDS} wildcard filters per request`);
          }
          const values = recorder.last(topics).map((v) => ({
            filter: v.filter,
            topic: v.topic,
            time: v.time,
            retained: v.retained,
            ...payloadJson(v.payload),
          }));
          const found = new Set(values.map((v) => v.filter));
          send(res, 200, { now: now(), values, missing: topics.filter((t) => !found.has(t)) });
          return true;
        }
        case '/api/history':
        case '/api/history.csv': {
          const csv = url.pathname.endsWith('.csv');
          const topic = topicParam(q.get('topic'));
          const path = pathParam(q.get('path'));
          const { from, to, points } = range(q, now(), csv ? MAX_CSV_POINTS : MAX_POINTS);
          const series = recorder.history(topic, path, from, to, points);
          if (!csv) {
            send(res, 200, { topic, path, from, to, series });
            return true;
          }
          const rollup = series.some((s) => s.min);
          const lines = [rollup ? 'time,unix_ms,topic,value,min,max' : 'time,unix_ms,topic,value'];
          for (const s of series) {
            const topicField = csvField(s.topic);
            for (let i = 0; i < s.t.length; i++) {
              const t = s.t[i]!;
              const row = [new Date(t).toISOString(), String(t), topicField, String(s.v[i])];
              if (rollup) row.push(String(s.min?.[i] ?? s.v[i]), String(s.max?.[i] ?? s.v[i]));
              lines.push(row.join(','));
            }
          }
          const name = `${topic.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'history'}.csv`;
          res.writeHead(200, {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': `attachment; filename="${name}"`,
            'Cache-Control': 'no-store',
            'X-Content-Type-Options': 'nosniff',
          });
          res.end(lines.join('\r\n') + '\r\n');
          return true;
        }
        default:
          send(res, 404, { error: `no such API: ${url.pathname.slice(0, 100)}` });
          return true;
      }
    } catch (error) {
      if (error instanceof BadRequest) send(res, 400, { error: error.message });
      else send(res, 500, { error: (error as Error).message });
      return true;
    }
  };
}
