/** Shared setup for journeys: a fresh runner signed up through the real form. */
import { expect, test as base, type Page } from "@playwright/test";

export interface Runner {
  name: string;
  username: string;
  email: string;
  password: string;
}

let counter = 0;

export function newRunner(): Runner {
  const unique = `e2e${Date.now().toString(36)}${(counter++).toString(36)}`;
  return { name: `Runner ${unique}`, username: unique, email: `${unique}@example.test`, password: "correct horse battery" };
}

export async function signUp(page: Page, runner: Runner) {
  await page.goto("/sign-up");
  await page.getByLabel("Name", { exact: true }).fill(runner.name);
  await page.getByLabel("Username", { exact: true }).fill(runner.username);
  await page.getByLabel("Email", { exact: true }).fill(runner.email);
  await page.getByLabel(/^Password/).fill(runner.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/courses$/);
}

export const test = base;
export { expect };
