"use client";

import { useQuery } from "@tanstack/react-query";
import { Inbox, Mail } from "lucide-react";
import { useState } from "react";
import { useTRPC, type RouterOutputs } from "@/components/providers/trpc-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Modal } from "@/components/ui/dialog";
import { Alert, EmptyState, Skeleton } from "@/components/ui/feedback";
import { Table, Td, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { MessageText } from "./message-text";

type Message = RouterOutputs["settings"]["outbox"]["messages"][number];

function Status({ message }: { message: Message }) {
  if (message.error) return <Badge tone="red">Failed</Badge>;
  if (message.transport === "outbox") return <Badge tone="amber">Kept here</Badge>;
  return <Badge tone="green">Sent</Badge>;
}

export function Outbox() {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.settings.outbox.queryOptions(), refetchInterval: 10_000 });
  const [open, setOpen] = useState<Message | null>(null);
  const messages = query.data?.messages ?? [];

  return (
    <div className="space-y-6">
      {query.data ? (
        query.data.smtpConfigured ? (
          <Alert tone="brand" title="Email is sent through SMTP">
            Messages go to their recipients. This list keeps a copy of the 50 most recent so you can see what was sent, without the links they carried.
          </Alert>
        ) : (
          <Alert tone="amber" title="No SMTP server is configured">
            Set <code className="font-mono text-xs">SMTP_URL</code> to send email. Until then, messages are kept here instead, and you can open their links
            yourself while they are active.
          </Alert>
        )
      ) : null}
      {query.isError ? (
        query.error.data?.code === "FORBIDDEN" ? (
          <Alert title="Only owners and admins can see the Outbox">Its messages lead to your customers&apos; setup links.</Alert>
        ) : (
          <Alert title="Could not load the outbox">{query.error.message}</Alert>
        )
      ) : null}
      <Card>
        <CardHeader title="Messages" description="Newest first." />
        {query.isPending ? (
          <div className="space-y-3 px-5 py-4">
            <Skeleton className="h-5 w-2/3" />
            <Skeleton className="h-5 w-1/2" />
          </div>
        ) : messages.length === 0 ? (
          <EmptyState icon={Inbox} title="No messages yet">
            Setup-link emails appear here when you invite an IT admin.
          </EmptyState>
        ) : (
          <Table aria-label="Messages" stacked>
            <thead>
              <tr>
                <Th>To</Th>
                <Th>Subject</Th>
                <Th>Status</Th>
                <Th>Time</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr key={message.id}>
                  <Td label="To" className="font-medium text-slate-900">
                    {message.to}
                  </Td>
                  {/* Table cells ignore max-width: the subject is cut inside its own box so the table fits its card. */}
                  <Td label="Subject" title={message.subject}>
                    <span className="block max-w-[16rem] truncate lg:max-w-[20rem]">{message.subject}</span>
                  </Td>
                  <Td label="Status">
                    <Status message={message} />
                  </Td>
                  <Td label="Time">
                    <Time value={String(message.createdAt)} withTime />
                  </Td>
                  <Td className="text-right">
                    <Button size="sm" variant="secondary" onClick={() => setOpen(message)}>
                      <Mail aria-hidden className="size-3.5" /> View<span className="sr-only"> message to {message.to}</span>
                    </Button>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      <Modal
        open={open !== null}
        onOpenChange={(next) => !next && setOpen(null)}
        title={open?.subject ?? "Message"}
        description={open ? <>To {open.to}</> : undefined}
      >
        {open ? (
          <div className="space-y-3">
            <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
              <Status message={open} /> <Time value={String(open.createdAt)} withTime />
            </p>
            {open.error ? <Alert title="Delivery failed">{open.error}</Alert> : null}
            <MessageText text={open.text} />
          </div>
        ) : null}
      </Modal>
    </div>
  );
}
