export * from "./accounts";
export * from "./invitations";
export * from "./sign-in";
