import { operationRouter } from '../shared/operations';
import * as custom from './custom/Custom.resource';
import * as huaweiChannel from './huaweiChannel/HuaweiChannel.resource';
import * as message from './message/Message.resource';
import * as templateMessage from './templateMessage/TemplateMessage.resource';

/** The AIRudder Chatbot node's operations by resource: `actions/chatbot/<resource>/<operation>.operation.ts`. */
export const router = operationRouter({
	templateMessage: templateMessage.operations,
	message: message.operations,
	huaweiChannel: huaweiChannel.operations,
	custom: custom.operations,
});
