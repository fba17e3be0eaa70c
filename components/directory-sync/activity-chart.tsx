const weekday = new Intl.DateTimeFormat("en-US", { weekday: "short", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat("en-US", { weekday: "long", month: "short", day: "numeric", timeZone: "UTC" });

const dayOf = (day: string) => new Date(`${day}T00:00:00Z`);

/** Provisioning changes per day over the last week, as bars; a table carries the same numbers for screen readers. */
export function ActivityChart({ activity }: { activity: { day: string; count: number }[] }) {
  const max = Math.max(1, ...activity.map((a) => a.count));
  const total = activity.reduce((sum, a) => sum + a.count, 0);
  return (
    <figure>
      <div className="flex h-32 items-end gap-2 border-b border-slate-200" aria-hidden>
        {activity.map((a) => (
          <div key={a.day} className="flex h-full flex-1 flex-col items-center justify-end gap-1" title={`${longDay.format(dayOf(a.day))}: ${a.count}`}>
            <span className="text-xs tabular-nums text-slate-600">{a.count > 0 ? a.count : ""}</span>
            <div className="w-full max-w-10 rounded-t bg-brand-600" style={{ height: `${(a.count / max) * 80}%`, minHeight: a.count > 0 ? 3 : 0 }} />
          </div>
        ))}
      </div>
      <div className="mt-1.5 flex gap-2" aria-hidden>
        {activity.map((a) => (
          <span key={a.day} className="flex-1 text-center text-xs text-slate-600">
            {weekday.format(dayOf(a.day))}
          </span>
        ))}
      </div>
      <table className="sr-only">
        <caption>Provisioning changes per day</caption>
        <tbody>
          {activity.map((a) => (
            <tr key={a.day}>
              <th scope="row">{longDay.format(dayOf(a.day))}</th>
              <td>{a.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <figcaption className="mt-3 text-xs text-slate-600">
        {total === 0 ? "No changes in the last 7 days." : `${total} ${total === 1 ? "change" : "changes"} (creates, updates, deletes) in the last 7 days.`}
      </figcaption>
    </figure>
  );
}
