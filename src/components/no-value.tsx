/**
 * "—" for a widget that has no value: nothing arrived yet, or what arrived says "no value"
 * (an empty payload clearing a retained message, JSON null). Never mistaken for a real 0.
 */
export function NoValue({ reason }: { reason?: string | undefined }) {
  const text = reason ? `No value (${reason})` : 'No value yet';
  return (
    <span className="no-value" title={text}>
      <span aria-hidden="true">—</span>
      <span className="sr-only">{text}</span>
    </span>
  );
}
