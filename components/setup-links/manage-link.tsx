"use client";

import { useQueryClient } from "@tanstack/react-query";
import { ShieldX } from "lucide-react";
import { useActionState, useState, type ReactNode } from "react";
import { revokeSetupLinkAction, type SetupLinkFormState } from "@/app/dashboard/organizations/[id]/setup-link/actions";
import type { FeatureOption } from "@/components/portal/features";
import { useToast } from "@/components/providers/toast-provider";
import { useTRPC, type RouterOutputs } from "@/components/providers/trpc-provider";
import { IntentStatusBadge } from "@/components/portal/intent-card";
import { Button } from "@/components/ui/button";
import { DialogActions } from "@/components/ui/dialog";
import { Alert, Spinner } from "@/components/ui/feedback";
import { Time } from "@/components/ui/time";

type SetupLink = NonNullable<RouterOutputs["setupLinks"]["get"]>;

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="py-2.5 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{term}</dt>
      <dd className="mt-1 text-sm text-slate-900 sm:col-span-2 sm:mt-0">{children}</dd>
    </div>
  );
}

function daysLeft(expiresAt: string): string {
  const days = Math.ceil((new Date(expiresAt).getTime() - Date.now()) / 86_400_000);
  return days <= 1 ? "less than a day left" : `${days} days left`;
}

/** What the active setup link is for, who has it and how long it lasts. */
export function LinkDetails({ link, features }: { link: SetupLink; features: FeatureOption[] }) {
  const label = (intent: string) => features.find((f) => f.intent === intent)?.label ?? intent;
  return (
    <>
      <dl className="divide-y divide-slate-200 border-y border-slate-200">
        <Row term="Features">
          <ul aria-label="Features and their progress" className="space-y-2">
            {link.progress.map(({ intent, status, changedAt }) => (
              <li key={intent} className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <span className="font-medium">{label(intent)}</span>
                <IntentStatusBadge status={status} />
                {changedAt ? (
                  <span className="text-xs text-slate-600">
                    since <Time value={String(changedAt)} withTime />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </Row>
        <Row term="Sent to">{link.sentTo ?? <span className="text-slate-600">Not emailed; the link was copied</span>}</Row>
        <Row term="Created">
          <Time value={String(link.createdAt)} withTime />
        </Row>
        <Row term="Expires">
          <Time value={String(link.expiresAt)} withTime /> <span className="text-slate-600">({daysLeft(String(link.expiresAt))})</span>
        </Row>
      </dl>
      <p className="mt-3 text-sm text-slate-600">
        Only one setup link can be active. To send a new one, revoke this one first. It is also turned off by itself once every feature is set up.
      </p>
    </>
  );
}

/** The active setup link and "Revoke" with a confirmation, a form posting to the setup-link server action. */
export function ManageLink({
  link,
  organizationId,
  features,
  canEdit,
  onDone,
}: {
  link: SetupLink;
  organizationId: string;
  features: FeatureOption[];
  canEdit: boolean;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [state, revoke, revoking] = useActionState(
    async (previous: SetupLinkFormState, form: FormData) => {
      const next = await revokeSetupLinkAction(previous, form);
      if (next.status === "revoked") {
        toast("Setup link revoked");
        onDone();
        await queryClient.invalidateQueries({ queryKey: trpc.setupLinks.get.queryKey({ organizationId }) });
      }
      return next;
    },
    { status: "idle" } satisfies SetupLinkFormState as SetupLinkFormState,
  );

  return (
    <div>
      <LinkDetails link={link} features={features} />
      {!canEdit ? (
        <p className="mt-4 text-sm text-slate-600">Viewers cannot revoke setup links. Ask an admin or owner.</p>
      ) : confirming ? (
        <form
          action={revoke}
          role="alertdialog"
          aria-labelledby="revoke-title"
          aria-describedby="revoke-description"
          className="mt-5 rounded-lg border border-red-200 bg-red-50 p-4"
        >
          <h3 id="revoke-title" className="flex items-center gap-2 text-sm font-semibold text-red-900">
            <ShieldX aria-hidden className="size-4" /> Revoke this setup link?
          </h3>
          <p id="revoke-description" className="mt-1 text-sm text-red-900">
            The link stops working at once, and anyone using it is signed out at their next step. Settings they already saved stay.
          </p>
          <input type="hidden" name="organizationId" value={organizationId} />
          {state.status === "problem" ? (
            <div className="mt-3">
              <Alert>{state.message}</Alert>
            </div>
          ) : null}
          <div className="mt-4 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" autoFocus onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={revoking}>
              {revoking ? <Spinner /> : null} Revoke link
            </Button>
          </div>
        </form>
      ) : (
        <DialogActions>
          <Button variant="secondary" onClick={onDone}>
            Close
          </Button>
          <Button variant="danger" onClick={() => setConfirming(true)}>
            Revoke
          </Button>
        </DialogActions>
      )}
    </div>
  );
}
