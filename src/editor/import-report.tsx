import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { t as translate } from '@/i18n/i18n';
import { say } from '@/i18n/message';
import { getWidgetType } from '@/widgets/registry';
import type { ImportReport, ReportBroker, ReportEntry } from '@/widgets/node-red/import';

/** More entries than this are in the downloaded report only: a page of 12,500 helps nobody. */
const SHOWN_ENTRIES = 200;

/** The port Tafel proposes for a broker's WebSocket listener: Mosquitto's usual one. */
export const PROPOSED_WS_PORT = 9001;

/** The WebSocket address Tafel proposes for a flow's `mqtt-broker` node. */
export function proposedBrokerUrl(b: ReportBroker): string {
  return `${b.tls ? 'wss' : 'ws'}://${b.host}:${PROPOSED_WS_PORT}`;
}

/** Entries that need the person's eye come first: left out, no topic, repaired, with notes. */
function weight(e: ReportEntry): number {
  if (e.outcome === 'left-out') return 0;
  if (e.noTopic) return 1;
  if (e.outcome === 'repaired') return 2;
  if (e.notes.length > 0) return 3;
  return 4;
}

/** What one entry became, in words: "Gauge", "left out", "page". */
function became(e: ReportEntry): string {
  if (e.widgetType) {
    const def = getWidgetType(e.widgetType);
    return def ? say(def.name) : e.widgetType;
  }
  return translate(`editor:transfer.report.outcome.${e.outcome}`);
}

function bindingLines(e: ReportEntry): string[] {
  const line = (kind: 'subscribes' | 'publishes', topic: string, via: readonly string[]) =>
    translate(`editor:transfer.report.${kind}`, { topic }) +
    (via.length > 0 ? ` ${translate('editor:transfer.report.via', { via: via.join(' → ') })}` : '');
  return [
    ...e.subscribe.map((b) => line('subscribes', b.topic, b.via)),
    ...e.publish.map((b) => line('publishes', b.topic, b.via)),
    ...(e.noTopic ? [translate('editor:transfer.report.noTopic')] : []),
  ];
}

/** The report as plain text, in the language on screen: what "Download report" saves. */
export function reportText(report: ImportReport, title: string): string {
  const lines = [
    translate('editor:transfer.report.fileTitle', { title }),
    '',
    translate('editor:transfer.report.counts', report.counts),
    '',
    ...report.notes.map(say),
    ...report.brokers.map((b) =>
      translate('editor:transfer.report.broker', {
        name: b.name,
        host: b.host,
        port: b.port,
        url: proposedBrokerUrl(b),
      }),
    ),
    '',
  ];
  for (const e of [...report.entries].sort((a, b) => weight(a) - weight(b))) {
    lines.push(`${e.name} (${e.type}) → ${became(e)}`);
    for (const l of [...bindingLines(e), ...e.notes.map(say)]) lines.push(`  - ${l}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * After a Node-RED import: the counts, the flow's broker(s) with how Tafel connects, and every
 * dashboard node with what it became, its topics and the nodes between, and what to check.
 */
export function ImportReportView({
  report,
  title,
  href,
  onOpen,
  onDownload,
  onUseBroker,
}: {
  report: ImportReport;
  title: string;
  /** The imported dashboard's address. */
  href: string;
  onOpen(): void;
  onDownload(): void;
  onUseBroker?(url: string): void;
}) {
  const { t } = useTranslation('editor');
  const id = useId();
  const entries = [...report.entries].sort((a, b) => weight(a) - weight(b));
  const attention = entries.filter((e) => weight(e) < 4).length;
  const only = report.brokers.length === 1 ? report.brokers[0] : undefined;
  return (
    <section className="import-report" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t('transfer.report.heading')}</h4>
      <p>{t('transfer.report.counts', report.counts)}</p>
      <div className="transfer__buttons">
        <Link href={href} className="button button--primary" onClick={onOpen}>
          {t('transfer.report.open', { title })}
        </Link>
        <button type="button" className="button" onClick={onDownload}>
          {t('transfer.report.download')}
        </button>
      </div>
      {report.notes.map((n, i) => (
        <p key={i} className="transfer__hint">
          {say(n)}
        </p>
      ))}
      {report.brokers.map((b, i) => (
        <p key={i} className="transfer__hint">
          {t('transfer.report.broker', {
            name: b.name,
            host: b.host,
            port: b.port,
            url: proposedBrokerUrl(b),
          })}
        </p>
      ))}
      {only && onUseBroker && (
        <div className="transfer__buttons">
          <button
            type="button"
            className="button"
            onClick={() => onUseBroker(proposedBrokerUrl(only))}
          >
            {t('transfer.report.useBroker', { url: proposedBrokerUrl(only) })}
          </button>
        </div>
      )}
      <details open={attention > 0 && attention <= 20}>
        <summary>{t('transfer.report.nodes', { count: report.entries.length, attention })}</summary>
        <ul className="import-report__list" aria-label={t('transfer.report.listName')}>
          {entries.slice(0, SHOWN_ENTRIES).map((e) => (
            <li key={e.id} className={weight(e) < 4 ? 'import-report__item--check' : undefined}>
              <strong>{e.name}</strong> <span className="import-report__type">({e.type})</span> →{' '}
              {became(e)}
              {[...bindingLines(e), ...e.notes.map(say)].map((l, i) => (
                <span key={i} className="import-report__line">
                  {l}
                </span>
              ))}
            </li>
          ))}
        </ul>
        {entries.length > SHOWN_ENTRIES && (
          <p className="transfer__hint">
            {t('transfer.report.more', { count: entries.length - SHOWN_ENTRIES })}
          </p>
        )}
      </details>
    </section>
  );
}
