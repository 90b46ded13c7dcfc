import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';

import { AirudderChatbotApi } from '../../credentials/AirudderChatbotApi.credentials';
import { AirudderChatbot } from '../../nodes/Airudder/AirudderChatbot.node';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import {
	airudderWorkflow,
	contacts,
	itemsWorkflow,
	startAirudder,
	taskCreateParameters,
} from './airudder';
import { WorkflowHarness, type HarnessWorkflow } from './workflow';

/**
 * Per-describe set-ups of the workflow tests (test/workflow/<node>/<resource>.test.ts): each call
 * registers jest hooks that start a sandbox and a harness before the block, close them after it and
 * clear the sandbox's faults and recorded requests before each test.
 */

/** A running sandbox + harness with the AIRudder node and its `airudderApi` credential. */
export type AirudderEnv = Awaited<ReturnType<typeof startAirudder>>;

/** The AIRudder node's suite; the returned object is filled in `beforeAll`. */
export function airudderSuite(
	options: SandboxOptions = {},
	credential: IDataObject = {},
): AirudderEnv {
	const env = {} as AirudderEnv;
	beforeAll(async () => {
		Object.assign(env, await startAirudder(options, credential));
	});
	afterAll(async () => await env.close());
	beforeEach(() => {
		env.sandbox.clearFaults();
		env.sandbox.clearRequests();
	});
	return env;
}

/** The requests the sandbox received, the token exchange aside. */
export const apiCalls = (env: AirudderEnv) =>
	env.sandbox.requests.filter((r) => r.path !== '/service/cloud/auth');

/** Creates a sandbox task of `n` contacts through the node. @returns its TaskID. */
export async function createTask(env: AirudderEnv, n = 2): Promise<string> {
	const result = await env.harness.run(airudderWorkflow(taskCreateParameters(), contacts(n)));
	return result.output('AIRudder')[0].json.TaskID as string;
}

export const CHATBOT_TYPE = 'n8n-nodes-airudder.airudderChatbot';
export const CHATBOT_API_KEY = 'wf-chatbot-api-key';
export const CHATBOT_NODE = 'AIRudder Chatbot';

/** Manual Trigger → Items → AIRudder Chatbot with `parameters`. */
export const chatbotWorkflow = (
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	settings: Partial<INode> = {},
): HarnessWorkflow =>
	itemsWorkflow(
		{
			type: CHATBOT_TYPE,
			name: CHATBOT_NODE,
			credentials: { airudderChatbotApi: { id: 'cred-1', name: 'Chatbot sandbox' } },
		},
		parameters,
		items,
		settings,
	);

/** Template Message → Send, wired to the input items as in the seed's example. */
export const sendParameters = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'templateMessage',
	operation: 'send',
	templateId: '28',
	channelId: '62895422536400',
	receiverId: '={{ $json.phone }}',
	templateVariables: {
		variable: [
			{ name: 'date', value: '={{ $json.date }}' },
			{ name: 'name', value: '={{ $json.name }}' },
		],
	},
	robotId: '3927',
	robotVersionId: '2612',
	...overrides,
});

/** An input item for {@link sendParameters}: the seed's receiver variables. */
export const receiverItem = (phone: string, name = 'tttt001') => ({
	phone,
	date: '2024-01-17',
	name,
});

/** A running sandbox + harness with the Chatbot node and its `airudderChatbotApi` credential. */
export interface ChatbotEnv {
	server: Sandbox;
	harness: WorkflowHarness;
	/** The stored credential: the API key, no sign secret, the sandbox's URL. */
	credential(): ICredentialDataDecryptedObject;
	/** The chatbot requests the sandbox received, bodies as objects. */
	requests(): Array<Sandbox['requests'][number] & { body: IDataObject }>;
}

/** The Chatbot node's suite (the credential is reset before each test); filled in `beforeAll`. */
export function chatbotSuite(): ChatbotEnv {
	const env = {
		credential: () => ({ apiKey: CHATBOT_API_KEY, signSecret: '', baseUrl: env.server.url }),
		requests: () => env.server.requests.map((r) => ({ ...r, body: (r.body ?? {}) as IDataObject })),
	} as unknown as ChatbotEnv;
	beforeAll(async () => {
		env.server = await startSandbox({ chatbotApiKey: CHATBOT_API_KEY });
		env.harness = new WorkflowHarness({
			nodeTypes: { [CHATBOT_TYPE]: new AirudderChatbot() },
			credentialTypes: [new AirudderChatbotApi()],
			credentials: { airudderChatbotApi: env.credential() },
		});
	});
	afterAll(async () => {
		await env.harness.close();
		await env.server.close();
	});
	beforeEach(() => {
		env.server.clearRequests();
		env.server.clearFaults();
		env.harness.setCredentials('airudderChatbotApi', env.credential());
	});
	return env;
}
