/** The demo accounts `npm run up` seeds; the sign-in page shows them when SHOW_DEMO_ACCOUNT is "1". */
export const DEMO_PASSWORD = "run-with-me-2026";
export const DEMO_RUNNER = { name: "Demo Runner", username: "demo", email: "demo@runcoach.local" };
export const DEMO_FRIEND = { name: "Demo Friend", username: "demofriend", email: "friend@runcoach.local" };
