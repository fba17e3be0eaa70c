import { Clock, Link2Off, ShieldCheck, ShieldX, TimerOff } from "lucide-react";

type LinkProblem = "expired" | "revoked" | "used" | "completed" | "unknown" | "missing" | "rate_limited";

const problems: Record<LinkProblem, { title: string; body: string; icon: typeof Clock }> = {
  expired: { title: "This setup link has expired", body: "Links are only active for a limited time.", icon: TimerOff },
  revoked: { title: "This setup link was revoked", body: "The person who sent it has turned it off.", icon: ShieldX },
  used: { title: "This link has already been used", body: "For security, this kind of link opens only once.", icon: Link2Off },
  completed: { title: "This setup is complete", body: "Everything this link was made for has been set up, so it was turned off.", icon: ShieldCheck },
  unknown: { title: "This link is not valid", body: "It may have been copied incompletely.", icon: Link2Off },
  missing: { title: "Open your setup link to continue", body: "The Admin Portal is reached through the link you were sent.", icon: Link2Off },
  rate_limited: { title: "Too many attempts", body: "Wait a minute and open the link again.", icon: Clock },
};

/**
 * Says which problem the link has, and what to do, without naming the organization: the page is
 * reachable by anyone holding an old or guessed link.
 */
export function LinkProblemPage({ reason }: { reason: LinkProblem }) {
  const problem = problems[reason];
  const Icon = problem.icon;
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-4">
      <section className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm" aria-labelledby="link-problem-title">
        <Icon className="mx-auto size-10 text-slate-500" aria-hidden="true" />
        <h1 id="link-problem-title" className="mt-4 text-xl font-semibold text-slate-900">
          {problem.title}
        </h1>
        <p className="mt-2 text-sm text-slate-600">{problem.body}</p>
        {reason !== "completed" && reason !== "rate_limited" && (
          <p className="mt-4 text-sm text-slate-700">Please ask the person who sent you the link for a new one.</p>
        )}
      </section>
    </main>
  );
}

export function isLinkProblem(value: string | undefined): value is LinkProblem {
  return Boolean(value && value in problems);
}
