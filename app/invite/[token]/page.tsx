import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";
import { AuthShell } from "@/components/auth/auth-shell";
import { buttonClass } from "@/components/ui/button";
import { openContext } from "@/server/services/context";
import { inspectInvitation, type InvitationStatus } from "@/server/services/staff";

export const metadata: Metadata = { title: "Accept invitation", robots: { index: false } };

const unusable: Record<Exclude<InvitationStatus["status"], "valid">, { title: string; reason: string }> = {
  expired: { title: "This invitation has expired", reason: "Invitation links work for a limited time, and this one has run out." },
  used: { title: "This invitation was already used", reason: "Each link creates one account. If it was yours, sign in instead." },
  revoked: { title: "This invitation was revoked", reason: "An owner withdrew this link, so it no longer works." },
  unknown: { title: "This invitation link is not valid", reason: "We could not find this link. It may have been copied incompletely." },
};

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await inspectInvitation(await openContext({ type: "public", entry: "invitation" }), token);

  if (invitation.status !== "valid") {
    const { title, reason } = unusable[invitation.status];
    return (
      <AuthShell title={title} description={reason}>
        <p className="text-sm text-slate-700">Ask an owner of this Portico installation for a new invitation link.</p>
        <Link href="/sign-in" className={buttonClass("secondary", "md", "mt-6 w-full")}>
          Go to sign in
        </Link>
      </AuthShell>
    );
  }

  const firstRun = invitation.role === "owner" && !invitation.email;
  return (
    <AuthShell
      title={firstRun ? "Set up Portico" : "Join Portico"}
      description={
        firstRun ? (
          "Create the first owner account for this installation. Owners manage staff, API keys and organizations."
        ) : (
          <>
            You were invited as <strong className="font-medium text-slate-800">{invitation.role}</strong>
            {invitation.email ? (
              <>
                {" "}
                with <strong className="font-medium text-slate-800">{invitation.email}</strong>
              </>
            ) : null}
            . Choose a password to finish.
          </>
        )
      }
    >
      <AcceptInvitationForm token={token} needsEmail={!invitation.email} submitLabel={firstRun ? "Create owner account" : "Create account"} />
    </AuthShell>
  );
}
