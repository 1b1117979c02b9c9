export * from "./audit-events";
export * from "./data-keys";
export * from "./subjects";
