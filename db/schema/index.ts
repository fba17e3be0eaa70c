export * from "./organizations";
export * from "./staff";
export * from "./api-keys";
export * from "./events";
export * from "./settings";
export * from "./portal";
export * from "./mail";
export * from "./rate-limits";
