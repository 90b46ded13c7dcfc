import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { compact, findList } from '../../../helpers/contacts';
import { airudderApiRequest } from '../../../transport/voice/request';
import { ENDPOINTS } from '../../../transport/voice/endpoints';
import { forOperation, perItem, returnAllOrLimit } from '../../shared/operations';

/**
 * Task → Get Many: "List the Task Created", `GET /service/cloud/list`. Query parameters Number,
 * Page and Type come from a third-party client; the answer's fields are not documented, so the
 * first list found in `data` is returned, one item per task.
 * Doc: https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773
 */

/** Tasks asked for per page when returning all. */
const PAGE_SIZE = 100;
/** Safety stop for Return All against an API whose paging is undocumented. */
const MAX_PAGES = 1000;

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Type',
				name: 'Type',
				type: 'string',
				default: '',
				placeholder: 'e.g. promotion',
				description: 'Only tasks of this Type',
			},
		],
	},
];

export const description = forOperation('task', 'getAll', properties);

/**
 * Pages through `/service/cloud/list` (Page from 1, Number per page) until a page is short or
 * the limit is reached. @returns one item per task, paired to the input item.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await perItem.call(this, items, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex) as number);
		const filters = compact(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
		const number = Math.min(PAGE_SIZE, limit);
		const tasks: IDataObject[] = [];
		for (let page = 1; page <= MAX_PAGES && tasks.length < limit; page++) {
			const response = await airudderApiRequest.call(this, ENDPOINTS.listTasks, {
				qs: { ...filters, Page: page, Number: number },
				itemIndex,
			});
			const list = findList(response.data);
			tasks.push(...list);
			if (list.length < number) break;
		}
		return tasks.slice(0, limit);
	});
}
