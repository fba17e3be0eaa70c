"use client";

import { Download } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton, CopyField } from "@/components/ui/copy-button";
import type { Connection, SsoState } from "./sso-setup";

const EMAIL_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

/** The provider's own steps, with every value to paste into it, each copyable. */
export function Walkthrough({ connection, provider }: { connection: Connection; provider: SsoState["providers"][number] }) {
  const statements: [string, string][] = [
    ["Email", provider.mapping.email],
    ["First name", provider.mapping.firstName],
    ["Last name", provider.mapping.lastName],
    ["Groups", provider.mapping.groups],
  ];
  return (
    <Card>
      <CardHeader
        id="walkthrough"
        title={`1. Create the app in ${provider.label}`}
        description="Follow these steps in your IdP's admin console."
        action={
          <a href={connection.sp.metadataUrl} download={`portico-sp-${connection.id}.xml`} className={buttonClass("secondary")}>
            <Download aria-hidden className="size-4" /> SP metadata XML
          </a>
        }
      />
      <div className="space-y-5 px-5 py-4">
        <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-700">
          {provider.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <div className="space-y-3">
          <div>
            <p className="mb-1.5 text-sm font-medium text-slate-800">{provider.labels.acs}</p>
            <CopyField id="sp-acs-url" label="ACS URL" value={connection.sp.acsUrl} />
          </div>
          <div>
            <p className="mb-1.5 text-sm font-medium text-slate-800">{provider.labels.entityId}</p>
            <CopyField id="sp-entity-id" label="SP entity ID" value={connection.sp.entityId} />
          </div>
          <div>
            <p className="mb-1.5 text-sm font-medium text-slate-800">Name ID format</p>
            <CopyField id="sp-name-id-format" label="Name ID format" value={EMAIL_FORMAT} />
          </div>
        </div>
        <div>
          <p className="mb-1.5 text-sm font-medium text-slate-800">Attribute statements</p>
          <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
            {statements.map(([label, name]) => (
              <li key={label} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
                <span className="text-slate-600">{label}</span>
                <span className="flex min-w-0 items-center gap-2">
                  <code className="truncate font-mono text-slate-800">{name}</code>
                  <CopyButton value={name} label={`Copy the ${label.toLowerCase()} attribute name`} />
                </span>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </Card>
  );
}
