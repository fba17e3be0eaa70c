"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { CheckCircle2, FileClock } from "lucide-react";
import { useState } from "react";
import { serverProblem } from "@/components/forms/server-errors";
import { type RouterOutputs, useTRPC } from "@/components/providers/trpc-provider";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { Alert, EmptyState, Skeleton, Spinner } from "@/components/ui/feedback";
import { AddCertificateCard } from "./add-certificate";
import { CertificateList } from "./certificate-list";
import { genericRenewalSteps, renewalSteps } from "./steps";

export type RenewalState = RouterOutputs["portal"]["certificateRenewal"]["get"];
export type RenewalConnection = RenewalState["connections"][number];

/** The IT admin's certificate renewal: the new certificate beside the old, a Test sign-in, then the old one retired. */
export function CertificateRenewal({ successUrl, testId }: { successUrl: string | null; testId: string | null }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.portal.certificateRenewal.get.queryOptions());
  const [done, setDone] = useState(false);
  if (query.isPending) return <Skeleton className="h-64 w-full" />;
  if (query.isError) return <Alert title="Could not load certificate renewal">{query.error.message}</Alert>;
  const { connections, providers } = query.data;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Certificate renewal"
        description="Add your identity provider's new signing certificate, check a sign-in with it, then retire the old one. Both are accepted until you do."
      />
      {done ? (
        <Alert tone="brand" title="Renewal complete">
          <p>The old certificate is retired: sign-ins now verify with the new one.</p>
          {successUrl ? (
            <a href={successUrl} className={`${buttonClass("primary")} mt-3`}>
              <CheckCircle2 className="size-4" aria-hidden /> Finish
            </a>
          ) : null}
        </Alert>
      ) : null}
      {testId ? <TestResult id={testId} /> : null}
      {connections.length === 0 ? (
        <Card>
          <EmptyState icon={FileClock} title="No SAML connection to renew">
            Your organization has no SAML connection yet. Set up Single Sign-On first.
          </EmptyState>
        </Card>
      ) : (
        connections.map((connection) => (
          <ConnectionRenewal
            key={connection.id}
            connection={connection}
            providerLabel={providers.find((p) => p.key === connection.provider)?.label ?? "your identity provider"}
            onRetired={() => setDone(true)}
          />
        ))
      )}
    </div>
  );
}

function ConnectionRenewal({ connection, providerLabel, onRetired }: { connection: RenewalConnection; providerLabel: string; onRetired: () => void }) {
  const steps = renewalSteps[connection.provider] ?? genericRenewalSteps;
  return (
    <section aria-labelledby={`renew-${connection.id}`} className="space-y-6">
      <h2 id={`renew-${connection.id}`} className="text-lg font-semibold text-slate-900">
        {connection.name}
      </h2>
      <CertificateList connection={connection} onRetired={onRetired} />
      <Card>
        <CardHeader id={`steps-${connection.id}`} title={`1. Create the new certificate in ${providerLabel}`} />
        <ol className="list-decimal space-y-2 py-4 pr-5 pl-10 text-sm text-slate-700">
          {steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      </Card>
      <AddCertificateCard connection={connection} />
      <TestCard connection={connection} />
    </section>
  );
}

function TestCard({ connection }: { connection: RenewalConnection }) {
  const trpc = useTRPC();
  const test = useMutation(trpc.portal.certificateRenewal.testSignIn.mutationOptions());
  const [error, setError] = useState<string>();
  const start = async () => {
    setError(undefined);
    try {
      const { sessionId } = await test.mutateAsync({ connectionId: connection.id });
      // Through Portico's own page, which sends the IdP the signed request with the binding it takes.
      window.location.href = `/sso/saml/${connection.id}/begin/${sessionId}`;
    } catch (e) {
      setError(serverProblem(e).message);
    }
  };
  return (
    <Card>
      <CardHeader
        id={`test-${connection.id}`}
        title="3. Test sign-in"
        description="Sign in once through your IdP, signing with the new certificate: you come back here with which certificate verified the response."
        action={
          <Button onClick={start} disabled={test.isPending}>
            {test.isPending ? <Spinner /> : null} Test sign-in
          </Button>
        }
      />
      <div className="px-5 py-4 text-sm text-slate-600">
        {error ? <Alert>{error}</Alert> : "Then retire the old certificate above (step 4): it stays accepted until you do."}
      </div>
    </Card>
  );
}

function TestResult({ id }: { id: string }) {
  const trpc = useTRPC();
  const result = useQuery(trpc.portal.certificateRenewal.testResult.queryOptions({ id }));
  const renewal = useQuery(trpc.portal.certificateRenewal.get.queryOptions());
  if (result.isPending) return <Skeleton className="h-16 w-full" />;
  if (result.isError) return <Alert title="Test sign-in not found">{result.error.message}</Alert>;
  const test = result.data;
  if (test.state !== "successful")
    return (
      <Alert title={test.state === "started" ? "Test sign-in not finished" : `Test sign-in failed: ${test.errorCode ?? "no answer"}`}>
        {test.errorExplanation ?? "The IdP has not answered yet."}
      </Alert>
    );
  const certificates = renewal.data?.connections.find((c) => c.id === test.connectionId)?.certificates ?? [];
  const verified = certificates.filter((c) => test.verifiedBy.includes(c.fingerprint));
  return (
    <Alert tone="brand" title="Test sign-in succeeded">
      <p>
        Signed in as {test.userEmail}. The response verified with{" "}
        {verified.length ? verified.map((c) => c.subject).join(" and ") : "a certificate that is no longer configured"}{" "}
        {verified.length ? <Badge tone="green">verified</Badge> : null}
      </p>
    </Alert>
  );
}
