import { SearchX } from "lucide-react";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/feedback";

export default function OrganizationNotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <EmptyState
        icon={SearchX}
        title="Organization not found"
        action={
          <Link href="/dashboard" className={buttonClass("secondary")}>
            Back to organizations
          </Link>
        }
      >
        There is no organization with this ID. It may have been deleted, or the link may be incomplete.
      </EmptyState>
    </div>
  );
}
