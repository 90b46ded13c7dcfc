import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { compact, normaliseMobile } from '../../../helpers/contacts';
import { TASK_RULES } from '../task/validation';
import { airudderApiRequest } from '../../../transport/voice/request';
import { ENDPOINTS } from '../../../transport/voice/endpoints';
import {
	additionalBodyFields,
	additionalBodyFieldsProperty,
	forOperation,
	perItem,
	requiredString,
} from '../../shared/operations';

/**
 * SMS → Send: `POST /service/sms/message/v2/send` with `{to: [number], message, from, callbackUrl?}`.
 * NOT from AIRudder's docs: path, fields and the success code 0 come from a public client.
 * AIRudder's docs index lists the path; its fields could not be read (partial contract).
 */
export const description = forOperation('sms', 'send', [
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +6212341234',
		description: "Recipient number: '+', country code, number",
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'e.g. Your payment of {{ $json.amount }} is due tomorrow',
		description: 'Text of the SMS',
	},
	{
		displayName: 'Sender ID',
		name: 'from',
		type: 'string',
		default: '',
		description: 'Sender ID registered with AIRudder (sent as "from")',
	},
	{
		displayName: 'Status Callback URL',
		name: 'callbackUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://n8n.example.com/webhook/sms-status',
		description: 'URL AIRudder may call with the delivery status (sent as "callbackUrl")',
	},
	additionalBodyFieldsProperty,
]);

/** @returns one item per input item: the answer envelope (success when `code` is 0). */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await perItem.call(this, items, async (itemIndex) => {
		const to = normaliseMobile(requiredString.call(this, 'to', 'To', itemIndex));
		if (!TASK_RULES.mobilePattern.test(to)) {
			throw new NodeOperationError(
				this.getNode(),
				`Item ${itemIndex}: To "${to}" must be '+' then the country code and number, digits only`,
				{ itemIndex },
			);
		}
		const body = compact({
			to: [to],
			message: requiredString.call(this, 'message', 'Message', itemIndex),
			from: this.getNodeParameter('from', itemIndex, '') as string,
			callbackUrl: this.getNodeParameter('callbackUrl', itemIndex, '') as string,
			...additionalBodyFields.call(this, itemIndex),
		});
		return (await airudderApiRequest.call(this, ENDPOINTS.sendSms, {
			body,
			itemIndex,
		})) as IDataObject;
	});
}
