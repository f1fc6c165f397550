import { inject } from 'vitest';

// Point the app's env module at this run's local stack before any test imports it.
Object.assign(process.env, inject('stackEnv'));
