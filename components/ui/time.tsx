const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat("en-US", { dateStyle: "medium" });

/**
 * A timestamp in the reader's time zone. The server renders it in its own zone first, so the
 * hydration mismatch on the text is expected and silenced.
 */
export function Time({ value, withTime = false, fallback = "—" }: { value: string | Date | null; withTime?: boolean; fallback?: string }) {
  if (!value) return <span className="text-slate-500">{fallback}</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()} suppressHydrationWarning>
      {(withTime ? dateTime : dateOnly).format(date)}
    </time>
  );
}
