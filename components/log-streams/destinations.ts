import type { LogStreamKind } from "@/db/schema";

interface Destination {
  kind: LogStreamKind;
  label: string;
  summary: string;
  /** The walk-through shown beside the fields, in the destination's own words. */
  steps: string[];
}

export const destinations: Destination[] = [
  {
    kind: "datadog",
    label: "Datadog",
    summary: "Send events to Datadog Logs.",
    steps: [
      "In Datadog, open Organization Settings → API Keys.",
      "Create a new API key named for this stream and copy it.",
      "Choose the Datadog site your account is on (it is in the address of your Datadog app, e.g. us5.datadoghq.com is US5).",
      "Optionally name the source: events carry it as ddsource, so you can filter on it.",
    ],
  },
  {
    kind: "splunk",
    label: "Splunk",
    summary: "Send events to a Splunk HTTP Event Collector.",
    steps: [
      "In Splunk, open Settings → Data inputs → HTTP Event Collector and make sure it is enabled (Global Settings).",
      "Select New Token, give it a name, choose the index for these events, and finish.",
      "Copy the token value.",
      "Enter your instance URL with the collector port, e.g. https://splunk.example.com:8088.",
    ],
  },
  {
    kind: "s3",
    label: "Amazon S3",
    summary: "Store one JSON file per event in a bucket (S3 or any S3-compatible store).",
    steps: [
      "Create a bucket (or choose one) and note its region.",
      "Either create an access key pair for a user allowed s3:PutObject on the bucket,",
      "or create an IAM role allowed s3:PutObject whose trust policy requires the external id shown below, and enter its ARN.",
      "For another S3-compatible store, enter its endpoint URL.",
      "Each event becomes YYYY-MM-DD/<timestamp>_<suffix>.json under the optional prefix.",
    ],
  },
  {
    kind: "https",
    label: "HTTPS endpoint",
    summary: "POST events to any HTTPS endpoint you run.",
    steps: [
      "Set up an HTTPS endpoint that accepts POST requests.",
      "Choose the body format: a JSON array per batch, or one JSON object per line (NDJSON).",
      "Add the headers your endpoint needs to authenticate Portico, e.g. Authorization.",
      "Answer with a 2xx status once the batch is stored; any other answer is retried.",
    ],
  },
];

export const datadogSiteOptions = ["US1", "US3", "US5", "EU1", "US1-FED", "AP1"] as const;

export const kindLabel = (kind: LogStreamKind) => destinations.find((d) => d.kind === kind)?.label ?? kind;
