import { setTimeout as sleep } from 'node:timers/promises';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

/** One item of a TransactWriteItems call, in the document client's (unmarshalled) form. */
export type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/**
 * The outcome of a transaction: committed, or cancelled with one reason code per item in order
 * (`None`, `ConditionalCheckFailed`, …), so the caller can tell which condition failed.
 */
export type TransactionOutcome = { committed: true } | { committed: false; reasons: string[] };

/**
 * Runs one TransactWriteItems. A conflict with another transaction on the same items is retried
 * briefly (both were racing; one of them has committed, so the retry sees its result). Failed
 * conditions come back as reasons; any other error propagates.
 */
export async function transactWrite(
  db: DynamoDBDocumentClient,
  items: TransactItem[],
): Promise<TransactionOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
      return { committed: true };
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') throw error;
      const reasons = (
        (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? []
      ).map((reason) => reason.Code ?? 'None');
      if (!reasons.includes('TransactionConflict') || attempt === 4) return { committed: false, reasons };
      await sleep(20 * attempt + Math.floor(Math.random() * 40));
    }
  }
}
