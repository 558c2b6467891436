import type { ReactNode } from "react";
import { TRPCReactProvider } from "@/app/_lib/trpc-provider";

/** The friends page's forms call tRPC from the browser. */
export default function Layout({ children }: { children: ReactNode }) {
  return <TRPCReactProvider>{children}</TRPCReactProvider>;
}
