import type { Principal } from '@vexil/platform';

/** What the gateway knows of a request and forwards, signed, to the subgraphs. */
export interface GatewayContext {
  principal: Principal;
  requestId: string;
}
