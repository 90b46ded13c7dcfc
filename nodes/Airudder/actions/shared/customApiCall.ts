import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pairsToObject } from '../../helpers/contacts';
import type { AirudderEndpoint } from '../../transport/endpoint';
import { forOperation, jsonObjectParameter, requiredString } from './operations';

/**
 * One Custom API Call for both action nodes (resource `custom`, operation `apiCall`): the editor
 * fields and the reading of an item's request. Each node's `actions/<node>/custom/` keeps only what
 * differs — its request helper (credential, envelope) and these options.
 */
/** The HTTP methods a Custom API Call can send. */
type CustomApiCallMethod = 'GET' | 'POST' | 'PUT';

export interface CustomApiCallOptions {
	/** The operation's description in the Operation list. */
	operationDescription: string;
	/** The operation's action name (shown in the nodes panel). */
	action: string;
	/** Method preselected in a new node. */
	defaultMethod: CustomApiCallMethod;
	/** Offer POST only (an API whose every endpoint is POST with a JSON body). */
	postOnly?: boolean;
	/**
	 * The methods offered, in this order, when they are not GET and POST (or POST alone with
	 * `postOnly`); every method but GET sends the Body (JSON).
	 */
	methods?: CustomApiCallMethod[];
	/** Help shown on the POST option, if any. */
	postDescription?: string;
	/** Help shown on the PUT option, if any. */
	putDescription?: string;
	/** Placeholder of the Path field (an endpoint of that API group). */
	pathPlaceholder: string;
	/** GET sends "Query Parameters" (name/value pairs) as the query string. */
	queryParameters: boolean;
	/**
	 * The body `code` that means success. A number fixes it; `'parameter'` adds a "Success Code"
	 * field (default 200) for APIs whose groups answer with different codes.
	 */
	successCode: number | 'parameter';
	/** Appended to the Path error (e.g. where the query string goes instead). */
	pathHint?: string;
	/** operationId reported in errors. */
	operationId: string;
	/** Doc page named in errors. */
	docUrl: string;
}

/** The methods a node's Custom API Call offers (see {@link CustomApiCallOptions.methods}). */
function offeredMethods(options: CustomApiCallOptions): CustomApiCallMethod[] {
	return options.methods ?? (options.postOnly ? ['POST'] : ['GET', 'POST']);
}

/** The operation's fields: Method, Path, (Query Parameters,) Body (JSON) (and Success Code). */
export function customApiCallFields(options: CustomApiCallOptions): INodeProperties[] {
	const offered = offeredMethods(options);
	const help: Partial<Record<CustomApiCallMethod, string>> = {
		POST: options.postDescription,
		PUT: options.putDescription,
	};
	const method: INodeProperties = {
		displayName: 'Method',
		name: 'method',
		type: 'options',
		default: 'GET',
		description: 'HTTP method of the endpoint, as its AIRudder doc page shows it',
		options: offered.map((value) =>
			help[value] ? { name: value, value, description: help[value] } : { name: value, value },
		),
	};
	method.default = options.defaultMethod;
	const fields: INodeProperties[] = [
		method,
		{
			displayName: 'Path',
			name: 'path',
			type: 'string',
			required: true,
			default: '',
			placeholder: options.pathPlaceholder,
			description: 'Path after the Base URL, starting with "/"',
		},
	];
	if (options.queryParameters) {
		fields.push({
			displayName: 'Query Parameters',
			name: 'query',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Parameter',
			default: {},
			displayOptions: { show: { method: ['GET'] } },
			options: [
				{
					displayName: 'Parameter',
					name: 'parameter',
					values: [
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'e.g. TaskID',
							description: 'Query parameter name, exactly as AIRudder documents it',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'e.g. {{ $json.TaskID }}',
							description: 'Query parameter value',
						},
					],
				},
			],
		});
	}
	fields.push({
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		default: '{}',
		displayOptions: { show: { method: offered.filter((value) => value !== 'GET') } },
		description: 'Request body as a JSON object',
	});
	if (options.successCode === 'parameter') {
		fields.push({
			displayName: 'Success Code',
			name: 'successCode',
			type: 'number',
			default: 200,
			description: 'The body `code` that means success: 200 for the cloud API, 0 for SMS and PDS',
		});
	}
	return forOperation('custom', 'apiCall', fields);
}

/**
 * The name n8n gives the generic "Custom API Call" it adds to the Resource and Operation lists of
 * nodes whose credential can authenticate any request (`injectCustomApiCallOptions` in n8n's
 * `load-nodes-and-credentials.ts`). n8n adds it to a list only when the list's LAST option does not
 * already have this name: the package's own entry, last and named so, keeps n8n's out.
 */
const CUSTOM_API_CALL_NAME = 'Custom API Call';

/**
 * A node's Resource options (alphabetical) followed by the package's own Custom API Call (resource
 * `custom`): last, where n8n keeps it, so that n8n adds no second one (see
 * {@link CUSTOM_API_CALL_NAME}); in the Actions panel its group comes last too.
 */
export function withCustomApiCallLast(options: INodePropertyOptions[]): INodePropertyOptions[] {
	return [...options, { name: CUSTOM_API_CALL_NAME, value: 'custom' }];
}

/**
 * The `custom` resource's Operation selector: one operation, named like the resource so that n8n
 * adds no second one (see {@link CUSTOM_API_CALL_NAME}).
 */
export function customApiCallOperation(options: CustomApiCallOptions): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['custom'] } },
		options: [
			{
				name: CUSTOM_API_CALL_NAME,
				value: 'apiCall',
				description: options.operationDescription,
				action: options.action,
			},
		],
		default: 'apiCall',
	};
}

/**
 * Reads the Path of a Custom API Call: it must start with one "/" and hold no query string or
 * fragment. `hint` is appended to the error (e.g. where query parameters go instead).
 * @throws NodeOperationError naming the item.
 */
function customApiPath(this: IExecuteFunctions, itemIndex: number, hint = ''): string {
	const path = requiredString.call(this, 'path', 'Path', itemIndex);
	if (!path.startsWith('/') || path.startsWith('//') || /[?#]/.test(path)) {
		throw new NodeOperationError(
			this.getNode(),
			`Item ${itemIndex}: Path must start with "/" and hold no query string${hint}`,
			{ itemIndex },
		);
	}
	return path;
}

/** What one item asks for: the endpoint to call and its query string (GET) or body (POST, PUT). */
interface CustomApiCallRequest {
	endpoint: AirudderEndpoint;
	qs?: IDataObject;
	body?: IDataObject;
}

/**
 * Reads an item's Custom API Call: Method, Path (must start with one "/", no query string),
 * Success Code, then the Query Parameters (GET, when offered) or the Body (POST, PUT). GET is
 * retried like any read (idempotent); POST and PUT never are.
 * @throws NodeOperationError naming the item and field (bad Path, Body not a JSON object), before
 *   any request is sent.
 */
export function customApiCallRequest(
	this: IExecuteFunctions,
	itemIndex: number,
	options: CustomApiCallOptions,
): CustomApiCallRequest {
	const method = this.getNodeParameter('method', itemIndex) as CustomApiCallMethod;
	const path = customApiPath.call(this, itemIndex, options.pathHint);
	const endpoint: AirudderEndpoint = {
		operationId: options.operationId,
		method,
		path,
		docUrl: options.docUrl,
		successCode:
			options.successCode === 'parameter'
				? (this.getNodeParameter('successCode', itemIndex, 200) as number)
				: options.successCode,
		partial: true,
		idempotent: method === 'GET',
	};
	if (method !== 'GET') {
		return { endpoint, body: jsonObjectParameter.call(this, 'body', 'Body (JSON)', itemIndex) };
	}
	if (!options.queryParameters) return { endpoint };
	const pairs = this.getNodeParameter('query.parameter', itemIndex, []) as Array<{
		name?: string;
		value?: unknown;
	}>;
	return { endpoint, qs: pairsToObject(pairs) };
}
