import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	additionalBodyFields,
	additionalBodyFieldsProperty,
	forOperation,
	perItemConcurrent,
	readConcurrency,
	requiredString,
} from '../../shared/operations';
import {
	airudderChatbotRequest,
	CHATBOT_CREDENTIAL_TYPE,
	CHATBOT_ENDPOINTS,
} from '../../../transport/chatbot/request';

/**
 * Message → Get Many: "Query message list", `POST /api/v1/session/messages` with
 * `{call_id, last_msg_id, size}` and, in the docs' second ("*Query message list") variant, `type`
 * (only example value "single"; its meaning is not documented). Known from examples only: the
 * paging rule is not documented, so this reads ONE page as asked (no automatic paging).
 * Doc: https://api-docs.airudder.com/api-196358697 (variant with type: https://api-docs.airudder.com/api-173073431)
 */
export const description = forOperation('message', 'getAll', [
	{
		displayName: 'Conversation ID',
		name: 'callId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 7738ff156ad12075578af25c84908567',
		description: 'ID of the conversation (call_id)',
	},
	{
		displayName: 'Last Message ID',
		name: 'lastMessageId',
		type: 'string',
		default: '',
		description:
			"Sent as last_msg_id: the ID of the last message you already have, to read further. Empty (as in the docs' examples) for the first page.",
	},
	{
		displayName: 'Page Size',
		name: 'size',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 20,
		description: "Number of messages to ask for (size; the docs' examples use 20)",
	},
	{
		displayName: 'Type',
		name: 'messageListType',
		type: 'options',
		default: '',
		options: [
			{ name: 'Not Sent', value: '', description: 'The request of the "Query message list" page' },
			{
				name: 'Single',
				value: 'single',
				description: 'Sends type "single", as the "*Query message list" page does',
			},
		],
		description: 'The "type" field. AIRudder documents only the value "single", not its meaning.',
	},
	additionalBodyFieldsProperty,
]);

/** @returns one item per message (the answer's `data` list, newest first in the docs' examples), paired to the input item. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const concurrency = await readConcurrency.call(this, CHATBOT_CREDENTIAL_TYPE);
	return await perItemConcurrent.call(this, items, concurrency, async (itemIndex) => {
		const type = this.getNodeParameter('messageListType', itemIndex, '') as string;
		const size = this.getNodeParameter('size', itemIndex, 20) as number;
		if (!Number.isInteger(size)) {
			throw new NodeOperationError(
				this.getNode(),
				`Item ${itemIndex}: Page Size must be a whole number (got ${String(size)})`,
				{
					itemIndex,
					description: 'AIRudder field: size',
				},
			);
		}
		const body: IDataObject = {
			call_id: requiredString.call(this, 'callId', 'Conversation ID', itemIndex),
			last_msg_id: String(this.getNodeParameter('lastMessageId', itemIndex, '') ?? '').trim(),
			size,
			...(type ? { type } : {}),
			...additionalBodyFields.call(this, itemIndex),
		};
		const envelope = await airudderChatbotRequest.call(this, CHATBOT_ENDPOINTS.listMessages, {
			body,
			itemIndex,
		});
		return Array.isArray(envelope.data) ? envelope.data : envelope;
	});
}
