export * from "./account-tokens";
export * from "./audit-events";
export * from "./consents";
export * from "./data-keys";
export * from "./enquiries";
export * from "./organisations";
export * from "./subjects";
export * from "./users";
