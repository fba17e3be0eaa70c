"use client";

import { useQuery } from "@tanstack/react-query";
import { MailPlus } from "lucide-react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert, EmptyState, Skeleton } from "@/components/ui/feedback";
import { Table, Td, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { InviteStaff } from "./invite-staff";
import { ConfirmRemoval, RoleSelect } from "./member-actions";

const roleTone = { owner: "brand", admin: "green", viewer: "slate" } as const;

function SkeletonRows({ columns }: { columns: number }) {
  return Array.from({ length: 2 }, (_, i) => (
    <tr key={i}>
      {Array.from({ length: columns }, (_, j) => (
        <Td key={j}>
          <Skeleton className="h-4 w-24" />
        </Td>
      ))}
    </tr>
  ));
}

export function StaffPanel({ isOwner, currentStaffId }: { isOwner: boolean; currentStaffId: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.staff.list.queryOptions());
  const members = query.data?.members ?? [];
  const invitations = query.data?.invitations ?? [];
  const columns = isOwner ? 5 : 4;

  return (
    <div className="space-y-6">
      {isOwner ? null : (
        <Alert tone="brand" title="Read-only access">
          Only owners can invite staff, change roles or remove members.
        </Alert>
      )}
      {query.isError ? <Alert title="Could not load staff">{query.error.message}</Alert> : null}
      <Card>
        <CardHeader title="Members" description="People who can sign in to this dashboard." action={isOwner ? <InviteStaff /> : null} />
        <Table aria-label="Staff members">
          <thead>
            <tr>
              <Th>Email</Th>
              <Th>Name</Th>
              <Th>Role</Th>
              <Th>Last sign-in</Th>
              {isOwner ? (
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {query.isPending ? <SkeletonRows columns={columns} /> : null}
            {members.map((member) => {
              const self = member.id === currentStaffId;
              return (
                <tr key={member.id}>
                  <Td className="font-medium text-slate-900">
                    {member.email}
                    {self ? <span className="ml-2 text-xs font-normal text-slate-600">(you)</span> : null}
                  </Td>
                  <Td>{member.name || <span className="text-slate-500">—</span>}</Td>
                  <Td>
                    {isOwner && !self ? (
                      <RoleSelect id={member.id} email={member.email} role={member.role} />
                    ) : (
                      <Badge tone={roleTone[member.role]}>{member.role}</Badge>
                    )}
                  </Td>
                  <Td>
                    <Time value={member.lastSignInAt} withTime fallback="Never" />
                  </Td>
                  {isOwner ? <Td className="text-right">{self ? null : <ConfirmRemoval kind="member" id={member.id} label={member.email} />}</Td> : null}
                </tr>
              );
            })}
          </tbody>
        </Table>
      </Card>
      <Card>
        <CardHeader title="Pending invitations" description="Links that have not been used yet. Each works once." />
        {query.data && invitations.length === 0 ? (
          <EmptyState icon={MailPlus} title="No pending invitations">
            {isOwner ? "Invite a colleague to give them their own sign-in." : "Nobody is waiting to join."}
          </EmptyState>
        ) : (
          <Table aria-label="Pending invitations">
            <thead>
              <tr>
                <Th>Email</Th>
                <Th>Role</Th>
                <Th>Sent</Th>
                <Th>Expires</Th>
                {isOwner ? (
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {query.isPending ? <SkeletonRows columns={columns} /> : null}
              {invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <Td className="font-medium text-slate-900">
                    {invitation.email ?? <span className="font-normal text-slate-600">Owner setup link (any email)</span>}
                  </Td>
                  <Td>
                    <Badge tone={roleTone[invitation.role]}>{invitation.role}</Badge>
                  </Td>
                  <Td>
                    <Time value={invitation.createdAt} />
                  </Td>
                  <Td>
                    <Time value={invitation.expiresAt} withTime />
                  </Td>
                  {isOwner ? (
                    <Td className="text-right">
                      <ConfirmRemoval kind="invitation" id={invitation.id} label={invitation.email ?? "the setup link holder"} />
                    </Td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
