import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { UpdatePrompt } from "./_components/pwa/update-prompt";
import { UploadSync } from "./_components/pwa/upload-sync";
import { SiteHeader, SiteTabBar } from "./_components/site-header";
import { TimeZoneCookie } from "./_components/time-zone-cookie";
import { getLocale } from "./_i18n/server";
import { getSession } from "./_lib/session";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "RunCoach", template: "%s · RunCoach" },
  description: "Guided running courses with a voice coach, offline, with every run recorded.",
  applicationName: "RunCoach",
  appleWebApp: { capable: true, title: "RunCoach", statusBarStyle: "default" },
  icons: { icon: "/icons/icon-192.png", apple: "/icons/apple-touch-icon.png" },
};

export const viewport: Viewport = {
  themeColor: "#0b5d3b",
  width: "device-width",
  initialScale: 1,
  // Drawn under the notch and home indicator; the header and the tab bar pad themselves by the safe-area insets.
  viewportFit: "cover",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, session] = await Promise.all([getLocale(), getSession()]);
  return (
    <html lang={locale}>
      <body>
        <SiteHeader />
        <main id="main">{children}</main>
        <SiteTabBar />
        <UpdatePrompt />
        {/* Uploads what runs recorded on this device, from any page (the session cookie goes with them). */}
        {session && <UploadSync />}
        <TimeZoneCookie />
      </body>
    </html>
  );
}
