// The deploy commands, loaded on first use by activation.ts (so that activation pays only for the
// status bar, not for the linter, pickers and AWS calls the commands need).
export { deployServiceCommand } from './deployService';
export { deregisterRevisionsCommand } from './deregisterRevisions';
export { deregisterRevisionCommand } from './deregisterRevision';
export { registerTaskDefinitionCommand } from './registerTaskDefinition';
export { rollbackServiceCommand } from './rollbackService';
export { runTaskCommand } from './runTask';
export { updateImageCommand } from './updateImage';
export { continueDeploymentCommand, stopDeploymentCommand } from './steerDeployment';
export { showDeploymentDetailsCommand } from './showDeploymentDetails';
