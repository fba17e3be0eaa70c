"use client";

import { useQuery } from "@tanstack/react-query";
import { Link2, UserPlus } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import type { FeatureOption } from "@/components/portal/features";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button, buttonClass } from "@/components/ui/button";
import { Modal } from "@/components/ui/dialog";
import { InviteFlow } from "./invite-flow";
import { ManageLink } from "./manage-link";

/** What the setup-link controls need: the organization, the features a link may offer, and whether this member may change links. */
export interface SetupLinkControlsProps {
  organizationId: string;
  organizationName: string;
  features: FeatureOption[];
  canEdit: boolean;
}

/**
 * "Invite admin" while the organization has no active setup link; "Manage setup link" while it has one.
 * Until the page's JavaScript runs it is a link to the setup-link page, whose forms work without it.
 */
export function InviteAdmin({ organizationId, organizationName, features, canEdit }: SetupLinkControlsProps) {
  const trpc = useTRPC();
  const query = useQuery(trpc.setupLinks.get.queryOptions({ organizationId }));
  const [open, setOpen] = useState(false);
  // Remounting the flow on each opening starts it from the first step with nothing filled in.
  const [session, setSession] = useState(0);
  // Fixed when the dialog opens: creating a link must not swap the "sent" step for the manage view.
  const [mode, setMode] = useState<"invite" | "manage">("invite");
  const close = () => setOpen(false);

  if (query.isPending) {
    return (
      <Link href={`/dashboard/organizations/${organizationId}/setup-link`} className={buttonClass("secondary")}>
        <Link2 aria-hidden className="size-4" /> Setup link
      </Link>
    );
  }
  const link = query.data ?? null;
  if (!link && !canEdit) return null;

  return (
    <>
      <Button
        variant={link ? "secondary" : "primary"}
        onClick={() => {
          setSession((n) => n + 1);
          setMode(link ? "manage" : "invite");
          setOpen(true);
        }}
      >
        {link ? (
          <>
            <Link2 aria-hidden className="size-4 text-emerald-600" /> Manage setup link
          </>
        ) : (
          <>
            <UserPlus aria-hidden className="size-4" /> Invite admin
          </>
        )}
      </Button>
      <Modal
        open={open}
        onOpenChange={setOpen}
        title={mode === "manage" ? "Setup link" : `Invite an IT admin of ${organizationName}`}
        description={
          mode === "manage"
            ? `The active Admin Portal link for ${organizationName}.`
            : "They get a link to the Admin Portal to set up the features you choose. No account needed."
        }
      >
        {mode === "manage" ? (
          link ? (
            <ManageLink key={session} link={link} organizationId={organizationId} features={features} canEdit={canEdit} onDone={close} />
          ) : (
            <p className="text-sm text-slate-600">This setup link is no longer active.</p>
          )
        ) : (
          <InviteFlow key={session} organizationId={organizationId} organizationName={organizationName} features={features} onDone={close} />
        )}
      </Modal>
    </>
  );
}
