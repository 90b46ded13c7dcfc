import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { compact } from '../../../helpers/contacts';
import { airudderApiRequest, CREDENTIAL_TYPE } from '../../../transport/voice/request';
import { runCredentials } from '../../../transport/credentials';
import { ENDPOINTS } from '../../../transport/voice/endpoints';
import { forOperation, perItem, requiredString } from '../../shared/operations';

/**
 * Process → Get Node Read Status: "Query node read/unread status",
 * `POST /api/v1/process/queryTaskQian` (a page of docs-site 1780479 outside its navigation). Body
 * `{header: {payloadVersion, traceId}, payload: {procInstId, taskKey}}` (all optional on the page);
 * authenticated with the headers `tenantId` and `token` (the credential's Process API fields);
 * answer `{data: {read[], unRead[]}, msg, retcode, traceId}`, success `retcode` 0. The page gives no
 * base URL: the credential's Base URL is used.
 */
const properties: INodeProperties[] = [
	{
		displayName: 'Process Instance ID',
		name: 'procInstId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 4cb9db206ac0a1b2c3d4e5f615e4e613',
		description: 'The process instance (procInstId) to look up',
	},
	{
		displayName: 'Task Key',
		name: 'taskKey',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. node_1',
		description: 'The node of the process (taskKey)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Payload Version',
				name: 'payloadVersion',
				type: 'number',
				default: 1,
				description: 'Header field payloadVersion (an integer)',
			},
			{
				displayName: 'Trace ID',
				name: 'traceId',
				type: 'string',
				default: '',
				description: 'Header field traceId, echoed in the answer',
			},
		],
	},
];

export const description = forOperation('process', 'getNodeReadStatus', properties);

/** @returns one item per input item: `{ read, unRead, msg, retcode, traceId }`. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const credentials = await runCredentials.call(this, CREDENTIAL_TYPE);
	const headers = compact({
		tenantId: credentials.processTenantId as string,
		token: credentials.processToken as string,
	});
	return await perItem.call(this, items, async (itemIndex) => {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const body = {
			header: compact({ payloadVersion: options.payloadVersion, traceId: options.traceId }),
			payload: {
				procInstId: requiredString.call(this, 'procInstId', 'Process Instance ID', itemIndex),
				taskKey: requiredString.call(this, 'taskKey', 'Task Key', itemIndex),
			},
		};
		const answer = await airudderApiRequest.call(this, ENDPOINTS.queryNodeReadStatus, {
			body,
			headers,
			itemIndex,
		});
		const { data, ...rest } = answer;
		return { ...((data as IDataObject | undefined) ?? {}), ...rest };
	});
}
