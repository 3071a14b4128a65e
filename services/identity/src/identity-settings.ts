import type { BillingSettings, PlatformConfig } from '@vexil/platform';

/** What the identity services need from the configuration. */
export interface IdentitySettings {
  jwtSecret: string;
  accessTokenTtlMinutes: number;
  refreshTokenTtlHours: number;
  apiKeyPepper: string;
  mfaEncryptionKey: string;
  appUrl: string;
  loginThrottle: PlatformConfig['loginThrottle'];
  /** How long registration waits for the flags service to create the default project. */
  provisioningTimeoutMs: number;
  /** Plans, for the seat limit. */
  billing: BillingSettings;
}
