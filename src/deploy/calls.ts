// What a deploy operation takes besides its subject: one options object (what cancels it, which
// region, what counts its calls), turned into the options of the src/aws calls it makes. Pure (no vscode).
import type { AwsClients } from '../aws/clients';
import type { AwsCallOptions } from '../aws/call';

/** The last argument of a deploy operation. */
export interface OperationOptions {
  /** Required: cancellation reaches the HTTP request. Pass `NEVER_ABORTS` (src/aws/call.ts) only where nothing can cancel. */
  readonly signal: AbortSignal;
  /** The region of the resources; the clients' current region when omitted. */
  readonly region?: string;
  /** Counts calls (benches), with the operation name, e.g. `DescribeServices`. */
  readonly onCall?: (operation: string) => void;
}

/** The options of the src/aws calls made for one operation. */
export function callOptions(clients: AwsClients, options: OperationOptions): AwsCallOptions {
  return { clients, region: options.region, signal: options.signal, onCall: options.onCall };
}
