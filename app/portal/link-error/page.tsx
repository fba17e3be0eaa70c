import type { Metadata } from "next";
import { isLinkProblem, LinkProblemPage } from "@/components/portal/link-problem";

export const metadata: Metadata = { title: "Admin Portal link" };

export default async function LinkErrorPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  return <LinkProblemPage reason={isLinkProblem(reason) ? reason : "unknown"} />;
}
