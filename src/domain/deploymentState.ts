// What a deployment's state means: one rule for "rolled back". Pure.
// ECS says a deployment is a rollback only in words: the rollback deployment's rolloutStateReason
// ("ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/2222.") and the service
// events ("(service web) rolling back to deployment ecs-svc/2222."). A circuit breaker without
// rollback ("ECS deployment circuit breaker: tasks failed to start.") fails the deployment in place:
// that is a failure, not a rollback.

const ROLLED_BACK = /\broll(?:ing|ed)?[ -]?back/i;
const CIRCUIT_BREAKER = /circuit breaker/i;

/** True when the text says ECS rolled back (or is rolling back, or did a rollback). */
export function saysRolledBack(text: string | undefined): boolean {
  return ROLLED_BACK.test(text ?? '');
}

/** True for a deployment that is a rollback: its rolloutStateReason says so. */
export function isRollbackDeployment(deployment: { readonly rolloutStateReason?: string } | undefined): boolean {
  return saysRolledBack(deployment?.rolloutStateReason);
}

/** True when the text explains why a rollout failed: a rollback or the circuit breaker. */
export function explainsRolloutFailure(text: string | undefined): boolean {
  return saysRolledBack(text) || CIRCUIT_BREAKER.test(text ?? '');
}

/**
 * How a service deployment (DescribeServiceDeployments `status`) ended, or undefined while it runs:
 * SUCCESSFUL is done and only that; ROLLBACK_SUCCESSFUL is a rollback; STOPPED and ROLLBACK_FAILED are
 * failures (ecspresso's --wait-until=deployed, Terraform's wait_for_steady_state).
 */
export function serviceDeploymentEnd(status: string | undefined): 'completed' | 'rolledBack' | 'failed' | undefined {
  switch (status) {
    case 'SUCCESSFUL': return 'completed';
    case 'ROLLBACK_SUCCESSFUL': return 'rolledBack';
    case 'STOPPED':
    case 'ROLLBACK_FAILED': return 'failed';
    default: return undefined;
  }
}
