/**
 * nodes/Airudder/helpers/n8nCompat.ts: on an n8n-workflow without the webhook description helpers
 * (n8n 1.x and 2.0–2.34; they appear in n8n-workflow 2.35) both triggers still load and describe
 * the same webhook as with the helpers: the same expression templates, which older n8n evaluates.
 * (test/e2e/n8n1.test.ts runs them in a real n8n 1.123.81.)
 */
import type { INodeParameters, INodeType, IWebhookDescription } from 'n8n-workflow';
import * as workflow from 'n8n-workflow';

import { fallbackHelpers, hasWebhookFieldHelpers } from '../../nodes/Airudder/helpers/n8nCompat';

const HELPERS = ['fromFunction', 'fromParameter', 'webhookDescriptionFields'] as const;

/** Loads a trigger node with an n8n-workflow that lacks the helpers, as n8n 1.x provides it. */
function loadWithOldWorkflow(file: string, className: string): INodeType {
	let node: INodeType | undefined;
	jest.isolateModules(() => {
		jest.doMock('n8n-workflow', () => {
			const actual = jest.requireActual<Record<string, unknown>>('n8n-workflow');
			return Object.fromEntries(
				Object.entries(actual).filter(([name]) => !(HELPERS as readonly string[]).includes(name)),
			);
		});
		const loaded = jest.requireActual<Record<string, new () => INodeType>>(file);
		node = new loaded[className]();
	});
	jest.dontMock('n8n-workflow');
	return node!;
}

/** The string fields of a webhook description (what the editor and older n8n read). */
const strings = (webhook: IWebhookDescription) =>
	Object.fromEntries(Object.entries(webhook).filter(([, value]) => typeof value === 'string'));

describe.each([
	['../../nodes/Airudder/AirudderTrigger.node', 'AirudderTrigger'],
	['../../nodes/Airudder/AirudderChatbotTrigger.node', 'AirudderChatbotTrigger'],
])('%s on an n8n-workflow without the webhook field helpers', (file, className) => {
	it('loads and declares the same webhook templates as with the helpers', () => {
		const current = new (jest.requireActual<Record<string, new () => INodeType>>(file)[
			className
		])();
		const old = loadWithOldWorkflow(file, className);
		const [webhook] = old.description.webhooks!;
		expect(strings(webhook)).toEqual(strings(current.description.webhooks![0]));
		// the path is a plain string (the secret is no longer in it); responseData is a fromFunction
		expect(webhook.path).toBe(className === 'AirudderTrigger' ? 'airudder' : 'airudder-chatbot');
		expect(webhook.responseData).toMatch(/^=\{\{\(.*\)\(\$parameter\)\}\}$/s);
		expect(webhook.responseMode).toBe('={{$parameter["responseMode"] || "onReceived"}}');
		expect(Object.getOwnPropertySymbols(webhook)).toEqual([]);
	});
});

describe('fallback helpers', () => {
	it('are not used where n8n-workflow has the helpers (this repo: 2.41)', () => {
		expect(hasWebhookFieldHelpers).toBe(true);
	});

	it.each<[string, string | string[], string | undefined, INodeParameters]>([
		['set value', 'responseMode', 'onReceived', { responseMode: 'lastNode' }],
		['missing value', 'responseMode', 'onReceived', {}],
		['empty value', 'responseMode', 'onReceived', { responseMode: '' }],
		['no fallback', 'responseMode', undefined, {}],
		['nested path', ['options', 'x'], 'd', { options: { x: 'v' } }],
		['missing parent', ['options', 'x'], undefined, {}],
	])('fromParameter (%s) gives the template and value of n8n-workflow', (_, path, fallback, p) => {
		const ours = fallbackHelpers.fromParameter(path, fallback);
		const theirs = workflow.fromParameter(path, fallback);
		expect(ours.template).toBe(theirs.template);
		expect(ours.resolve(p)).toEqual(theirs.resolve(p));
	});

	it('fromFunction and webhookDescriptionFields give the templates of n8n-workflow', () => {
		const fn = (p: INodeParameters) => (p.a === 'x' ? 'one' : 'two');
		expect(fallbackHelpers.fromFunction(fn).template).toBe(workflow.fromFunction(fn).template);
		expect(fallbackHelpers.fromFunction(fn).resolve({ a: 'x' })).toBe('one');
		const fields = { path: workflow.fromFunction(fn), mode: workflow.fromParameter('m', 'z') };
		expect(fallbackHelpers.webhookDescriptionFields(fields)).toEqual({
			path: fields.path.template,
			mode: fields.mode.template,
		});
	});
});
