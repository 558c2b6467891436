import type { ReactNode } from "react";
import { TRPCReactProvider } from "@/app/_lib/trpc-provider";

/** Only the pages that call tRPC from the browser load its client (the catalog does not). */
export default function Layout({ children }: { children: ReactNode }) {
  return <TRPCReactProvider>{children}</TRPCReactProvider>;
}
