import { featureSignalsDialect } from './featuresignals/featuresignals-dialect.js';
import { flagifyDialect } from './flagify/flagify-dialect.js';
import type { Dialect } from './rest-route.js';

/** The REST dialects the gateway serves (shared/REST.md): the one registry the router and tests read. */
export const dialects: Dialect[] = [featureSignalsDialect, flagifyDialect];
