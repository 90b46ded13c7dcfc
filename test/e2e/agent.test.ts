/**
 * The three AIRudder action nodes as tools of n8n's own AI Agent in a REAL n8n 2.41.1: the agent
 * (@n8n/n8n-nodes-langchain.agent) with its OpenAI Chat Model (lmChatOpenAi) pointed at a scripted
 * OpenAI-compatible model on 127.0.0.1 (test/support/mock-model.ts), and AIRudder Tool, AIRudder
 * Chatbot Tool and AIRudder Predictive Dialer Tool (n8n's `<type>Tool` form of each node) against
 * the sandbox. For each node the test reads what the model received (tool names, descriptions,
 * parameter schemas with the `$fromAI` descriptions), checks that a read and a write the model asks
 * for reach the sandbox, and what the model gets back, including an empty result.
 */
import path from 'node:path';

import type { INode } from 'n8n-workflow';

import { DEFAULT_CHATBOT_API_KEY } from '../../sandbox/chatbot';
import { PDS_APP_KEY, PDS_APP_SECRET } from '../../sandbox/pds';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { EMPTY_TOOL_RESULT } from '../../nodes/Airudder/actions/shared/tool';
import {
	startMockModel,
	toolResults,
	type ChatRequest,
	type MockModel,
	type OfferedTool,
} from '../support/mock-model';
import { ensureN8nRuntime, N8nInstance, type RunResult, type WorkflowJson } from '../support/n8n';
import { ROBOT_ID } from '../support/task-parameters';

const ROOT = path.resolve(__dirname, '../..');
const APP_KEY = 'agent-app-key';
const APP_SECRET = 'agent-app-secret';
const CREDENTIALS = {
	airudderApi: { id: 'agentVoiceCred', name: 'AIRudder sandbox' },
	airudderChatbotApi: { id: 'agentChatbotCred', name: 'AIRudder Chatbot sandbox' },
	airudderPdsApi: { id: 'agentPdsCred', name: 'AIRudder PDS sandbox' },
	openAiApi: { id: 'agentModelCred', name: 'Mock model' },
};
const AGENT = 'AI Agent';
const MODEL = 'OpenAI Chat Model';
/** `$fromAI` descriptions the model must receive. */
const FROM_AI = {
	taskName: 'A new, unique name for the calling task',
	mobile: 'The number to call: + and the country code, e.g. +6212341234',
	taskId: 'The TaskID that Create_calling_task returned',
	conversationId: 'The conversation (call_id) to read',
	lastMessageId: 'ID of the last message already read; empty for the first page',
	whatsappId: 'The receiver WhatsApp ID: country code and number, digits only',
	pdsTaskName: 'A new task name: letters, digits, underscores',
	phoneNumber: 'The number to dial: + and the country code',
	from: 'Start of the window: ISO 8601 with an offset',
	to: 'End of the window: ISO 8601 with an offset',
};
const fromAI = (key: keyof typeof FROM_AI, name = key) =>
	`={{ $fromAI('${name}', '${FROM_AI[key]}', 'string') }}`;

/** Manual Trigger → AI Agent with the mock model and `tools` (their names are the tool names). */
function agentWorkflow(id: string, prompt: string, tools: Array<Omit<INode, 'id' | 'position'>>) {
	const nodes: INode[] = [
		{
			id: `${id}-start`,
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: `${id}-agent`,
			name: AGENT,
			type: '@n8n/n8n-nodes-langchain.agent',
			typeVersion: 3.1,
			position: [200, 0],
			parameters: { promptType: 'define', text: prompt, options: {} },
		},
		{
			id: `${id}-model`,
			name: MODEL,
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			typeVersion: 1.2,
			position: [200, 200],
			parameters: { model: { __rl: true, mode: 'id', value: 'mock-model' }, options: {} },
			credentials: { openAiApi: CREDENTIALS.openAiApi },
		},
		...tools.map((tool, i) => ({ ...tool, id: `${id}-tool-${i}`, position: [400, 200 + 100 * i] })),
	] as INode[];
	const toAgent = (type: string) => ({ [type]: [[{ node: AGENT, type, index: 0 }]] });
	return {
		id,
		name: id,
		settings: { executionOrder: 'v1' },
		nodes,
		connections: {
			Start: { main: [[{ node: AGENT, type: 'main', index: 0 }]] },
			[MODEL]: toAgent('ai_languageModel'),
			...Object.fromEntries(tools.map((tool) => [tool.name, toAgent('ai_tool')])),
		},
	} as WorkflowJson;
}

/** The tools of the first request, by name: what the model was offered. */
function offered(requests: ChatRequest[]): Record<string, OfferedTool> {
	expect(requests.length).toBeGreaterThan(0);
	return Object.fromEntries(
		(requests[0].tools ?? []).map(({ function: tool }) => [tool.name, tool]),
	);
}

/** The `{ name: description }` of a tool's parameters. */
const parameterDescriptions = (tool: OfferedTool) =>
	Object.fromEntries(
		Object.entries(tool.parameters.properties ?? {}).map(([name, p]) => [name, p.description]),
	);

/** A tool result as JSON (n8n sends the tool's output items' json as a JSON array). */
const parsed = (text: string | undefined) =>
	JSON.parse(String(text)) as Array<Record<string, unknown>>;

/** The agent's final answer in a run, failing with the run's error when it did not succeed. */
function agentAnswer(run: RunResult): string {
	const error = run.data.resultData.error;
	expect({ status: run.status, error: error?.message }).toEqual({
		status: 'success',
		error: undefined,
	});
	return String(run.data.resultData.runData[AGENT]?.[0]?.data?.main[0]?.[0]?.json.output);
}

/**
 * An account time zone (and its UTC offset, for the sandbox) in which now and now + 40 min are on
 * the same day: a dialer task must start and end on one day.
 */
function sameDayZone(): { zone: string; offset: string } {
	const day = (date: Date, timeZone: string) => date.toLocaleDateString('en-CA', { timeZone });
	const later = new Date(Date.now() + 40 * 60_000);
	const zones = [
		{ zone: 'Asia/Jakarta', offset: '+07:00' },
		{ zone: 'Asia/Kolkata', offset: '+05:30' },
		{ zone: 'America/Mexico_City', offset: '-06:00' },
	];
	return zones.find(({ zone }) => day(new Date(), zone) === day(later, zone)) ?? zones[0];
}

describe('AIRudder tools in n8n 2.41.1 AI Agent (scripted model)', () => {
	let sandbox: Sandbox;
	let model: MockModel;
	let n8n: N8nInstance;

	const voiceFlow = agentWorkflow(
		'agentVoice',
		'Call +6212341234 about their order, then tell me the task status.',
		[
			{
				name: 'Create calling task',
				type: 'n8n-nodes-airudder.airudderTool',
				typeVersion: 1.1,
				parameters: {
					resource: 'task',
					operation: 'create',
					taskName: fromAI('taskName'),
					robotId: { __rl: true, mode: 'id', value: ROBOT_ID },
					sipLine: 'SANDBOX_LINE',
					platform: 'AgentShop',
					mobile: fromAI('mobile'),
				},
				credentials: { airudderApi: CREDENTIALS.airudderApi },
			},
			{
				// no resource/operation: the tool's defaults (version 1.1: Task → Get)
				name: 'Get task',
				type: 'n8n-nodes-airudder.airudderTool',
				typeVersion: 1.1,
				parameters: { taskId: fromAI('taskId') },
				credentials: { airudderApi: CREDENTIALS.airudderApi },
			},
		],
	);
	const chatbotFlow = agentWorkflow(
		'agentChatbot',
		'Read conversation conv-1, check for newer messages, then send template 101 to 6281234567890.',
		[
			{
				// no resource/operation: the tool's defaults (version 1.1: Message → Get Many)
				name: 'Read messages',
				type: 'n8n-nodes-airudder.airudderChatbotTool',
				typeVersion: 1.1,
				parameters: {
					descriptionType: 'manual',
					toolDescription:
						'Reads the messages of one WhatsApp conversation. Give lastMessageId to read only newer messages.',
					callId: fromAI('conversationId'),
					lastMessageId: fromAI('lastMessageId'),
				},
				credentials: { airudderChatbotApi: CREDENTIALS.airudderChatbotApi },
			},
			{
				name: 'Send template',
				type: 'n8n-nodes-airudder.airudderChatbotTool',
				typeVersion: 1.1,
				parameters: {
					resource: 'templateMessage',
					operation: 'send',
					templateId: '101',
					channelId: 'channel-1',
					receiverId: fromAI('whatsappId'),
				},
				credentials: { airudderChatbotApi: CREDENTIALS.airudderChatbotApi },
			},
		],
	);
	const { zone, offset } = sameDayZone();
	const pdsFlow = agentWorkflow(
		'agentPds',
		'Start a dialer campaign for +6212340001, then list the tasks starting around now and in January 2020.',
		[
			{
				name: 'Create dialer task',
				type: 'n8n-nodes-airudder.airudderPredictiveDialerTool',
				typeVersion: 1,
				parameters: {
					resource: 'task',
					operation: 'create',
					taskName: fromAI('pdsTaskName', 'taskName'),
					groupName: 'Group_Sandbox',
					startTime: "={{ $now.plus(5, 'minutes').toISO() }}",
					autoEndTime: "={{ $now.plus(30, 'minutes').toISO() }}",
					accountTimeZone: zone,
					phoneNumber: fromAI('phoneNumber'),
					contactSource: 'defined',
				},
				credentials: { airudderPdsApi: CREDENTIALS.airudderPdsApi },
			},
			{
				name: 'List dialer tasks',
				type: 'n8n-nodes-airudder.airudderPredictiveDialerTool',
				typeVersion: 1,
				parameters: {
					resource: 'task',
					operation: 'getAll',
					minStartTime: fromAI('from'),
					maxStartTime: fromAI('to'),
					accountTimeZone: zone,
					returnAll: true,
				},
				credentials: { airudderPdsApi: CREDENTIALS.airudderPdsApi },
			},
		],
	);

	beforeAll(async () => {
		await ensureN8nRuntime();
		sandbox = await startSandbox({
			appKey: APP_KEY,
			appSecret: APP_SECRET,
			accountUtcOffset: offset,
		});
		model = await startMockModel();
		n8n = new N8nInstance({ packageDir: ROOT });
		await n8n.importCredentials([
			{
				...CREDENTIALS.airudderApi,
				type: 'airudderApi',
				data: { appKey: APP_KEY, appSecret: APP_SECRET, baseUrl: sandbox.url },
			},
			{
				...CREDENTIALS.airudderChatbotApi,
				type: 'airudderChatbotApi',
				data: { apiKey: DEFAULT_CHATBOT_API_KEY, baseUrl: sandbox.url },
			},
			{
				...CREDENTIALS.airudderPdsApi,
				type: 'airudderPdsApi',
				data: { appKey: PDS_APP_KEY, appSecret: PDS_APP_SECRET, baseUrl: sandbox.url },
			},
			{
				...CREDENTIALS.openAiApi,
				type: 'openAiApi',
				data: { apiKey: 'sk-mock', url: model.url },
			},
		]);
		await n8n.importWorkflow([voiceFlow, chatbotFlow, pdsFlow]);
	}, 20 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await model?.close();
		await sandbox?.close();
	}, 60_000);

	test('AIRudder Tool: the model creates a calling task (a write) and reads it back (a read)', async () => {
		model.script((request, index) => {
			if (index === 0)
				return {
					toolCalls: [
						{
							name: 'Create_calling_task',
							args: { taskName: 'agent-task-1', mobile: '+6212341234' },
						},
					],
				};
			if (index === 1) {
				const [created] = parsed(toolResults(request).Create_calling_task?.[0]);
				return { toolCalls: [{ name: 'Get_task', args: { taskId: String(created?.TaskID) } }] };
			}
			return { text: 'The call is placed.' };
		});
		sandbox.clearRequests();
		const run = await n8n.execute(voiceFlow.id);
		expect(agentAnswer(run)).toBe('The call is placed.');

		// What the model was offered: each write says it acts; $fromAI fields carry their descriptions.
		const tools = offered(model.requests);
		expect(Object.keys(tools).sort()).toEqual(['Create_calling_task', 'Get_task']);
		expect(tools.Create_calling_task.description).toBe(
			'Create a calling task that places real phone calls in AIRudder',
		);
		expect(tools.Get_task.description).toBe('Get a task in AIRudder');
		expect(parameterDescriptions(tools.Create_calling_task)).toEqual({
			taskName: FROM_AI.taskName,
			mobile: FROM_AI.mobile,
		});
		expect(tools.Create_calling_task.parameters.required?.sort()).toEqual(['mobile', 'taskName']);
		expect(parameterDescriptions(tools.Get_task)).toEqual({ taskId: FROM_AI.taskId });

		// The write and the read reached the sandbox, with the model's values and the typed Platform.
		const create = sandbox.requests.find(
			(r) => r.method === 'POST' && r.path === '/service/cloud/v2/task',
		);
		expect(create?.status).toBe(200);
		const body = create?.body as { TaskName: string; Details: Array<Record<string, unknown>> };
		expect(body.TaskName).toBe('agent-task-1');
		expect(body.Details).toEqual([
			expect.objectContaining({ Mobile: '+6212341234', Platform: 'AgentShop' }),
		]);

		// What the model got back: the created contact with its TaskID, then the task itself.
		const results = toolResults(model.requests[2]);
		const [created] = parsed(results.Create_calling_task[0]);
		expect(created).toMatchObject({
			TaskName: 'agent-task-1',
			Mobile: '+6212341234',
			created: true,
		});
		expect(created.TaskID).toEqual(expect.any(String));
		const read = sandbox.requests.filter(
			(r) => r.method === 'GET' && JSON.stringify(r.query ?? {}).includes(String(created.TaskID)),
		);
		expect(read.length).toBeGreaterThanOrEqual(1);
		expect(JSON.stringify(parsed(results.Get_task[0]))).toContain(String(created.TaskID));
	}, 180_000);

	test('AIRudder Chatbot Tool: a read, an empty read ("nothing matched") and a template send', async () => {
		const lastMessage = '9fec57b9bd3cbf762a18d0c03afb9394';
		model.script((_request, index) => {
			const calls = [
				{ name: 'Read_messages', args: { conversationId: 'conv-1', lastMessageId: '' } },
				{ name: 'Read_messages', args: { conversationId: 'conv-1', lastMessageId: lastMessage } },
				{ name: 'Send_template', args: { whatsappId: '6281234567890' } },
			];
			return index < calls.length ? { toolCalls: [calls[index]] } : { text: 'Sent.' };
		});
		sandbox.clearRequests();
		const run = await n8n.execute(chatbotFlow.id);
		expect(agentAnswer(run)).toBe('Sent.');

		const tools = offered(model.requests);
		expect(Object.keys(tools).sort()).toEqual(['Read_messages', 'Send_template']);
		// a manual description is sent as written
		expect(tools.Read_messages.description).toBe(
			'Reads the messages of one WhatsApp conversation. Give lastMessageId to read only newer messages.',
		);
		expect(tools.Send_template.description).toBe(
			'Send a template message to real recipients in AIRudder Chatbot',
		);
		expect(parameterDescriptions(tools.Read_messages)).toEqual({
			conversationId: FROM_AI.conversationId,
			lastMessageId: FROM_AI.lastMessageId,
		});
		expect(parameterDescriptions(tools.Send_template)).toEqual({ whatsappId: FROM_AI.whatsappId });

		const reads = sandbox.requests.filter((r) => r.path === '/api/v1/session/messages');
		expect(reads.map((r) => (r.body as { last_msg_id: string }).last_msg_id)).toEqual([
			'',
			lastMessage,
		]);
		const sends = sandbox.requests.filter((r) => r.path === '/api/v1/template/send');
		expect(sends).toHaveLength(1);
		expect(JSON.stringify(sends[0].body)).toContain('6281234567890');

		const results = toolResults(model.requests[3]);
		expect(parsed(results.Read_messages[0]).length).toBeGreaterThan(0);
		expect(parsed(results.Read_messages[0])[0]).toHaveProperty('msg_id');
		// the empty page: the model is told that nothing matched, not handed an empty list
		expect(parsed(results.Read_messages[1])).toEqual([{ result: EMPTY_TOOL_RESULT }]);
		expect(parsed(results.Send_template[0])[0]).toBeDefined();
	}, 180_000);

	test('AIRudder Predictive Dialer Tool: a task created and listed; an empty window says nothing matched', async () => {
		const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
		model.script((_request, index) => {
			const calls = [
				{
					name: 'Create_dialer_task',
					args: { taskName: 'agent_pds_1', phoneNumber: '+6212340001' },
				},
				{ name: 'List_dialer_tasks', args: { from: iso(-3_600_000), to: iso(7_200_000) } },
				{
					name: 'List_dialer_tasks',
					args: { from: '2020-01-01T00:00:00+00:00', to: '2020-01-01T01:00:00+00:00' },
				},
			];
			return index < calls.length ? { toolCalls: [calls[index]] } : { text: 'Listed.' };
		});
		sandbox.clearRequests();
		const run = await n8n.execute(pdsFlow.id);
		expect(agentAnswer(run)).toBe('Listed.');

		const tools = offered(model.requests);
		expect(Object.keys(tools).sort()).toEqual(['Create_dialer_task', 'List_dialer_tasks']);
		expect(tools.Create_dialer_task.description).toMatch(
			/places real phone calls in AIRudder Predictive Dialer$/,
		);
		expect(tools.List_dialer_tasks.description).toBe(
			'Get many predictive dialer tasks in AIRudder Predictive Dialer',
		);
		expect(parameterDescriptions(tools.Create_dialer_task)).toEqual({
			taskName: FROM_AI.pdsTaskName,
			phoneNumber: FROM_AI.phoneNumber,
		});
		expect(parameterDescriptions(tools.List_dialer_tasks)).toEqual({
			from: FROM_AI.from,
			to: FROM_AI.to,
		});

		const paths = sandbox.requests.map((r) => r.path.split('/').pop());
		expect(paths.filter((p) => p === 'createtask')).toHaveLength(1);
		expect(paths.filter((p) => p === 'querytasklist')).toHaveLength(2);

		const results = toolResults(model.requests[3]);
		const [created] = parsed(results.Create_dialer_task[0]);
		expect(created.taskId).toEqual(expect.any(String));
		const listed = parsed(results.List_dialer_tasks[0]);
		expect(JSON.stringify(listed)).toContain('agent_pds_1');
		expect(parsed(results.List_dialer_tasks[1])).toEqual([{ result: EMPTY_TOOL_RESULT }]);
	}, 180_000);
});
