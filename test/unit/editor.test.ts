/**
 * What the n8n editor and an AI agent read from the nodes' descriptions, checked on the classes:
 * - every text the editor shows (display names, descriptions, hints, placeholders, option names,
 *   action labels, notices) renders as written: n8n renders descriptions as sanitised HTML, so a
 *   `<word>` that is not an allowed tag disappears (e.g. "Add ?<name>=<secret>" read "Add ?=");
 * - one Custom API Call per action node, last in the Resource list, with one operation, also
 *   after n8n adds its generic entry (replayed here as n8n's `injectCustomApiCallOptions` does it);
 * - a new node (and so an AI agent's tool) starts on a read (the QA node, whose API has no read,
 *   on Task → Create); every write's action label, which n8n
 *   makes the tool's description ("<action> in <node name>"), says that it acts in the real world;
 * - as a tool, an empty result becomes one item that says nothing matched; in a workflow it stays
 *   empty.
 */
import type {
	ICredentialType,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { makeDescription } from 'n8n-workflow';

import * as entry from '../../index';
import { EMPTY_TOOL_RESULT, toolOutput } from '../../nodes/Airudder/actions/shared/tool';

const CREDENTIALS = Object.values(entry)
	.map((Class) => new (Class as new () => INodeType | ICredentialType)())
	.filter((type): type is ICredentialType => !('description' in type));
const NODES = Object.values(entry)
	.map((Class) => new (Class as new () => INodeType | ICredentialType)())
	.filter((type): type is INodeType => 'description' in type);
const ACTION_NODES = NODES.filter((node) => node.description.usableAsTool);

/** Tags the editor's sanitiser keeps and that the package may use on purpose. */
const ALLOWED_TAGS = new Set(['a', 'b', 'br', 'code', 'em', 'i', 'li', 'ol', 'p', 'strong', 'ul']);

/** Every text the editor shows of a property, its options and nested values, with where it is. */
function texts(properties: INodeProperties[], where: string): Array<[string, string]> {
	const found: Array<[string, string]> = [];
	const add = (path: string, value: unknown) => {
		if (typeof value === 'string' && value) found.push([path, value]);
	};
	for (const property of properties) {
		const at = `${where} › ${property.displayName}`;
		add(`${at} (displayName)`, property.displayName);
		add(`${at} (description)`, property.description);
		add(`${at} (hint)`, property.hint);
		add(`${at} (placeholder)`, property.placeholder);
		for (const option of property.options ?? []) {
			if ('values' in option) {
				const collection = option as INodePropertyCollection;
				add(`${at} › ${collection.displayName}`, collection.displayName);
				found.push(...texts(collection.values, `${at} › ${collection.displayName}`));
			} else if ('type' in option) {
				found.push(...texts([option as INodeProperties], at));
			} else {
				const choice = option as INodePropertyOptions;
				add(`${at} › ${choice.name} (name)`, choice.name);
				add(`${at} › ${choice.name} (description)`, choice.description);
				add(`${at} › ${choice.name} (action)`, choice.action);
			}
		}
	}
	return found;
}

const EDITOR_TEXTS: Array<[string, string]> = [
	...NODES.flatMap((node) => {
		const d = node.description;
		return [
			[`${d.displayName} (description)`, d.description] as [string, string],
			...texts(d.properties, d.displayName),
		];
	}),
	...CREDENTIALS.flatMap((credential) => texts(credential.properties, credential.displayName)),
];

/** The markup in `text` that the editor would swallow: a `<` opening something not allowed. */
function swallowed(text: string): string[] {
	return [...text.matchAll(/<\/?([A-Za-z][\w-]*)[^>]*>?/g)]
		.filter((m) => !ALLOWED_TAGS.has(m[1].toLowerCase()))
		.map((m) => m[0]);
}

describe('editor texts render as written', () => {
	it('finds the texts of every node and credential (the scan is not empty)', () => {
		expect(EDITOR_TEXTS.length).toBeGreaterThan(500);
		expect(EDITOR_TEXTS.map(([where]) => where)).toContain(
			'AIRudder Callback API › Shared Secret › In URL Query Parameter (description)',
		);
	});

	it('the scan catches what the editor swallows', () => {
		expect(swallowed('Add ?<name>=<secret> to the URL')).toEqual(['<name>', '<secret>']);
		expect(swallowed('a <code>?secret=&lt;x&gt;</code> b <Task Name>-1')).toEqual(['<Task Name>']);
	});

	it.each(EDITOR_TEXTS)('%s', (_where, text) => {
		expect(swallowed(text)).toEqual([]);
	});

	it('the callback credential spells the query parameter form with entities', () => {
		const hint = EDITOR_TEXTS.find(([where]) =>
			where.endsWith('In URL Query Parameter (description)'),
		);
		expect(hint?.[1]).toMatch(/^Add \?&lt;name&gt;=&lt;secret&gt; to the Production URL/);
	});
});

/** The properties of `node` that show at its default version (n8n picks them by `@version`). */
function atDefaultVersion(node: INodeTypeDescription): INodeProperties[] {
	const version =
		node.defaultVersion ?? (Array.isArray(node.version) ? Math.max(...node.version) : node.version);
	return node.properties.filter((p) => {
		const shown = p.displayOptions?.show?.['@version'];
		return !shown || (shown as unknown[]).includes(version);
	});
}

/** n8n's `injectCustomApiCallOptions` (load-nodes-and-credentials.ts), replayed on a copy. */
function withN8nCustomApiCall(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((p) => {
		const options = p.options as INodePropertyOptions[] | undefined;
		if (
			['resource', 'operation'].includes(p.name) &&
			Array.isArray(options) &&
			options[options.length - 1].name !== 'Custom API Call'
		) {
			return {
				...p,
				options: [...options, { name: 'Custom API Call', value: '__CUSTOM_API_CALL__' }],
			};
		}
		return p;
	});
}

describe.each(ACTION_NODES.map((node) => [node.description.displayName, node.description]))(
	'%s',
	(_name, description) => {
		const properties = withN8nCustomApiCall(atDefaultVersion(description));
		const resource = properties.find((p) => p.name === 'resource')!;
		const resourceOptions = resource.options as INodePropertyOptions[];
		/** The Operation dropdown of one resource. */
		const operationOf = (value: string) =>
			properties.find(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(value),
			)!;

		it('has one Custom API Call, last in the Resource list, also after n8n adds its own', () => {
			expect(resourceOptions.filter((o) => o.name === 'Custom API Call')).toEqual([
				{ name: 'Custom API Call', value: 'custom' },
			]);
			expect(resourceOptions[resourceOptions.length - 1].value).toBe('custom');
			// the other resources are in alphabetical order before it
			const others = resourceOptions.slice(0, -1).map((o) => o.name);
			expect(others).toEqual([...others].sort((a, b) => a.localeCompare(b)));
		});

		it('has one operation under Custom API Call, also after n8n adds its own', () => {
			const options = operationOf('custom').options as INodePropertyOptions[];
			expect(options.map((o) => [o.name, o.value])).toEqual([['Custom API Call', 'apiCall']]);
			expect(options[0].action).toMatch(/^Call any .* endpoint that may (place|send|change) /);
		});

		// the QA API has no read at all (see below): every other node starts on a read
		if (description.name !== 'airudderQa')
			it('a new node starts on a read (what an AI agent gets when nobody picks an operation)', () => {
				const resourceDefault = String(resource.default);
				const operation = operationOf(resourceDefault);
				expect(String(operation.default)).toMatch(/^get/);
				const action = makeDescription(
					{ resource: resourceDefault, operation: operation.default },
					{ ...description, properties },
				);
				expect(action).toMatch(/^Get .* in AIRudder/);
			});

		// The QA API as known has no read operation (only create, upload, start, cancel), and none
		// is invented: a new QA node starts on Task → Create, the least harmful write (an empty
		// task; no recording is sent or analysed), as the README says.
		if (description.name === 'airudderQa')
			it('a new QA node starts on Task → Create (it has no read to start on)', () => {
				expect(resource.default).toBe('task');
				expect(operationOf('task').default).toBe('create');
				const operations = properties
					.filter((p) => p.name === 'operation')
					.flatMap((p) => (p.options as INodePropertyOptions[]).map((o) => String(o.value)));
				expect(operations.filter((value) => /^get/.test(value))).toEqual([]);
				const action = makeDescription(
					{ resource: 'task', operation: 'create' },
					{ ...description, properties },
				);
				expect(action).toMatch(/no recording is sent|Create a QA task/);
			});
	},
);

/** Every write of the action nodes: its tool description must say what it does in the world. */
const WRITES: Array<[string, string, string, RegExp]> = [
	['airudder', 'task', 'create', /places real phone calls/],
	['airudder', 'task', 'stop', /places no more calls/],
	['airudder', 'task', 'cancelCall', /number is not dialled again/],
	['airudder', 'workflow', 'create', /places real phone calls/],
	['airudder', 'workflow', 'addContacts', /places real phone calls/],
	['airudder', 'sms', 'send', /SMS to a real phone number/],
	['airudder', 'custom', 'apiCall', /may place calls or send messages/],
	['airudderChatbot', 'templateMessage', 'send', /real recipients/],
	['airudderChatbot', 'huaweiChannel', 'sendUserMessage', /real user message/],
	['airudderChatbot', 'custom', 'apiCall', /may send real messages/],
	['airudderPredictiveDialer', 'custom', 'apiCall', /may change tasks or place real calls/],
	['airudderQa', 'custom', 'apiCall', /may send recordings or change tasks/],
];

describe('tool descriptions of the writes ("<action> in <node name>")', () => {
	it.each(WRITES)('%s %s → %s says %s', (name, resource, operation, says) => {
		const node = ACTION_NODES.find((n) => n.description.name === name)!.description;
		const text = makeDescription({ resource, operation }, node);
		expect(text).toMatch(says);
		expect(text).toMatch(new RegExp(` in ${node.defaults.name}$`));
	});
});

describe('an empty result as an AI agent reads it', () => {
	/** A node context that runs as a tool (n8n 2.x), or as n8n 1.x's `<type>Tool`, or in a workflow. */
	const context = (type: string, isToolExecution?: boolean) =>
		({
			getNode: () => ({ type }),
			...(isToolExecution === undefined ? {} : { isToolExecution: () => isToolExecution }),
		}) as unknown as IExecuteFunctions;
	const item: INodeExecutionData = { json: { id: 1 }, pairedItem: { item: 0 } };

	it('as a tool, no items become one item saying that nothing matched', () => {
		const expected = [{ json: { result: EMPTY_TOOL_RESULT }, pairedItem: { item: 0 } }];
		expect(toolOutput.call(context('n8n-nodes-airudder.airudderTool', true), [])).toEqual(expected);
		// n8n 1.x has no isToolExecution(): the tool type's name decides
		expect(toolOutput.call(context('n8n-nodes-airudder.airudderTool'), [])).toEqual(expected);
		expect(EMPTY_TOOL_RESULT).toMatch(/nothing matched/);
	});

	it('in a workflow, no items stay no items; results are never changed', () => {
		expect(toolOutput.call(context('n8n-nodes-airudder.airudder', false), [])).toEqual([]);
		expect(toolOutput.call(context('n8n-nodes-airudder.airudder'), [])).toEqual([]);
		expect(toolOutput.call(context('n8n-nodes-airudder.airudderTool', true), [item])).toEqual([
			item,
		]);
	});
});
