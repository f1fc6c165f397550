import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { publicConfig } from '@/server/env';
import './globals.css';

export const metadata: Metadata = {
  title: {
    default: `${publicConfig.brandName}: see a licensed clinician by video`,
    template: `%s · ${publicConfig.brandName}`,
  },
  description: 'Book a video visit with a licensed clinician in your state.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0f766e' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
