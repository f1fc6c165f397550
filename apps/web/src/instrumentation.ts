import { inNodeRuntime } from './server/env';

/**
 * Runs once when the server starts: invites the first admin (SEED_ADMIN_EMAIL) if nobody has that
 * email, and in development seeds the demo staff and prints how to sign in as them.
 */
export async function register(): Promise<void> {
  if (!inNodeRuntime()) return;
  const { bootstrapStaff } = await import('./server/staff/bootstrap');
  await bootstrapStaff();
}
