import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { router } from './chatbot/router';
import { versionDescription } from './chatbot/versionDescription';

/** The AIRudder Chatbot (WhatsApp / WABA) action node: one folder per resource under chatbot/, one file per operation. */
export class AirudderChatbot implements INodeType {
	description: INodeTypeDescription = versionDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
