import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { pairsToObject } from '../../../helpers/contacts';
import { airudderApiRequest } from '../../../transport/voice/request';
import type { AirudderEndpoint } from '../../../transport/voice/endpoints';
import { customApiPath, forOperation, jsonObjectParameter, perItem } from '../../shared/operations';

/**
 * Custom API Call → Make an API Call: any AIRudder cloud endpoint (plans, strategies, the
 * endpoints whose paths the docs did not show), sent with the credential's token and, when on, AES.
 * The answer's `code` must equal "Success Code" (200 for the cloud API, 0 for SMS/PDS).
 */
export const description = forOperation('custom', 'apiCall', [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		default: 'GET',
		description: 'HTTP method of the endpoint, as its AIRudder doc page shows it',
		options: [
			{ name: 'GET', value: 'GET' },
			{ name: 'POST', value: 'POST' },
		],
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. /service/cloud/detail',
		description: 'Path after the Base URL, starting with "/"',
	},
	{
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
	},
	{
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		default: '{}',
		displayOptions: { show: { method: ['POST'] } },
		description: 'Request body as a JSON object',
	},
	{
		displayName: 'Success Code',
		name: 'successCode',
		type: 'number',
		default: 200,
		description: 'The body `code` that means success: 200 for the cloud API, 0 for SMS and PDS',
	},
]);

/** @returns one item per input item: the whole answer envelope. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await perItem.call(this, items, async (itemIndex) => {
		const method = this.getNodeParameter('method', itemIndex) as 'GET' | 'POST';
		const path = customApiPath.call(this, itemIndex, ' (use Query Parameters)');
		const endpoint: AirudderEndpoint = {
			operationId: 'customApiCall',
			method,
			path,
			docUrl: 'https://developer.airudder.com/doc-1918333',
			successCode: this.getNodeParameter('successCode', itemIndex, 200) as number,
			partial: true,
			idempotent: method === 'GET',
		};
		const request =
			method === 'GET'
				? {
						qs: pairsToObject(
							this.getNodeParameter('query.parameter', itemIndex, []) as Array<{
								name?: string;
								value?: unknown;
							}>,
						),
					}
				: { body: jsonObjectParameter.call(this, 'body', 'Body (JSON)', itemIndex) };
		return (await airudderApiRequest.call(this, endpoint, {
			...request,
			itemIndex,
		})) as IDataObject;
	});
}
