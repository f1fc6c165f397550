import 'server-only';
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { sesClient } from '../aws';
import { serverEnv } from '../env';

export interface EmailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
}

export type SendEmail = (message: EmailMessage) => Promise<void>;

/** Sends through SES v2 (the local SES speaks the same API). */
export function sesEmailSender(client: SESv2Client, from: string, configurationSet?: string): SendEmail {
  return async ({ to, subject, html, text }) => {
    await client.send(
      new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: [to] },
        Content: {
          Simple: {
            Subject: { Data: subject, Charset: 'UTF-8' },
            Body: { Html: { Data: html, Charset: 'UTF-8' }, Text: { Data: text, Charset: 'UTF-8' } },
          },
        },
        ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
      }),
    );
  };
}

/** The sender wired to the configured SES client and From address. */
export function sendEmail(): SendEmail {
  const env = serverEnv();
  return sesEmailSender(sesClient(), env.fromAddress, env.SES_CONFIGURATION_SET);
}
