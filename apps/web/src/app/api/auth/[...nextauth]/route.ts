import { handlers } from '@/server/staff/auth';

/**
 * next-auth's own endpoints (csrf, session, callback/staff, signout). Step two of a staff sign-in
 * posts to /api/auth/callback/staff; GET /api/auth/session re-issues the session cookie (idle timeout).
 */
export const { GET, POST } = handlers;
