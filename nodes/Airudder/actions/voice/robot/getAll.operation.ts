import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { findList } from '../../../helpers/contacts';
import { airudderApiRequest } from '../../../transport/voice/request';
import { ENDPOINTS } from '../../../transport/voice/endpoints';
import { applyLimit, forOperation, perItem, returnAllOrLimit } from '../../shared/operations';

/**
 * Robot → Get Many: "Fetch robot list", `GET /service/cloud/robot`. Fields not documented: the
 * first list in `data` is returned, one item per robot.
 * Doc: https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773
 */
export const description = forOperation('robot', 'getAll', returnAllOrLimit);

/** @returns one item per robot, paired to the input item. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await perItem.call(this, items, async (itemIndex) => {
		const response = await airudderApiRequest.call(this, ENDPOINTS.listRobots, { itemIndex });
		return applyLimit.call(this, findList(response.data), itemIndex);
	});
}
