import { Component, useId, type ReactNode } from 'react';
import { LoadArea, LoadFailed } from '@/components/lazy-retry';
import { useTranslation } from 'react-i18next';
import type { WidgetEnvelope } from '@/dashboard/schema';
import type { Publish } from '@/mqtt/connection';
import { useLiveEntry } from '@/stores/live-store';
import { Freshness } from './freshness';
import { configuredTopics } from './kit/topics';
import { parseWidget } from './registry';
import type { WidgetDefinition } from './types';
import { say } from '@/i18n/message';

interface FrameProps {
  widget: WidgetEnvelope;
  publish: Publish;
}

/**
 * One widget's slot: validates its config, selects exactly its own topic from the live store,
 * and contains failures — a broken widget shows an error card, the dashboard stays up.
 */
export function WidgetFrame({ widget, publish }: FrameProps) {
  // A language switch re-renders the frame: names and reasons are said anew.
  const { t } = useTranslation('widgets');
  const parsed = parseWidget(widget);
  if (!parsed.ok) {
    return <ErrorCard title={t('frame.typeTitle', { type: widget.type })} reason={parsed.reason} />;
  }
  return (
    <WidgetErrorBoundary title={say(parsed.definition.name)}>
      <LiveWidget definition={parsed.definition} config={parsed.config} publish={publish} />
    </WidgetErrorBoundary>
  );
}

function LiveWidget({
  definition,
  config,
  publish,
}: {
  definition: WidgetDefinition;
  config: unknown;
  publish: Publish;
}) {
  const { t } = useTranslation(['widgets', 'common']);
  const labelId = useId();
  const topic = definition.stateTopic?.(config);
  const title = definition.title(config);
  const staleAfter = definition.staleAfter?.(config) ?? null;
  // No topic at all (new, or imported from a flow that set it at run time): say what to do,
  // instead of a silent "—" or a control that does nothing.
  const unbound = configuredTopics(config).length === 0;
  // The frame itself does not read the value: only the badge and the view below do, so a
  // message re-renders those two, not the title, its translations and the config's readers.
  return (
    <section className={`widget widget--${definition.type}`} role="group" aria-labelledby={labelId}>
      <div className="widget__head">
        <h3 className="widget__title" id={labelId}>
          {title}
        </h3>
        <LiveFreshness topic={topic} staleAfter={staleAfter} />
      </div>
      {unbound ? (
        <p className="widget__hint">{t('frame.noTopic')}</p>
      ) : (
        <LoadArea
          loading={<div className="widget__loading" aria-busy="true" />}
          failed={<LoadFailed text={t('common:loadFailed')} className="widget__hint" />}
        >
          <LiveView
            View={definition.View}
            config={config}
            topic={topic}
            publish={publish}
            labelId={labelId}
          />
        </LoadArea>
      )}
    </section>
  );
}

function LiveFreshness({ topic, staleAfter }: { topic?: string; staleAfter: number | null }) {
  const value = useLiveEntry(topic);
  if (!value) return null;
  return (
    <Freshness
      receivedSecond={Math.floor(value.receivedAt / 1000)}
      retained={value.retained}
      recorded={value.recorded === true}
      staleAfter={staleAfter}
    />
  );
}

function LiveView({
  View,
  config,
  topic,
  publish,
  labelId,
}: {
  View: WidgetDefinition['View'];
  config: unknown;
  topic?: string;
  publish: Publish;
  labelId: string;
}) {
  const value = useLiveEntry(topic);
  return <View config={config} value={value} publish={publish} labelId={labelId} />;
}

function ErrorCard({ title, reason }: { title: string; reason: string }) {
  const { t } = useTranslation('widgets');
  return (
    <section className="widget widget--error" role="group" aria-label={title}>
      <h3 className="widget__title">{title}</h3>
      <p className="widget__hint widget__hint--error" role="alert">
        {t('frame.cannotShow', { reason })}
      </p>
    </section>
  );
}

class WidgetErrorBoundary extends Component<
  { title: string; children: ReactNode },
  { error: Error | null }
> {
  state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  render() {
    if (this.state.error)
      return <ErrorCard title={this.props.title} reason={this.state.error.message} />;
    return this.props.children;
  }
}
