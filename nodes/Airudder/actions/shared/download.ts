import type { INodeProperties } from 'n8n-workflow';

/** "Download" and "Put Output File in Field" parameters of the recording operations. */
export const downloadProperties: INodeProperties[] = [
	{
		displayName: 'Download File',
		name: 'download',
		type: 'boolean',
		default: true,
		description:
			'Whether to download the recording as binary data (streamed to n8n, not held in memory) besides returning the links',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show: { download: [true] } },
	},
];
