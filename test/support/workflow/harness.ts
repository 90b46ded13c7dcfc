import { randomUUID } from 'node:crypto';

import {
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	LoadOptionsContext,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ExecutionBaseError,
	ExecutionStatus,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IConnections,
	IDataObject,
	ILoadOptionsFunctions,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	IPinData,
	IRun,
	IRunData,
	IVersionedNodeType,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { UnexpectedError, Workflow } from 'n8n-workflow';

import { ManualTrigger } from '../../fixtures/harness/ManualTrigger.node';
import { TestItems } from '../../fixtures/harness/TestItems.node';
import { CredentialStore, HarnessCredentialsHelper } from './credentials-helper';
import type { CredentialEvent } from './credentials-helper';
import { acquireEnvironment, releaseEnvironment } from './environment';
import type { HarnessEnvironment, HarnessLogEntry } from './environment';
import { createFakeRequest, createFakeResponse } from './fake-http';
import type { FakeWebhookResponse, HarnessWebhookRequest } from './fake-http';
import { HarnessCredentialTypes, HarnessNodeTypes } from './types-registry';

let executionCounter = 0;

/** Type name of the built-in start node (same as n8n's Manual Trigger, so JSON stays importable). */
export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
/** Type name of the built-in test-only node that emits the items of its `items` JSON parameter. */
export const TEST_ITEMS_TYPE = 'test.items';

export interface HarnessOptions {
	/**
	 * Node classes by FULL type name as used in workflow JSON, e.g.
	 * `{ 'n8n-nodes-airudder.airudder': new Airudder() }`. `n8n-nodes-base.manualTrigger` and
	 * `test.items` are added automatically (pass your own under those names to replace them).
	 */
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	/** Credential classes, e.g. `[new AirudderApi()]` (looked up by their `name`). */
	credentialTypes: ICredentialType[];
	/**
	 * Initial stored credential data by credential TYPE name, e.g.
	 * `{ airudderApi: { appKey, appSecret, baseUrl } }`. One credential per type; every node that
	 * references a credential of that type (any id/name) uses it, and every run shares it.
	 */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
}

/** Workflow as exported from the editor (extra keys such as `name`, `settings`, `pinData` are welcome). */
export interface HarnessWorkflow {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	pinData?: IPinData;
	staticData?: IDataObject;
}

export interface HarnessRunOptions {
	/** Workflow timezone (overrides `settings.timezone`); n8n's default is `America/New_York`. */
	timezone?: string;
	/** Execution mode; default `manual` (the editor's "Execute workflow", which fires the Manual Trigger). */
	mode?: WorkflowExecuteMode;
	/** Pinned data by node name (replaces the JSON's `pinData`). */
	pinData?: IPinData;
	/** Name of the node to start from; default: `workflow.getStartNode()` (the trigger). */
	startNode?: string;
}

export interface HarnessRunResult {
	/** `success`, or `error` when a node failed without `continueOnFail` (see `error`). */
	status: ExecutionStatus;
	/** `resultData.runData`: per node name, one `ITaskData` per run of the node. */
	runData: IRunData;
	/**
	 * The NodeApiError / NodeOperationError INSTANCE the failing node threw. n8n-core 2.41 keeps only
	 * a plain-object spread `{ ...error, message, stack }` in `resultData.error` and in the node's
	 * `runData[..].error` (prototype lost: `instanceof` is false), so the harness takes the instance
	 * WorkflowExecute handed to its ErrorReporter for this execution + node; falls back to
	 * `resultData.error` when nothing was reported (e.g. workflow-level errors).
	 */
	error?: ExecutionBaseError;
	/** `run.data.resultData.error` exactly as n8n-core 2.41 returns it (plain object copy of the error). */
	resultError?: ExecutionBaseError;
	/** Name of the node that failed (`resultData.lastNodeExecuted` when `error` is set). */
	lastNodeExecuted?: string;
	/** Node names in the order they finished. */
	nodeExecutionOrder: string[];
	executionId: string;
	/** The complete `IRun` returned by `WorkflowExecute`. */
	run: IRun;
	/**
	 * Items the node emitted on `main` output `outputIndex` (default 0) in run `runIndex`
	 * (default 0). Throws, quoting the node's error if any, when the node did not run.
	 */
	output(nodeName: string, outputIndex?: number, runIndex?: number): INodeExecutionData[];
	/** `output(...)` mapped to `item.json`. */
	json(nodeName: string, outputIndex?: number, runIndex?: number): IDataObject[];
}

/** Shared options of the helpers that call one node outside a workflow execution. */
export interface HarnessNodeCallOptions {
	/** Node `typeVersion`; default: the node type's `defaultVersion` / `version`. */
	typeVersion?: number;
	/**
	 * `node.credentials`; default: every credential type the node description declares that the
	 * harness store holds (as `{ id: <type>, name: <type> }`).
	 */
	credentials?: INodeCredentials;
}

/** Result of {@link WorkflowHarness.webhook}: what `webhook()` returned plus what it did to `res`. */
export interface HarnessWebhookResult extends IWebhookResponseData {
	response: FakeWebhookResponse;
}

/**
 * Runs real n8n workflows (nodes + connections as exported from the editor) through n8n-core's
 * `WorkflowExecute`, with real HTTP (no mocks), an in-memory credential store that behaves like
 * the CLI's `CredentialsHelper` (preAuthentication persisted once, refreshed on 401), and
 * n8n-core's `BinaryDataService` in filesystem mode under a temp folder.
 *
 * Create it in `beforeAll`, `await harness.close()` in `afterAll`.
 */
export class WorkflowHarness {
	readonly nodeTypes: HarnessNodeTypes;

	readonly credentialTypes: HarnessCredentialTypes;

	readonly credentialsHelper: HarnessCredentialsHelper;

	private readonly environment: Promise<HarnessEnvironment>;

	private closed = false;

	constructor(opts: HarnessOptions) {
		this.nodeTypes = new HarnessNodeTypes({
			[MANUAL_TRIGGER_TYPE]: new ManualTrigger(),
			[TEST_ITEMS_TYPE]: new TestItems(),
			...opts.nodeTypes,
		});
		this.credentialTypes = new HarnessCredentialTypes(opts.credentialTypes, this.nodeTypes);
		this.credentialsHelper = new HarnessCredentialsHelper(
			this.credentialTypes,
			this.nodeTypes,
			new CredentialStore(opts.credentials),
			MANUAL_TRIGGER_TYPE,
		);
		this.environment = acquireEnvironment();
		// A failed bootstrap is reported by the first awaiting call, not as an unhandled rejection.
		this.environment.catch(() => undefined);
	}

	/** A copy of the credential data currently stored for this credential type (e.g. to read `sessionToken`). */
	credentialsStore(type: string): ICredentialDataDecryptedObject {
		return this.credentialsHelper.store.get(type);
	}

	/** Replaces the stored data of a credential type (e.g. to plant an expired token). */
	setCredentials(type: string, data: ICredentialDataDecryptedObject): void {
		this.credentialsHelper.store.set(type, data);
	}

	/** Every preAuthentication / updateCredentials the credentials helper performed, in order. */
	get credentialEvents(): readonly CredentialEvent[] {
		return this.credentialsHelper.events;
	}

	/** What n8n-core logged so far (shared by all harnesses of the test file). */
	async logs(): Promise<HarnessLogEntry[]> {
		return (await this.environment).logs;
	}

	/** Runs the workflow once, to the end, and returns its result (never throws for node errors). */
	async run(
		workflowData: HarnessWorkflow,
		opts: HarnessRunOptions = {},
	): Promise<HarnessRunResult> {
		const environment = await this.ready();
		const mode = opts.mode ?? 'manual';
		const executionId = this.nextExecutionId();
		const workflow = this.buildWorkflow(workflowData, opts);
		const startNode =
			opts.startNode !== undefined ? workflow.getNode(opts.startNode) : workflow.getStartNode();
		if (!startNode)
			throw new UnexpectedError('The workflow has no start node (add a Manual Trigger)');

		const nodeExecutionOrder: string[] = [];
		const hooks = new ExecutionLifecycleHooks(
			mode,
			executionId,
			this.workflowBase(workflowData, workflow),
		);
		hooks.addHandler('nodeExecuteAfter', (nodeName) => {
			nodeExecutionOrder.push(nodeName);
		});
		const additionalData = this.additionalData({ executionId, hooks, workflowId: workflow.id });

		const workflowExecute = new WorkflowExecute(additionalData, mode);
		const run = await workflowExecute.run({ workflow, startNode, pinData: workflow.pinData });
		const { resultData } = run.data;
		const runData = resultData.runData;

		const output = (nodeName: string, outputIndex = 0, runIndex = 0): INodeExecutionData[] => {
			const task = runData[nodeName]?.[runIndex];
			if (!task) {
				const ran = Object.keys(runData).join(', ') || 'none';
				const cause = resultData.error
					? ` Run error (${resultData.lastNodeExecuted}): ${resultData.error.message}`
					: '';
				throw new UnexpectedError(
					`Node "${nodeName}" has no run ${runIndex} (nodes that ran: ${ran}).${cause}`,
				);
			}
			if (task.error) {
				throw new UnexpectedError(`Node "${nodeName}" failed: ${task.error.message}`, {
					cause: task.error,
				});
			}
			return task.data?.main?.[outputIndex] ?? [];
		};

		const reported = resultData.error
			? environment.errorReports
					.filter(
						(r) => r.executionId === executionId && r.nodeName === resultData.lastNodeExecuted,
					)
					.at(-1)?.error
			: undefined;
		const error = resultData.error
			? reported instanceof Error
				? (reported as ExecutionBaseError)
				: resultData.error
			: undefined;

		return {
			status: run.status,
			runData,
			error,
			resultError: resultData.error,
			lastNodeExecuted: resultData.lastNodeExecuted,
			nodeExecutionOrder,
			executionId,
			run,
			output,
			json: (nodeName, outputIndex, runIndex) =>
				output(nodeName, outputIndex, runIndex).map((item) => item.json),
		};
	}

	/** The bytes of `item.binary[key]` (default `data`), read back through n8n-core's BinaryDataService. */
	async readBinary(item: INodeExecutionData, key = 'data'): Promise<Buffer> {
		const { binaryDataService } = await this.ready();
		const binary = item.binary?.[key];
		if (!binary) {
			throw new UnexpectedError(
				`Item has no binary property "${key}" (has: ${Object.keys(item.binary ?? {}).join(', ') || 'none'})`,
			);
		}
		return await binaryDataService.getAsBuffer(binary);
	}

	/** Path of the file BinaryDataService stored for `item.binary[key]` (undefined when kept inline as base64). */
	async binaryFilePath(item: INodeExecutionData, key = 'data'): Promise<string | undefined> {
		const { binaryDataService } = await this.ready();
		const id = item.binary?.[key]?.id;
		return id ? binaryDataService.getPath(id) : undefined;
	}

	/**
	 * Calls `methods.loadOptions[methodName]` of a node type with a real n8n-core
	 * `LoadOptionsContext`, as the editor's dropdowns do (CLI's DynamicNodeParametersService):
	 * one-node workflow "Temp-Node" with `params` as its parameters, mode `internal`.
	 */
	async loadOptions(
		nodeType: string,
		methodName: string,
		params: INodeParameters = {},
		opts: HarnessNodeCallOptions & { path?: string } = {},
	): Promise<INodePropertyOptions[]> {
		const context = await this.loadOptionsContext(nodeType, params, opts);
		const method = this.nodeTypes.getByNameAndVersion(nodeType, context.getNode().typeVersion)
			.methods?.loadOptions?.[methodName];
		if (typeof method !== 'function') {
			throw new UnexpectedError(
				`Node type "${nodeType}" has no loadOptions method "${methodName}"`,
			);
		}
		return await method.call(context);
	}

	/** Calls `methods.listSearch[methodName](filter, paginationToken)` (resource locator "From list"). */
	async listSearch(
		nodeType: string,
		methodName: string,
		params: INodeParameters = {},
		opts: HarnessNodeCallOptions & {
			path?: string;
			filter?: string;
			paginationToken?: string;
		} = {},
	): Promise<INodeListSearchResult> {
		const context = await this.loadOptionsContext(nodeType, params, opts);
		const method = this.nodeTypes.getByNameAndVersion(nodeType, context.getNode().typeVersion)
			.methods?.listSearch?.[methodName];
		if (typeof method !== 'function') {
			throw new UnexpectedError(`Node type "${nodeType}" has no listSearch method "${methodName}"`);
		}
		return await method.call(context, opts.filter, opts.paginationToken);
	}

	/**
	 * Calls a trigger node's `webhook()` with a real n8n-core `WebhookContext` over a fake
	 * express request/response, like n8n's webhook server does for one incoming call.
	 */
	async webhook(
		nodeType: string,
		params: INodeParameters,
		request: HarnessWebhookRequest,
		opts: HarnessNodeCallOptions & {
			mode?: WorkflowExecuteMode;
			webhookName?: string;
			/** The workflow's id (default `harness-webhook`). */
			workflowId?: string;
		} = {},
	): Promise<HarnessWebhookResult> {
		await this.ready();
		const type = this.nodeTypes.getByNameAndVersion(nodeType, opts.typeVersion);
		if (typeof type.webhook !== 'function')
			throw new UnexpectedError(`Node type "${nodeType}" has no webhook()`);
		const description =
			type.description.webhooks?.find((w) => w.name === (opts.webhookName ?? 'default')) ??
			type.description.webhooks?.[0];
		if (!description) throw new UnexpectedError(`Node type "${nodeType}" declares no webhooks`);

		const mode = opts.mode ?? 'webhook';
		const node = this.tempNode(nodeType, params, opts, type);
		node.webhookId = randomUUID();
		const workflow = new Workflow({
			id: opts.workflowId ?? 'harness-webhook',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: this.nodeTypes,
		});
		const executionId = this.nextExecutionId();
		const httpMethod = (
			typeof description.httpMethod === 'string' && !description.httpMethod.startsWith('=')
				? description.httpMethod
				: 'POST'
		) as IWebhookData['httpMethod'];
		const path =
			typeof description.path === 'string' && !description.path.startsWith('=')
				? description.path
				: node.webhookId;
		const req = createFakeRequest(request, httpMethod, `/webhook/${node.webhookId}/${path}`);
		const res = createFakeResponse();
		const additionalData = this.additionalData({ executionId, workflowId: workflow.id });
		additionalData.httpRequest = req;
		additionalData.httpResponse = res;
		const webhookData: IWebhookData = {
			httpMethod,
			node: node.name,
			path,
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
			isTest: mode === 'manual',
		};
		const context = new WebhookContext(
			workflow,
			workflow.getNode(node.name)!,
			additionalData,
			mode,
			webhookData,
			[],
			null,
		);
		const result = await type.webhook.call(context);
		return { ...result, response: res };
	}

	/** Releases the shared n8n-core environment (the last harness removes its temp folder). */
	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		try {
			await this.environment;
		} finally {
			releaseEnvironment();
		}
	}

	private async ready(): Promise<HarnessEnvironment> {
		if (this.closed) throw new UnexpectedError('WorkflowHarness is closed');
		return await this.environment;
	}

	/** Unique across all harnesses of the test file (they share the ErrorReporter and binary-data folder). */
	private nextExecutionId(): string {
		executionCounter += 1;
		return String(executionCounter);
	}

	private buildWorkflow(data: HarnessWorkflow, opts: HarnessRunOptions): Workflow {
		const settings: IWorkflowSettings = { executionOrder: 'v1', ...(data.settings ?? {}) };
		if (opts.timezone !== undefined) settings.timezone = opts.timezone;
		if (settings.timezone === 'DEFAULT') delete settings.timezone;
		return new Workflow({
			id: data.id ?? 'harness-workflow',
			name: data.name ?? 'Harness workflow',
			// Deep copies: n8n mutates node objects during a run; the caller's JSON must stay reusable.
			nodes: structuredClone(data.nodes),
			connections: structuredClone(data.connections),
			active: false,
			nodeTypes: this.nodeTypes,
			settings,
			staticData: data.staticData ? structuredClone(data.staticData) : undefined,
			pinData: opts.pinData ?? data.pinData,
		});
	}

	private workflowBase(data: HarnessWorkflow, workflow: Workflow): IWorkflowBase {
		const now = new Date();
		return {
			id: workflow.id,
			name: workflow.name ?? 'Harness workflow',
			active: false,
			isArchived: false,
			createdAt: now,
			updatedAt: now,
			nodes: Object.values(workflow.nodes),
			connections: data.connections,
			settings: workflow.settings,
		} as IWorkflowBase;
	}

	/** Like the CLI's `WorkflowExecuteAdditionalData.getBase()`, minus sub-workflows / runners / AI. */
	private additionalData(opts: {
		executionId: string;
		workflowId: string;
		hooks?: ExecutionLifecycleHooks;
		currentNodeParameters?: INodeParameters;
	}): IWorkflowExecuteAdditionalData {
		const base = 'http://localhost:5678';
		const unsupported = (what: string) => async () => {
			throw new UnexpectedError(`${what} is not supported by the workflow harness`);
		};
		return {
			credentialsHelper: this.credentialsHelper,
			executionId: opts.executionId,
			workflowId: opts.workflowId,
			hooks: opts.hooks,
			currentNodeParameters: opts.currentNodeParameters,
			currentNodeExecutionIndex: 0,
			restApiUrl: `${base}/rest`,
			instanceBaseUrl: `${base}/`,
			formBaseUrl: `${base}/form`,
			formWaitingBaseUrl: `${base}/form-waiting`,
			formTestBaseUrl: `${base}/form-test`,
			webhookBaseUrl: `${base}/webhook`,
			webhookWaitingBaseUrl: `${base}/webhook-waiting`,
			webhookTestBaseUrl: `${base}/webhook-test`,
			mcpBaseUrl: `${base}/mcp`,
			mcpTestBaseUrl: `${base}/mcp-test`,
			variables: {},
			externalSecretsProxy: new ExternalSecretsProxy(),
			executeWorkflow: unsupported('Executing sub-workflows'),
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			startRunnerTask: unsupported('Task runners (Code node)'),
			logAiEvent: () => undefined,
			setExecutionStatus: () => undefined,
			sendDataToUI: () => undefined,
		} as IWorkflowExecuteAdditionalData;
	}

	private tempNode(
		nodeType: string,
		params: INodeParameters,
		opts: HarnessNodeCallOptions,
		type: INodeType,
	): INode {
		const credentials =
			opts.credentials ??
			Object.fromEntries(
				(type.description.credentials ?? [])
					.filter((c) => this.credentialsHelper.store.has(c.name))
					.map((c) => [c.name, { id: c.name, name: c.name }]),
			);
		const node: INode = {
			id: 'uuid-1234',
			name: 'Temp-Node',
			type: nodeType,
			typeVersion: opts.typeVersion ?? type.description.defaultVersion ?? this.latestVersion(type),
			position: [0, 0],
			parameters: params,
		};
		if (Object.keys(credentials).length > 0) node.credentials = credentials;
		return node;
	}

	private latestVersion(type: INodeType): number {
		const { version } = type.description;
		return Array.isArray(version) ? Math.max(...version) : version;
	}

	private async loadOptionsContext(
		nodeType: string,
		params: INodeParameters,
		opts: HarnessNodeCallOptions & { path?: string },
	): Promise<ILoadOptionsFunctions> {
		await this.ready();
		const type = this.nodeTypes.getByNameAndVersion(nodeType, opts.typeVersion);
		const node = this.tempNode(nodeType, params, opts, type);
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: this.nodeTypes,
		});
		const tempNode = workflow.getNode(node.name)!;
		// The editor sends the node's parameters with their defaults filled in, as Workflow stores them.
		const additionalData = this.additionalData({
			executionId: this.nextExecutionId(),
			workflowId: workflow.id,
			currentNodeParameters: tempNode.parameters,
		});
		return new LoadOptionsContext(workflow, tempNode, additionalData, opts.path ?? 'parameters');
	}
}
