/**
 * Runs once when the server starts: invites the first admin (SEED_ADMIN_EMAIL) if nobody has that
 * email, and in development seeds the demo staff and prints how to sign in as them.
 *
 * `process.env.NEXT_RUNTIME` is read here and not through src/server/env.ts on purpose: Next.js
 * replaces it at build time, which keeps the Node-only code (argon2) out of the edge bundle.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { bootstrapStaff } = await import('./server/staff/bootstrap');
  await bootstrapStaff();
}
