/** A short random id for dashboards, pages, groups and widgets (URL-safe, 10 chars). */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return (
    Array.from(bytes, (b) => (b % 36).toString(36)).join('') + Date.now().toString(36).slice(-2)
  );
}
