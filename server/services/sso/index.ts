export * from "./connections";
export * from "./sessions";
export * from "./acs";
export * from "./tokens";
export * from "./authorize";
export { consumeOidcCallback, oidcRedirectUri } from "./oidc-sign-in";
export { getSpKeyPair, publishedSpIdentity, spEndpoints, spIdentity } from "./sp-key";
export { connectionView, type ConnectionView } from "./load";
export { outgoingRequestFor } from "./sign-in";
