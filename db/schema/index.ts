export * from "./organizations";
export * from "./staff";
export * from "./api-keys";
export * from "./events";
export * from "./settings";
