/**
 * Workflow harness: runs real n8n workflows with our community nodes through n8n-core's
 * `WorkflowExecute`, real HTTP, a CLI-faithful credentials helper and filesystem binary data.
 * See harness.ts for the API; test/workflow/harness.test.ts shows every feature in use.
 */
export { WorkflowHarness, MANUAL_TRIGGER_TYPE, TEST_ITEMS_TYPE } from './harness';
export type {
	HarnessOptions,
	HarnessWorkflow,
	HarnessRunOptions,
	HarnessRunResult,
	HarnessNodeCallOptions,
	HarnessWebhookResult,
} from './harness';
export { CredentialStore, HarnessCredentialsHelper } from './credentials-helper';
export type { CredentialEvent } from './credentials-helper';
export type { HarnessWebhookRequest, FakeWebhookResponse } from './fake-http';
export type { HarnessLogEntry, ReportedError } from './environment';
export { HarnessNodeTypes, HarnessCredentialTypes } from './types-registry';
