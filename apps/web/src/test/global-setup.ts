import { startLocalStack, testAppEnv } from '@telehealth/local-stack';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    stackEnv: Record<string, string>;
  }
}

/** One in-memory local stack (DynamoDB Local, SES, S3) on free ports for the whole test run. */
export default async function setup(project: TestProject) {
  const stack = await startLocalStack({ appOrigin: 'http://localhost:3999' });
  project.provide('stackEnv', { ...stack.env, ...testAppEnv('http://localhost:3999') });
  return () => stack.stop();
}
