import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { jsonParse, NodeError, NodeOperationError } from 'n8n-workflow';

import { runCredentials } from '../../transport/credentials';
import { parameterResolver } from './parameterResolver';
import { toolOutput } from './tool';

/** The operation files' shape: a description and an execute over all input items. */
export interface OperationModule {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

/**
 * Builds a node's `execute`: dispatches to `<resource>/<operation>.operation.ts`, which handles
 * all input items at once. As an AI agent's tool, an empty output becomes one item saying that
 * nothing matched (`toolOutput` in tool.ts).
 */
export function operationRouter(resources: Record<string, Record<string, OperationModule>>) {
	return async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const module = resources[resource]?.[operation];
		if (!module) {
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${operation}" of "${resource}" is not supported`,
			);
		}
		return [toolOutput.call(this, await module.execute.call(this, this.getInputData()))];
	};
}

/** Adds `displayOptions.show` for one resource/operation to every property that has none. */
export function forOperation(
	resource: string,
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { resource: [resource], operation: [operation], ...property.displayOptions?.show },
		},
	}));
}

/**
 * The error to throw for an item: n8n's node errors (NodeApiError, NodeOperationError) as they
 * are, anything else (a bug, a helper's plain Error) wrapped in a NodeOperationError for that item.
 */
export function asNodeError(this: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeError) return error;
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}

/** Options of {@link perItemData} / {@link perItem}. */
interface PerItemOptions {
	/**
	 * How many items' handlers may run at once: 1 (the default) runs them one after the other.
	 * Give more only for reads (never for writes): see {@link perItemData}. Read it from the
	 * credential with {@link readConcurrency}.
	 */
	concurrency?: number;
}

/**
 * Runs `handle` for each item and collects the output items it returns, in input order (each
 * handler pairs its own items). With "Continue On Fail" an item's error becomes `{ error }` on its
 * own output item; otherwise the first error stops the node (errors already carry the item index).
 *
 * With `options.concurrency` N > 1 (reads only), items run one at a time until one succeeds, then up
 * to N at once. The first request of a run thus goes alone: when the stored token is missing or
 * expired, that one request signs in (n8n's `preAuthentication`) and the others reuse the token
 * instead of each signing in. A token that expires mid-run makes each request in flight refresh it
 * once inside n8n's `httpRequestWithAuthentication`: at most N sign-ins. Without "Continue On
 * Fail", the first error stops new items from starting; once the items in flight have settled, the
 * error of the lowest failed item is thrown.
 */
export async function perItemData(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	handle: (itemIndex: number) => Promise<INodeExecutionData[]>,
	options: PerItemOptions = {},
): Promise<INodeExecutionData[]> {
	const results: INodeExecutionData[][] = new Array<INodeExecutionData[]>(items.length);
	const failures = new Map<number, unknown>();
	let next = 0;
	/** Runs one item; false when it failed. */
	const run = async (itemIndex: number): Promise<boolean> => {
		try {
			results[itemIndex] = await handle(itemIndex);
			return true;
		} catch (error) {
			if (!this.continueOnFail()) failures.set(itemIndex, error);
			else
				results[itemIndex] = [
					{ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } },
				];
			return false;
		}
	};
	// one at a time until an item succeeds (so the credential's token is fresh)
	while (next < items.length && failures.size === 0) {
		if (await run(next++)) break;
	}
	const worker = async () => {
		while (next < items.length && failures.size === 0) await run(next++);
	};
	const workers = Math.min(Math.max(1, Math.floor(options.concurrency ?? 1)), items.length - next);
	await Promise.all(Array.from({ length: Math.max(0, workers) }, worker));
	if (failures.size) {
		const itemIndex = Math.min(...failures.keys());
		throw asNodeError.call(this, failures.get(itemIndex), itemIndex);
	}
	return results.flat();
}

/** `perItemData` for handlers that return JSON only: each object becomes an item paired to its input. */
export async function perItem(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	handle: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
	options: PerItemOptions = {},
): Promise<INodeExecutionData[]> {
	return await perItemData.call(
		this,
		items,
		async (itemIndex) => {
			const result = await handle(itemIndex);
			return (Array.isArray(result) ? result : [result]).map((json) => ({
				json,
				pairedItem: { item: itemIndex },
			}));
		},
		options,
	);
}

/**
 * {@link perItem} for reads: up to `concurrency` items at once, the first alone (see
 * {@link perItemData}); output order, pairing and per-item errors as with `perItem`. Usage:
 * `perItemConcurrent.call(this, items, await readConcurrency.call(this, CREDENTIAL_TYPE), handle)`.
 */
export async function perItemConcurrent(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	concurrency: number,
	handle: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	return await perItem.call(this, items, handle, { concurrency });
}

/** {@link perItemData} for reads, up to `concurrency` items at once: see {@link perItemConcurrent}. */
export async function perItemDataConcurrent(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	concurrency: number,
	handle: (itemIndex: number) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	return await perItemData.call(this, items, handle, { concurrency });
}

/** Default of the credentials' "Concurrent Reads" (`readConcurrency`; chosen by measurement: bench/README.md). */
export const DEFAULT_READ_CONCURRENCY = 5;
/** Upper bound of "Concurrent Reads". */
const MAX_READ_CONCURRENCY = 20;

/**
 * The "Concurrent Reads" (`readConcurrency`) of the node's credential of `credentialType`: how many
 * items' reads {@link perItemData} may send at once. DEFAULT_READ_CONCURRENCY when unset (a
 * credential saved before the field existed), capped at MAX_READ_CONCURRENCY.
 */
export async function readConcurrency(
	this: IExecuteFunctions,
	credentialType: string,
): Promise<number> {
	const credentials = await runCredentials.call(this, credentialType);
	const value = Math.floor(Number(credentials.readConcurrency));
	return value >= 1 ? Math.min(value, MAX_READ_CONCURRENCY) : DEFAULT_READ_CONCURRENCY;
}

/** Per node run (n8n's context object): each parameter's direct reader, or null when it has none. */
const directReaders = new WeakMap<object, Map<string, ((itemIndex: number) => unknown) | null>>();

/**
 * A reader of a parameter whose raw value is a plain field reference such as `={{ $json.TaskID }}`
 * (see {@link itemParameterReader}): it reads the field from the input item itself, the value
 * n8n's expression engine would give, without an evaluation in n8n's expression sandbox per item
 * (about 1 ms each there: 1,000 reads spent a second on their Task ID alone). Looked up once per run.
 * @returns `(itemIndex) => value`, or undefined for any other value (read through `getNodeParameter`).
 */
function directReader(
	this: IExecuteFunctions,
	name: string,
): ((itemIndex: number) => unknown) | undefined {
	let byName = directReaders.get(this);
	if (!byName) directReaders.set(this, (byName = new Map()));
	if (!byName.has(name)) {
		const field = plainJsonField(this.getNode().parameters[name]);
		const items = this.getInputData();
		byName.set(name, field === undefined ? null : (itemIndex) => items[itemIndex]?.json[field]);
	}
	return byName.get(name) ?? undefined;
}

/**
 * Reads a required string parameter of an item, trimmed; throws naming the item and field. A plain
 * `={{ $json.Field }}` is read from the item directly ({@link directReader}).
 */
export function requiredString(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const direct = directReader.call(this, name);
	const value = direct
		? direct(itemIndex)
		: (this.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown);
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (!text) {
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: ${label} is required`, {
			itemIndex,
		});
	}
	return text;
}

/** "Return All" / "Limit" parameters shared by list operations. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** Applies Return All / Limit of an item to a list. */
export function applyLimit(
	this: IExecuteFunctions,
	list: IDataObject[],
	itemIndex: number,
): IDataObject[] {
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) return list;
	return list.slice(0, this.getNodeParameter('limit', itemIndex, 50) as number);
}

/**
 * "Additional Body Fields" for endpoints whose documented fields are partial: a JSON object merged
 * into the request body, so users can send fields the docs could not show.
 */
export const additionalBodyFieldsProperty: INodeProperties = {
	displayName: 'Additional Body Fields (JSON)',
	name: 'additionalBodyFields',
	type: 'json',
	default: '{}',
	description:
		'More fields to send in the body, as a JSON object. AIRudder documents this endpoint only in part.',
};

/**
 * Reads an item's "Additional Body Fields (JSON)" ({@link additionalBodyFieldsProperty}), to spread
 * into the request body. @throws NodeOperationError naming the item when it is not a JSON object.
 */
export function additionalBodyFields(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return jsonObjectParameter.call(
		this,
		'additionalBodyFields',
		'Additional Body Fields',
		itemIndex,
	);
}

/** Parses a JSON-object parameter of an item; throws naming the item and field when it is not one. */
export function jsonObjectParameter(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): IDataObject {
	// Skip n8n's own JSON check so that the error names the item and the field.
	const raw = this.getNodeParameter(name, itemIndex, '{}', { skipValidation: true }) as unknown;
	if (raw && typeof raw === 'object' && !Array.isArray(raw)) return raw as IDataObject;
	const text = String(raw ?? '').trim();
	if (!text) return {};
	const parsed = jsonParse<unknown>(text, { fallbackValue: null });
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new NodeOperationError(
			this.getNode(),
			`Item ${itemIndex}: ${label} must be a JSON object`,
			{ itemIndex },
		);
	}
	return parsed as IDataObject;
}

/** A parameter that is exactly `={{ $json.Field }}` (or `$json["Field"]`): the default contact mapping. */
const PLAIN_JSON_FIELD =
	/^=\{\{\s*\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(['"])([^'"]+)\2\s*\])\s*\}\}$/;

/** The field a raw parameter value reads when it is exactly `={{ $json.Field }}` (or `$json["Field"]`); else undefined. */
function plainJsonField(raw: unknown): string | undefined {
	const match = typeof raw === 'string' ? PLAIN_JSON_FIELD.exec(raw) : null;
	return match ? (match[1] ?? match[3]) : undefined;
}

/**
 * The reader of a per-item parameter. When its raw value is a plain field reference such as the
 * default `={{ $json.Mobile }}`, the field is read from the item directly: the same value n8n's
 * expression engine would give, without its per-evaluation cost (it dominates 10,000-contact lists).
 * Anything else goes through `getNodeParameter`. The raw value is looked up once (`getNode()`
 * deep-copies the node on every call).
 * @returns `(item, itemIndex) => value`.
 */
export function itemParameterReader(
	this: IExecuteFunctions,
	name: string,
): (item: INodeExecutionData, itemIndex: number) => unknown {
	const raw = this.getNode().parameters[name];
	const field = plainJsonField(raw);
	if (field !== undefined) return (item) => item.json[field];
	const resolve = raw === undefined ? undefined : parameterResolver.call(this, name, raw);
	if (resolve) return (_item, itemIndex) => resolve(itemIndex);
	return (_item, itemIndex) => this.getNodeParameter(name, itemIndex, '');
}

/** Whether a raw parameter value, or anything nested in it, is an n8n expression (`"=..."`). */
function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

/**
 * A reader of a parameter that is read for every item (a contact's fields). A parameter that holds
 * no expression anywhere (`name` may be a dot path such as `additionalContactFields.field`) is the
 * same for every item, so it is resolved once, through `getNodeParameter` at item 0, and that value
 * is handed to every item: callers must not mutate it. Otherwise each call resolves the item's own
 * value through {@link parameterResolver}: only the expressions in it are evaluated, each once per
 * item, as n8n's Set node pays. n8n's per-item resolution of a whole collection costs tens of µs
 * more, which a 10,000-contact list pays 10,000 times.
 * @returns `(itemIndex) => value`, `fallback` where the parameter is unset.
 */
export function perItemParameter(
	this: IExecuteFunctions,
	name: string,
	fallback: unknown,
): (itemIndex: number) => unknown {
	let raw: unknown = this.getNode().parameters;
	for (const key of name.split('.')) raw = (raw as IDataObject | undefined)?.[key];
	if (holdsExpression(raw)) {
		return (
			parameterResolver.call(this, name, raw) ??
			((itemIndex) => this.getNodeParameter(name, itemIndex, fallback as never))
		);
	}
	const value = this.getNodeParameter(name, 0, fallback as never);
	return () => value;
}
