/** Turns a procedure's NOT_FOUND (or a malformed id, BAD_REQUEST) into the not-found page. */
import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";

export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
}
