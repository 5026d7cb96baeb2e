// The extension's exported API and the suites' shared set-up, as suites and benches written before
// fixtures.ts import them: the definitions are in fixtures.ts.
export { EXTENSION_ID, clustersPath, explorerApi, extensionApi, onDemoSeed, type TreeNode } from './fixtures';
