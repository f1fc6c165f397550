import 'server-only';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type {
  AcceptInvitationInput,
  InviteStaffInput,
  StaffInvitationSent,
  StaffRole,
  StaffUser,
} from '@telehealth/contracts';
import { totpRequired } from '@telehealth/contracts';
import {
  type SignInTicketRecord,
  type StaffUserRecord,
  type StaffUserRepository,
  toStaffUser,
  transactWrite,
} from '@telehealth/data';
import type { AuditTrail } from '../audit/audit';
import type { SendEmail } from '../email/send';
import { staffInvitationEmail, staffLockedEmail } from '../email/staff-templates';
import { ApiError, type RequestContext } from '../http';
import { log } from '../log';
import type { RateLimiter } from '../rate-limit';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import type { StaffSessionClaims } from './session';
import {
  BACKUP_CODE_COUNT,
  decryptSecret,
  encryptSecret,
  enrolmentDetails,
  findBackupCode,
  hashBackupCode,
  matchingStep,
  newBackupCodes,
  newTotpSecret,
} from './totp';

export const INVITATION_HOURS = 72;
export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 30;
/** Between the password and the session: long enough to set up an authenticator app. */
export const TICKET_MINUTES = 10;
/** Wrong codes on one ticket before it is spent (the account's lockout counts them too). */
const MAX_TICKET_ATTEMPTS = 5;
/** Sign-in attempts a minute from one network, whatever the account. */
export const signInLimit = { name: 'staff-sign-in-ip', limit: 20, windowSeconds: 60 } as const;

const roleLabels: Record<StaffRole, string> = {
  admin: 'an admin',
  clinician: 'a clinician',
  marketer: 'a marketer',
};

/** The answer to every failed sign-in: the same for an unknown email, a wrong password and a lock. */
export const SIGN_IN_REFUSED = 'The email or password is not right. Check both and try again.';

export interface StaffServiceDeps {
  db: DynamoDBDocumentClient;
  users: StaffUserRepository;
  audit: AuditTrail;
  limiter: RateLimiter;
  sendEmail: SendEmail;
  brandName: string;
  appUrl: string;
}

/** A random link or ticket secret (256 bits) and the SHA-256 that is stored in its place. */
function newSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: sha256(secret) };
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

const subjectOf = (userId: string) => `staff#${userId}`;

/** What the next step of a sign-in is, as the page needs to know it. */
export type SignInNext = SignInTicketRecord['next'];

export interface TicketIssued {
  /** Goes into the HttpOnly ticket cookie; only its hash is stored. */
  ticket: string;
  next: SignInNext;
}

export function createStaffService(deps: StaffServiceDeps) {
  const { users, audit } = deps;
  const plus = (now: Date, ms: number) => new Date(now.getTime() + ms);

  async function sendInvitation(user: StaffUserRecord, token: string, expiresAt: Date, ctx: RequestContext) {
    const link = `${deps.appUrl}/portal/invitation/${user.userId}.${token}`;
    try {
      const email = await staffInvitationEmail({
        brandName: deps.brandName,
        name: user.name,
        roleLabel: roleLabels[user.role],
        link,
        expiresAt,
      });
      await deps.sendEmail({ to: user.email, ...email });
    } catch (error) {
      // The invitation stands; an admin can resend it. Said in the answer, not hidden.
      log.error('staff.invitation_email_failed', {
        requestId: ctx.requestId,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
      throw new ApiError(
        'service_unavailable',
        'The invitation was saved but its email could not be sent. Use "Resend invitation" in a minute.',
        { retryAfterSeconds: 60 },
      );
    }
  }

  /** An admin (or the bootstrap, as `system`) invites a person: status invited, a 72-hour link by email. */
  async function invite(
    input: { name: string; email: string; role: StaffRole },
    ctx: RequestContext,
    invitedBy: string,
  ): Promise<StaffInvitationSent> {
    const userId = randomUUID();
    const link = newSecret();
    const now = ctx.now.toISOString();
    const expiresAt = plus(ctx.now, INVITATION_HOURS * 3600_000);
    const [userPut, emailPut] = users.create({
      userId,
      email: input.email,
      name: input.name,
      role: input.role,
      invitedBy,
      invitation: { hash: link.hash, expiresAt: expiresAt.toISOString() },
      now,
    });
    const outcome = await transactWrite(deps.db, [
      userPut,
      emailPut,
      {
        Put: audit.transactionPut(
          { action: 'staff.invited', subject: subjectOf(userId), details: { role: input.role } },
          ctx,
        ),
      },
    ]);
    if (!outcome.committed) {
      if (outcome.reasons[1] === 'ConditionalCheckFailed') {
        throw new ApiError('conflict', 'Someone on the staff already has this email address.');
      }
      throw new ApiError('service_unavailable', 'The invitation could not be saved. Please try again.', {
        retryAfterSeconds: 5,
      });
    }
    const user = (await users.get(userId)) as StaffUserRecord;
    await sendInvitation(user, link.secret, expiresAt, ctx);
    return { user: toStaffUser(user), invitationExpiresAt: expiresAt.toISOString() };
  }

  /** A new link for an invited user; the old one stops working in the same write. */
  async function resendInvitation(userId: string, ctx: RequestContext): Promise<StaffInvitationSent> {
    const user = await users.get(userId);
    if (!user) throw new ApiError('not_found', 'There is no staff user with this id.');
    if (user.status !== 'invited') {
      throw new ApiError(
        'conflict',
        'This person has already accepted the invitation; there is nothing to resend.',
      );
    }
    const link = newSecret();
    const expiresAt = plus(ctx.now, INVITATION_HOURS * 3600_000);
    const outcome = await transactWrite(deps.db, [
      users.replaceInvitation(
        userId,
        { hash: link.hash, expiresAt: expiresAt.toISOString() },
        ctx.now.toISOString(),
      ),
      { Put: audit.transactionPut({ action: 'staff.invitation_resent', subject: subjectOf(userId) }, ctx) },
    ]);
    if (!outcome.committed) {
      throw new ApiError(
        'conflict',
        'This person accepted the invitation a moment ago; there is nothing to resend.',
      );
    }
    await sendInvitation(user, link.secret, expiresAt, ctx);
    return { user: toStaffUser(user), invitationExpiresAt: expiresAt.toISOString() };
  }

  const linkRefused = () =>
    new ApiError(
      'not_found',
      'This invitation link has expired, was already used, or was replaced by a newer one. Ask an admin to resend it.',
    );

  async function issueTicket(
    user: StaffUserRecord,
    ctx: RequestContext,
    next?: SignInNext,
  ): Promise<TicketIssued> {
    const { secret, hash } = newSecret();
    const step: SignInNext =
      next ?? (user.totp ? 'second-factor' : totpRequired(user.role) ? 'enrol' : 'complete');
    const expiresAt = plus(ctx.now, TICKET_MINUTES * 60_000);
    await users.putTicket({
      hash,
      userId: user.userId,
      next: step,
      createdAt: ctx.now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      expiresAtEpoch: Math.ceil(expiresAt.getTime() / 1000) + 3600,
    });
    return { ticket: secret, next: step };
  }

  /** The invitation link's check, for the page before the password is typed. */
  async function invitationFor(token: string, now: Date): Promise<StaffUser | undefined> {
    const [userId = '', secret = ''] = token.split('.');
    const user = await users.get(userId).catch(() => undefined);
    if (!user?.invitation || user.status !== 'invited') return undefined;
    if (user.invitation.hash !== sha256(secret) || user.invitation.expiresAt <= now.toISOString())
      return undefined;
    return toStaffUser(user);
  }

  /**
   * Sets the password from an invitation link (single use, before it expires) and starts the
   * person's first sign-in: TOTP enrolment next for admins and marketers.
   */
  async function acceptInvitation(input: AcceptInvitationInput, ctx: RequestContext): Promise<TicketIssued> {
    const [userId = '', secret = ''] = input.token.split('.');
    const user = await users.get(userId);
    const hash = sha256(secret);
    if (
      !user?.invitation ||
      user.invitation.hash !== hash ||
      user.invitation.expiresAt <= ctx.now.toISOString()
    ) {
      throw linkRefused();
    }
    const problem = passwordProblem(input.password, {
      email: user.email,
      name: user.name,
      brandName: deps.brandName,
    });
    if (problem) {
      throw new ApiError('validation_failed', problem, { issues: [{ path: 'password', message: problem }] });
    }
    const passwordHash = await hashPassword(input.password);
    const outcome = await transactWrite(deps.db, [
      users.acceptInvitation(userId, hash, passwordHash, ctx.now.toISOString()),
      { Put: audit.transactionPut({ action: 'staff.invitation_accepted', subject: subjectOf(userId) }, ctx) },
    ]);
    if (!outcome.committed) throw linkRefused();
    const active = (await users.get(userId)) as StaffUserRecord;
    return issueTicket(active, ctx);
  }

  /** Counts a failure toward the lockout and audits it; the lock (at the fifth) is audited and emailed. */
  async function failure(user: StaffUserRecord, ctx: RequestContext, factor: 'password' | 'code') {
    const until = plus(ctx.now, LOCK_MINUTES * 60_000);
    const { locked } = await users.recordFailure(
      user.userId,
      MAX_FAILED_SIGN_INS,
      until.toISOString(),
      ctx.now.toISOString(),
    );
    await audit.record(
      { action: 'staff.sign_in_failed', subject: subjectOf(user.userId), details: { factor } },
      ctx,
    );
    if (!locked) return;
    await audit.record(
      { action: 'staff.locked', subject: subjectOf(user.userId), details: { minutes: LOCK_MINUTES } },
      ctx,
    );
    try {
      const email = await staffLockedEmail({ brandName: deps.brandName, until });
      await deps.sendEmail({ to: user.email, ...email });
    } catch (error) {
      log.error('staff.lock_email_failed', {
        requestId: ctx.requestId,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
    }
  }

  const isLocked = (user: StaffUserRecord, now: Date) =>
    Boolean(user.lockedUntil && user.lockedUntil > now.toISOString());

  /**
   * Step one of a sign-in: the password. Unknown email, wrong password, a locked or disabled account:
   * one answer, after the same hashing work. A right password starts a ticket for step two.
   */
  async function startSignIn(
    input: { email: string; password: string },
    ctx: RequestContext,
  ): Promise<TicketIssued> {
    await deps.limiter.limit(signInLimit, ctx.ip, ctx.now, 'Too many sign-in attempts from this network.');
    const user = await users.getByEmail(input.email);
    const matches = await verifyPassword(user?.passwordHash, input.password);
    const refused = () => new ApiError('unauthenticated', SIGN_IN_REFUSED);
    if (user?.status !== 'active') throw refused();
    if (isLocked(user, ctx.now)) {
      await audit.record({ action: 'staff.sign_in_refused_locked', subject: subjectOf(user.userId) }, ctx);
      throw refused();
    }
    if (!matches) {
      await failure(user, ctx, 'password');
      throw refused();
    }
    return issueTicket(user, ctx);
  }

  async function ticketAndUser(ticketSecret: string | undefined, now: Date) {
    if (!ticketSecret) return undefined;
    const hash = sha256(ticketSecret);
    const ticket = await users.getTicket(hash, now.toISOString());
    if (!ticket) return undefined;
    const user = await users.get(ticket.userId);
    if (user?.status !== 'active') return undefined;
    return { hash, ticket, user };
  }

  const startAgain = () =>
    new ApiError('unauthenticated', 'Your sign-in took too long or was already used. Please sign in again.');

  /** Step two, enrolment: the secret to scan (kept on the ticket, so a reload shows the same one). */
  async function enrolment(ticketSecret: string | undefined, ctx: RequestContext) {
    const found = await ticketAndUser(ticketSecret, ctx.now);
    if (found?.ticket.next !== 'enrol') throw startAgain();
    let encrypted = found.ticket.pendingTotpSecret;
    if (!encrypted) {
      encrypted = encryptSecret(newTotpSecret());
      await users.setPendingTotpSecret(found.hash, encrypted).catch(async () => {
        // A second tab set one first: show that one.
        encrypted = (await users.getTicket(found.hash, ctx.now.toISOString()))?.pendingTotpSecret;
      });
    }
    if (!encrypted) throw startAgain();
    return enrolmentDetails(decryptSecret(encrypted), found.user.email, deps.brandName);
  }

  /** Confirms the enrolment with a code from the app; answers the backup codes, shown once. */
  async function confirmEnrolment(
    ticketSecret: string | undefined,
    code: string,
    ctx: RequestContext,
  ): Promise<{ backupCodes: string[] }> {
    const found = await ticketAndUser(ticketSecret, ctx.now);
    if (found?.ticket.next !== 'enrol' || !found.ticket.pendingTotpSecret) throw startAgain();
    const step = matchingStep(decryptSecret(found.ticket.pendingTotpSecret), code.trim(), ctx.now);
    if (step === undefined) {
      const attempts = await users.countTicketAttempt(found.hash);
      if (attempts >= MAX_TICKET_ATTEMPTS) await users.consumeTicket(found.hash);
      throw new ApiError(
        'invalid_code',
        'That code did not match. Check the time on your phone and enter the newest code.',
        {
          issues: [{ path: 'code', message: 'That code did not match.' }],
        },
      );
    }
    const backupCodes = newBackupCodes();
    const hashes = await Promise.all(backupCodes.map(hashBackupCode));
    const now = ctx.now.toISOString();
    const outcome = await transactWrite(deps.db, [
      users.enrolTotp(
        found.user.userId,
        { encryptedSecret: found.ticket.pendingTotpSecret, lastUsedStep: step, enrolledAt: now },
        hashes,
        now,
      ),
      users.completeTicket(found.hash, 'enrol'),
      {
        Put: audit.transactionPut(
          {
            action: 'staff.totp_enrolled',
            subject: subjectOf(found.user.userId),
            details: { backupCodes: BACKUP_CODE_COUNT },
          },
          ctx,
        ),
      },
    ]);
    if (!outcome.committed) throw startAgain();
    return { backupCodes };
  }

  /**
   * Step two, the session: spends the ticket (once) after checking the second factor when it needs
   * one (a TOTP code, each time step once, or a backup code, each once). Failures count toward the
   * lockout. Returns the session's claims, or undefined (next-auth answers CredentialsSignin).
   */
  async function completeSignIn(
    ticketSecret: string | undefined,
    code: string | undefined,
    ctx: RequestContext,
  ): Promise<StaffSessionClaims | undefined> {
    const found = await ticketAndUser(ticketSecret, ctx.now);
    if (!found || found.ticket.next === 'enrol' || isLocked(found.user, ctx.now)) return undefined;
    const { user, hash, ticket } = found;
    let method: 'password' | 'totp' | 'backup-code' = 'password';
    if (ticket.next === 'second-factor') {
      const typed = (code ?? '').trim();
      let ok = false;
      if (user.totp && /^\d{6}$/.test(typed)) {
        method = 'totp';
        const step = matchingStep(decryptSecret(user.totp.encryptedSecret), typed, ctx.now);
        ok = step !== undefined && (await users.spendTotpStep(user.userId, step, ctx.now.toISOString()));
      } else if (typed) {
        method = 'backup-code';
        const index = await findBackupCode(user.backupCodes ?? [], typed);
        ok =
          index >= 0 &&
          (await users.spendBackupCode(
            user.userId,
            index,
            (user.backupCodes ?? [])[index] ?? '',
            ctx.now.toISOString(),
          ));
      }
      if (!ok) {
        await failure(user, ctx, 'code');
        const attempts = await users.countTicketAttempt(hash);
        if (attempts >= MAX_TICKET_ATTEMPTS) await users.consumeTicket(hash);
        return undefined;
      }
    }
    if (!(await users.consumeTicket(hash))) return undefined;
    await users.clearFailures(user.userId, ctx.now.toISOString());
    await audit.record(
      { action: 'staff.signed_in', subject: subjectOf(user.userId), details: { method } },
      ctx,
    );
    return {
      sub: user.userId,
      role: user.role,
      sessionVersion: user.sessionVersion,
      authTime: Math.floor(ctx.now.getTime() / 1000),
    };
  }

  /**
   * Changes the password with the current one (a wrong one counts toward the lockout). Every
   * session ends, this one included: the person signs in again with the new password.
   */
  async function changePassword(
    userId: string,
    input: { currentPassword: string; newPassword: string },
    ctx: RequestContext,
  ): Promise<void> {
    const user = await users.get(userId);
    if (user?.status !== 'active' || !user.passwordHash) {
      throw new ApiError('unauthenticated', 'Sign in to the portal to do this.');
    }
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      await failure(user, ctx, 'password');
      throw new ApiError('validation_failed', 'Your current password is not right.', {
        issues: [{ path: 'currentPassword', message: 'Your current password is not right.' }],
      });
    }
    const problem = passwordProblem(input.newPassword, {
      email: user.email,
      name: user.name,
      brandName: deps.brandName,
    });
    if (problem) {
      throw new ApiError('validation_failed', problem, {
        issues: [{ path: 'newPassword', message: problem }],
      });
    }
    const outcome = await transactWrite(deps.db, [
      users.changePassword(
        userId,
        user.passwordHash,
        await hashPassword(input.newPassword),
        ctx.now.toISOString(),
      ),
      { Put: audit.transactionPut({ action: 'staff.password_changed', subject: subjectOf(userId) }, ctx) },
    ]);
    if (!outcome.committed) {
      throw new ApiError(
        'conflict',
        'Your password was changed a moment ago in another window. Sign in again.',
      );
    }
  }

  /** Sign-out: every session of this user ends at its next request (a JWT cannot be recalled). */
  async function revokeSessions(
    userId: string,
    reason: 'sign-out' | 'password-change' | 'admin',
    ctx: RequestContext,
  ) {
    const outcome = await transactWrite(deps.db, [
      users.bumpSessionVersion(userId, ctx.now.toISOString()),
      {
        Put: audit.transactionPut(
          { action: 'staff.sessions_revoked', subject: subjectOf(userId), details: { reason } },
          ctx,
        ),
      },
    ]);
    if (!outcome.committed) throw new ApiError('not_found', 'There is no staff user with this id.');
  }

  /** An admin ends a lockout before its 30 minutes. */
  async function unlock(userId: string, ctx: RequestContext): Promise<StaffUser> {
    const outcome = await transactWrite(deps.db, [
      users.unlock(userId, ctx.now.toISOString()),
      { Put: audit.transactionPut({ action: 'staff.unlocked', subject: subjectOf(userId) }, ctx) },
    ]);
    if (!outcome.committed) throw new ApiError('not_found', 'There is no staff user with this id.');
    return toStaffUser((await users.get(userId)) as StaffUserRecord);
  }

  /** An admin disables a person: no sign-in, and every session ends at once. Not oneself. */
  async function disable(userId: string, ctx: RequestContext, by: string): Promise<StaffUser> {
    if (by === userId)
      throw new ApiError('conflict', 'You cannot disable your own account. Ask another admin.');
    const outcome = await transactWrite(deps.db, [
      users.disable(userId, ctx.now.toISOString()),
      { Put: audit.transactionPut({ action: 'staff.disabled', subject: subjectOf(userId) }, ctx) },
    ]);
    if (!outcome.committed) {
      const user = await users.get(userId);
      if (!user) throw new ApiError('not_found', 'There is no staff user with this id.');
      throw new ApiError('conflict', 'This person is already disabled.');
    }
    return toStaffUser((await users.get(userId)) as StaffUserRecord);
  }

  async function list(): Promise<StaffUser[]> {
    return (await users.list()).map(toStaffUser);
  }

  return {
    unlock,
    disable,
    list,
    invite: (input: InviteStaffInput & { role: StaffRole }, ctx: RequestContext, invitedBy: string) =>
      invite(input, ctx, invitedBy),
    resendInvitation,
    invitationFor,
    acceptInvitation,
    startSignIn,
    enrolment,
    confirmEnrolment,
    completeSignIn,
    revokeSessions,
    changePassword,
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
