/**
 * A scripted OpenAI-compatible chat model on 127.0.0.1 for tests of n8n's AI Agent: it answers
 * `POST /v1/chat/completions` (plain JSON, or server-sent events when the request streams) with
 * what the test's script returns for that request (tool calls or a final text) and records every
 * request it received, so the test can read the tool list the agent sent and the tool results.
 * `GET /v1/models` lists one model. Anything else is a 404.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tool as the agent offers it (OpenAI `tools[].function`). */
export interface OfferedTool {
	name: string;
	description: string;
	parameters: {
		type: string;
		properties?: Record<string, { type?: string; description?: string }>;
		required?: string[];
	};
}

/** One message of a chat request (only the fields the tests read). */
export interface ChatMessage {
	role: string;
	content?: string | null | Array<{ type: string; text?: string }>;
	tool_call_id?: string;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
}

/** One chat request the model received. */
export interface ChatRequest {
	model: string;
	stream?: boolean;
	messages: ChatMessage[];
	tools?: Array<{ type: string; function: OfferedTool }>;
}

/** What the model answers: tool calls (run by the agent, then asked again) or the final text. */
export type ModelReply = { toolCalls: Array<{ name: string; args: object }> } | { text: string };

/** The script: the reply to the `index`-th request (0-based) of the run. */
export type ModelScript = (request: ChatRequest, index: number) => ModelReply;

export interface MockModel {
	/** `http://127.0.0.1:<port>/v1`: the OpenAI credential's Base URL. */
	url: string;
	/** Every chat request received, in order. */
	requests: ChatRequest[];
	/** Sets the script for the next requests and clears the recorded ones. */
	script(script: ModelScript): void;
	close(): Promise<void>;
}

/** The text of a message's content (a string or OpenAI's content parts). */
export function messageText(message: ChatMessage): string {
	const { content } = message;
	if (typeof content === 'string') return content;
	return (content ?? []).map((part) => part.text ?? '').join('');
}

/** The tool results of a request: `{ <tool name>: [result text, ...] }` in call order. */
export function toolResults(request: ChatRequest): Record<string, string[]> {
	const names = new Map<string, string>();
	for (const message of request.messages) {
		for (const call of message.tool_calls ?? []) names.set(call.id, call.function.name);
	}
	const results: Record<string, string[]> = {};
	for (const message of request.messages.filter((m) => m.role === 'tool')) {
		const name = names.get(String(message.tool_call_id)) ?? String(message.tool_call_id);
		(results[name] ??= []).push(messageText(message));
	}
	return results;
}

let callCounter = 0;

/** The assistant message of a reply, as OpenAI's chat completions return it. */
function assistantMessage(reply: ModelReply) {
	if ('text' in reply) return { role: 'assistant', content: reply.text };
	return {
		role: 'assistant',
		content: null,
		tool_calls: reply.toolCalls.map(({ name, args }) => ({
			id: `call_${++callCounter}`,
			type: 'function',
			function: { name, arguments: JSON.stringify(args) },
		})),
	};
}

function send(res: http.ServerResponse, request: ChatRequest, reply: ModelReply): void {
	const message = assistantMessage(reply);
	const finish = 'text' in reply ? 'stop' : 'tool_calls';
	const base = { id: `chatcmpl-${callCounter}`, created: 1_700_000_000, model: request.model };
	const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
	if (!request.stream) {
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end(
			JSON.stringify({
				...base,
				object: 'chat.completion',
				choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
				usage,
			}),
		);
		return;
	}
	res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
	const chunk = (delta: object, finishReason: string | null, extra: object = {}) =>
		res.write(
			`data: ${JSON.stringify({
				...base,
				object: 'chat.completion.chunk',
				choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
				...extra,
			})}\n\n`,
		);
	const delta =
		'tool_calls' in message
			? {
					role: 'assistant',
					content: null,
					tool_calls: message.tool_calls!.map((call, index) => ({ index, ...call })),
				}
			: { role: 'assistant', content: message.content };
	chunk(delta, null);
	chunk({}, finish, { usage });
	res.end('data: [DONE]\n\n');
}

/** Starts the mock model on a free port of 127.0.0.1. */
export async function startMockModel(): Promise<MockModel> {
	let script: ModelScript = () => ({ text: 'No script.' });
	const requests: ChatRequest[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const path = (req.url ?? '').split('?')[0];
			if (req.method === 'GET' && path === '/v1/models') {
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ object: 'list', data: [{ id: 'mock-model', object: 'model' }] }));
				return;
			}
			if (req.method !== 'POST' || path !== '/v1/chat/completions') {
				res.writeHead(404, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ error: { message: `mock model: no ${req.method} ${path}` } }));
				return;
			}
			const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
			requests.push(request);
			let reply: ModelReply;
			try {
				reply = script(request, requests.length - 1);
			} catch (error) {
				reply = { text: `mock model script failed: ${(error as Error).message}` };
			}
			send(res, request, reply);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		script(next) {
			script = next;
			requests.length = 0;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
