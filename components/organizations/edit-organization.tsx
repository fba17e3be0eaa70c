"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC, type RouterOutputs } from "@/components/providers/trpc-provider";
import { useToast } from "@/components/providers/toast-provider";
import { OrganizationForm } from "./organization-form";
import { formValuesOf } from "./organization-form-schema";

export function EditOrganization({ organization }: { organization: RouterOutputs["organizations"]["get"] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const update = useMutation(trpc.organizations.update.mutationOptions());
  const detailHref = `/dashboard/organizations/${organization.id}`;
  return (
    <OrganizationForm
      defaultValues={formValuesOf(organization)}
      submitLabel="Save changes"
      cancelHref={detailHref}
      onSubmit={async (data) => {
        const saved = await update.mutateAsync({ id: organization.id, data });
        queryClient.setQueryData(trpc.organizations.get.queryKey({ id: saved.id }), saved);
        await queryClient.invalidateQueries({ queryKey: trpc.organizations.list.pathKey() });
        toast("Changes saved");
        router.push(detailHref);
      }}
    />
  );
}
