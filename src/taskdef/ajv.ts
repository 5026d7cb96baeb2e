// ajv, bundled on its own into dist/ajv.js (see esbuild.mjs) and required on the first lint, so that
// loading the extension never parses the validator's 120 KB. Only schemaCheck.ts reaches it.
import Ajv from 'ajv';

export { Ajv };
