import { useEffect, useId, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '@/components/modal';
import type { Dashboard } from '@/dashboard/schema';
import { msg } from '@/i18n/message';
import type { ImportReport } from '@/widgets/node-red/import';
import { ImportReportView, reportText } from './import-report';
import {
  importErrorMessage,
  importSizeError,
  parseImport,
  planImport,
  type ImportError,
  type ImportMode,
} from './transfer';
import './transfer-dialog.css';

interface Props {
  open: boolean;
  dashboards: readonly Dashboard[];
  /** The dashboard on screen, for "Export this dashboard". */
  currentId: string | null;
  /** Valid dashboards only: nothing reaches this while there is any error. */
  onImport(dashboards: Dashboard[], mode: ImportMode): void;
  onExport(ids: string[]): void;
  onClose(): void;
  /** The address of a dashboard here, for the import report's "Open" link. */
  hrefOf(id: string): string;
  /** Save a text file (the import report). */
  onDownload(name: string, text: string): void;
  /** Open the broker settings with this address filled in (a flow's broker). */
  onUseBroker?(url: string): void;
}

/** Where the import part of the dialog is. */
type Stage =
  | { kind: 'idle' }
  | { kind: 'failed'; errors: ImportError[] }
  | { kind: 'confirm'; incoming: Dashboard[]; conflicts: Dashboard[]; report?: ImportReport }
  | { kind: 'done'; imported: Dashboard[]; report?: ImportReport };

const IDLE: Stage = { kind: 'idle' };

/**
 * Import and export of dashboards as JSON files, in a modal dialog. Import takes a file (picked
 * or dropped on the dialog) or pasted text; it asks before replacing a dashboard that exists.
 * Controlled: it only calls back, the caller changes the store and writes the file.
 */
export function TransferDialog({
  open,
  dashboards,
  currentId,
  onImport,
  onExport,
  onClose,
  hrefOf,
  onDownload,
  onUseBroker,
}: Props) {
  const [stage, setStage] = useState<Stage>(IDLE);
  const [text, setText] = useState('');
  const [dragging, setDragging] = useState(false);
  // Bumped on open and close, so a file still being read then is not imported after all.
  const readGeneration = useRef(0);
  const ids = useId();
  const current = dashboards.find((d) => d.id === currentId);
  const { t } = useTranslation(['editor', 'common']);

  // Each opening starts afresh.
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setStage(IDLE);
      setText('');
      setDragging(false);
    }
  }
  useEffect(() => {
    readGeneration.current++;
  }, [open]);

  function importText(input: string) {
    const result = parseImport(input);
    if (!result.ok) {
      setStage({ kind: 'failed', errors: result.errors });
      return;
    }
    const { conflicts } = planImport(dashboards, result.dashboards);
    if (conflicts.length > 0) {
      setStage({
        kind: 'confirm',
        incoming: result.dashboards,
        conflicts,
        ...(result.report ? { report: result.report } : {}),
      });
      return;
    }
    // Nothing to replace. "keep-both" still never overwrites if a dashboard with one of these
    // ids appeared meanwhile (another tab, the broker sync).
    finish(result.dashboards, 'keep-both', result.report);
  }

  function finish(incoming: Dashboard[], mode: ImportMode, report: ImportReport | undefined) {
    onImport(incoming, mode);
    setStage({ kind: 'done', imported: incoming, ...(report ? { report } : {}) });
    setText('');
  }

  async function importFile(file: File) {
    const tooLarge = importSizeError(file.size, file.name);
    if (tooLarge) {
      setStage({ kind: 'failed', errors: [{ path: '$', message: tooLarge }] });
      return;
    }
    const generation = ++readGeneration.current;
    let content: string;
    try {
      content = await file.text();
    } catch (e) {
      if (generation !== readGeneration.current) return;
      const reason = e instanceof Error ? e.message : String(e);
      setStage({
        kind: 'failed',
        errors: [
          {
            path: '$',
            message: msg('editor:transfer.errors.cannotReadFile', { file: file.name, reason }),
          },
        ],
      });
      return;
    }
    if (generation === readGeneration.current) importText(content);
  }

  function onFileChosen(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    // Cleared, so that choosing the same file again (after fixing it) imports again.
    e.target.value = '';
    if (file) void importFile(file);
  }

  const acceptsDrop = (e: DragEvent) =>
    Array.from(e.dataTransfer?.types ?? []).some((t) => t === 'Files' || t === 'text/plain');

  function onDragOver(e: DragEvent<HTMLDialogElement>) {
    if (!acceptsDrop(e)) return;
    e.preventDefault(); // without this the browser opens the dropped file instead
    e.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  }

  function onDragLeave(e: DragEvent<HTMLDialogElement>) {
    // Leaving for a child of the dialog is not leaving the dialog.
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
  }

  function onDrop(e: DragEvent<HTMLDialogElement>) {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer?.files?.[0];
    if (file) {
      void importFile(file);
      return;
    }
    const dropped = e.dataTransfer?.getData('text/plain') ?? '';
    if (dropped) {
      setText(dropped);
      importText(dropped);
    }
  }

  const titles = (list: readonly Dashboard[]) =>
    list.map((d) => t('transfer.quoted', { title: d.title })).join(', ');

  return (
    <Modal
      open={open}
      title={t('transfer.title')}
      onClose={onClose}
      className={`transfer${dragging ? ' transfer--dragging' : ''}`}
      dialogProps={{ onDragOver, onDragLeave, onDrop }}
      footer={
        <button type="button" className="button" onClick={onClose}>
          {t('common:close')}
        </button>
      }
    >
      <section className="transfer__section" aria-labelledby={`${ids}-export`}>
        <h3 id={`${ids}-export`}>{t('transfer.export.heading')}</h3>
        <p className="transfer__hint">{t('transfer.export.hint')}</p>
        <div className="transfer__buttons">
          <button
            type="button"
            className="button"
            disabled={!current}
            onClick={() => current && onExport([current.id])}
          >
            {t('transfer.export.current')}
          </button>
          <button
            type="button"
            className="button"
            disabled={dashboards.length === 0}
            onClick={() => onExport(dashboards.map((d) => d.id))}
          >
            {t('transfer.export.all')}
          </button>
        </div>
      </section>

      <section className="transfer__section" aria-labelledby={`${ids}-import`}>
        <h3 id={`${ids}-import`}>{t('transfer.import.heading')}</h3>
        <p className="transfer__hint">{t('transfer.import.hint')}</p>
        <div className="field">
          <label htmlFor={`${ids}-file`}>{t('transfer.import.file')}</label>
          <input
            id={`${ids}-file`}
            type="file"
            accept=".json,application/json,text/plain"
            onChange={onFileChosen}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-text`}>{t('transfer.import.paste')}</label>
          <textarea
            id={`${ids}-text`}
            className="transfer__text"
            value={text}
            rows={5}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="transfer__buttons">
          <button type="button" className="button" onClick={() => importText(text)}>
            {t('transfer.import.pasted')}
          </button>
        </div>

        {stage.kind === 'failed' && (
          <div className="transfer__errors" role="alert">
            <p>{t('transfer.failed')}</p>
            <ul>
              {stage.errors.map((e, i) => (
                <li key={i}>
                  {t('transfer.errorLine', { path: e.path, message: importErrorMessage(e) })}
                </li>
              ))}
            </ul>
          </div>
        )}

        {stage.kind === 'confirm' && (
          <div className="transfer__confirm" role="group" aria-labelledby={`${ids}-question`}>
            <p id={`${ids}-question`}>
              {t('transfer.conflict', {
                count: stage.conflicts.length,
                titles: titles(stage.conflicts),
              })}
              {stage.incoming.length > stage.conflicts.length &&
                ` ${t('transfer.others', { count: stage.incoming.length - stage.conflicts.length })}`}
            </p>
            <div className="dialog__actions">
              <button type="button" className="button" onClick={() => setStage(IDLE)}>
                {t('transfer.cancel')}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => finish(stage.incoming, 'keep-both', stage.report)}
              >
                {t('transfer.keepBoth')}
              </button>
              <button
                type="button"
                className="button button--primary"
                onClick={() => finish(stage.incoming, 'replace', stage.report)}
              >
                {t('transfer.replace')}
              </button>
            </div>
          </div>
        )}

        {stage.kind === 'done' && (
          <div className="transfer__done" role="status">
            <p>{t('transfer.imported', { titles: titles(stage.imported) })}</p>
          </div>
        )}
        {stage.kind === 'done' && stage.report && stage.imported[0] && (
          <ImportReportView
            report={stage.report}
            title={stage.imported[0].title}
            href={hrefOf(stage.imported[0].id)}
            onOpen={onClose}
            onDownload={() =>
              onDownload(
                `tafel-import-${stage.imported[0]!.id}.txt`,
                reportText(stage.report!, stage.imported[0]!.title),
              )
            }
            {...(onUseBroker ? { onUseBroker } : {})}
          />
        )}
      </section>
    </Modal>
  );
}
