export * from "./accounts";
export * from "./invitations";
export * from "./password";
export * from "./sessions";
export * from "./sign-in";
export * from "./sign-in-records";
