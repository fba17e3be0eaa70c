import type { Metadata } from "next";
import { SsoSetup } from "@/components/portal/sso/sso-setup";

export const metadata: Metadata = { title: "Single Sign-On" };

export default function PortalSsoPage() {
  return <SsoSetup />;
}
