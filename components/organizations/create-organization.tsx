"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/providers/trpc-provider";
import { useToast } from "@/components/providers/toast-provider";
import { OrganizationForm } from "./organization-form";
import { formValuesOf } from "./organization-form-schema";

export function CreateOrganization() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const create = useMutation(trpc.organizations.create.mutationOptions());
  return (
    <OrganizationForm
      defaultValues={formValuesOf()}
      submitLabel="Create organization"
      cancelHref="/dashboard"
      onSubmit={async (input) => {
        const organization = await create.mutateAsync(input);
        await queryClient.invalidateQueries({ queryKey: trpc.organizations.list.pathKey() });
        toast(`Created ${organization.name}`);
        router.push(`/dashboard/organizations/${organization.id}`);
      }}
    />
  );
}
