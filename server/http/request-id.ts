/** The caller's X-Request-ID when it is a sane token (so logs on both sides match), else a fresh one. */
export function requestIdFrom(incoming: string | null | undefined): string {
  return incoming && /^[\w.:-]{8,128}$/.test(incoming) ? incoming : crypto.randomUUID();
}
