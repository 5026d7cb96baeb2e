// The AWS call options of one deploy operation, and the one service read every operation shares.
// Pure (no vscode).
import type { Service } from '@aws-sdk/client-ecs';
import type { AwsClients } from '../aws/clients';
import { NEVER_ABORTS, type AwsCallOptions } from '../aws/call';
import * as ecs from '../aws/ecs';

/** The options of the src/aws/ecs.ts calls made for one operation. */
export function callOptions(clients: AwsClients, region: string | undefined, signal: AbortSignal | undefined, onCall?: (name: string) => void): AwsCallOptions {
  return { clients, region, signal: signal ?? NEVER_ABORTS, onCall };
}

/** DescribeServices for one service; undefined when the API reports it MISSING. */
export async function describeService(
  clients: AwsClients,
  cluster: string,
  service: string,
  signal?: AbortSignal,
  region?: string,
  onCall?: (name: string) => void,
): Promise<Service | undefined> {
  return ecs.describeService(callOptions(clients, region, signal, onCall), cluster, service);
}
