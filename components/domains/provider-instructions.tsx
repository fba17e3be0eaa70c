"use client";

import { Tabs } from "radix-ui";
import type { ReactNode } from "react";

interface Provider {
  id: string;
  name: string;
  steps: (r: { name: string; value: string; domain: string }) => ReactNode[];
}

const Code = ({ children }: { children: ReactNode }) => (
  <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.8125rem] break-all text-slate-900">{children}</code>
);

const providers: Provider[] = [
  {
    id: "cloudflare",
    name: "Cloudflare",
    steps: ({ name, value, domain }) => [
      <>
        Open the <strong>{domain}</strong> site, then <strong>DNS → Records</strong>, and choose <strong>Add record</strong>.
      </>,
      <>
        Type <Code>TXT</Code>, Name <Code>{name}</Code>, Content <Code>{value}</Code>, TTL <strong>Auto</strong>.
      </>,
      <>
        Choose <strong>Save</strong>. Cloudflare usually publishes it within a minute.
      </>,
    ],
  },
  {
    id: "route53",
    name: "Route 53",
    steps: ({ name, value, domain }) => [
      <>
        In the AWS console open <strong>Route 53 → Hosted zones</strong>, pick <strong>{domain}</strong> (or its parent zone) and choose{" "}
        <strong>Create record</strong>.
      </>,
      <>
        Record name <Code>{name}</Code>, Record type <strong>TXT</strong>, Value <Code>&quot;{value}&quot;</Code>. Route 53 needs the double quotes.
      </>,
      <>
        Choose <strong>Create records</strong>. The change is live when its status reads INSYNC.
      </>,
    ],
  },
  {
    id: "godaddy",
    name: "GoDaddy",
    steps: ({ name, value, domain }) => [
      <>
        Go to <strong>My Products</strong>, find <strong>{domain}</strong> and choose <strong>DNS</strong>, then <strong>Add New Record</strong>.
      </>,
      <>
        Type <strong>TXT</strong>, Name <Code>{name}</Code>, Value <Code>{value}</Code>, TTL <strong>1/2 Hour</strong>.
      </>,
      <>
        Choose <strong>Save</strong>. GoDaddy can take up to an hour to publish it.
      </>,
    ],
  },
  {
    id: "gcloud",
    name: "Google Cloud DNS",
    steps: ({ name, value, domain }) => [
      <>
        In the Google Cloud console open <strong>Network services → Cloud DNS</strong>, pick the zone for <strong>{domain}</strong> and choose{" "}
        <strong>Add standard</strong>.
      </>,
      <>
        DNS name <Code>{name}</Code>, Resource record type <strong>TXT</strong>, TXT data <Code>{value}</Code>.
      </>,
      <>
        Choose <strong>Create</strong>.
      </>,
    ],
  },
  {
    id: "azure",
    name: "Azure DNS",
    steps: ({ name, value, domain }) => [
      <>
        In the Azure portal open <strong>DNS zones</strong>, pick <strong>{domain}</strong> (or its parent zone) and choose <strong>+ Record set</strong>.
      </>,
      <>
        Name <Code>{name}</Code>, Type <strong>TXT</strong>, TTL <strong>1 hour</strong>, Value <Code>{value}</Code>.
      </>,
      <>
        Choose <strong>OK</strong>.
      </>,
    ],
  },
  {
    id: "other",
    name: "Other",
    steps: ({ name, value, domain }) => [
      <>
        Sign in where the DNS of <strong>{domain}</strong> is managed (often the registrar) and add a new record.
      </>,
      <>
        Type <strong>TXT</strong>, host or name <Code>{name}</Code>, value <Code>{value}</Code>. Some providers want the full host name,{" "}
        <Code>{`${name}.${domain}`}</Code>.
      </>,
      <>
        Save it, then come back and choose <strong>Verify now</strong>.
      </>,
    ],
  },
];

/**
 * Where to click at common DNS providers. Most ask for the name relative to the zone, so that is
 * what the steps show; a subdomain in a parent zone needs the part in between too.
 */
export function ProviderInstructions({ prefix, domain, value }: { prefix: string; domain: string; value: string }) {
  return (
    <Tabs.Root defaultValue="cloudflare" className="rounded-lg border border-slate-200">
      <Tabs.List aria-label={`DNS providers for ${domain}`} className="flex overflow-x-auto border-b border-slate-200 bg-slate-50 px-1">
        {providers.map((p) => (
          <Tabs.Trigger
            key={p.id}
            value={p.id}
            className="shrink-0 border-b-2 border-transparent px-3 py-2 text-sm font-medium whitespace-nowrap text-slate-600 hover:text-slate-900 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600 data-[state=active]:border-brand-600 data-[state=active]:text-slate-900"
          >
            {p.name}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      {providers.map((p) => (
        <Tabs.Content key={p.id} value={p.id} className="px-4 py-3 focus-visible:outline-2 focus-visible:outline-brand-600">
          <ol className="list-decimal space-y-1.5 pl-5 text-sm text-slate-700">
            {p.steps({ name: prefix, value, domain }).map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ol>
        </Tabs.Content>
      ))}
    </Tabs.Root>
  );
}
