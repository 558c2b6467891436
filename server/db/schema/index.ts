export * from "./auth";
export * from "./courses";
export * from "./activities";
export * from "./friends";
export * from "./live";
