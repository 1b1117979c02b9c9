export * from "./account-tokens";
export * from "./audit-events";
export * from "./data-keys";
export * from "./organisations";
export * from "./subjects";
export * from "./users";
