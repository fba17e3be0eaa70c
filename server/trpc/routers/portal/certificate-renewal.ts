import { z } from "zod";
import { providers } from "@/server/saml/providers";
import {
  addIdpCertificate,
  certificateTestResult,
  refreshMetadataNow,
  renewableConnections,
  retireIdpCertificate,
  startCertificateTest,
} from "@/server/services/sso/certificate-renewal";
import { intentProcedure, router } from "@/server/trpc/init";

const renewalProcedure = intentProcedure("certificate_renewal");
const id = z.string().min(1).max(100);

/** The IT admin's certificate renewal: add the new certificate, prove it with Test sign-in, retire the old one. */
export const portalCertificateRenewalRouter = router({
  get: renewalProcedure.query(async ({ ctx }) => ({ providers: Object.values(providers), connections: await renewableConnections(ctx.service) })),
  addCertificate: renewalProcedure
    .input(z.object({ connectionId: id, certificate: z.string().optional(), metadataXml: z.string().optional() }))
    .mutation(({ ctx, input }) => addIdpCertificate(ctx.service, input)),
  refreshMetadata: renewalProcedure.input(z.object({ connectionId: id })).mutation(({ ctx, input }) => refreshMetadataNow(ctx.service, input.connectionId)),
  testSignIn: renewalProcedure.input(z.object({ connectionId: id })).mutation(({ ctx, input }) => startCertificateTest(ctx.service, input.connectionId)),
  testResult: renewalProcedure.input(z.object({ id })).query(({ ctx, input }) => certificateTestResult(ctx.service, input.id)),
  retire: renewalProcedure.input(z.object({ connectionId: id, certificateId: id })).mutation(({ ctx, input }) => retireIdpCertificate(ctx.service, input)),
});
