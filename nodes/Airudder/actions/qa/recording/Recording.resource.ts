import type { INodeProperties } from 'n8n-workflow';

import * as analyse from './analyse.operation';
import * as upload from './upload.operation';

/** Recording resource of the QA node: send call recordings to AIRudder for analysis. */
export const operations = { analyse, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['recording'] } },
		options: [
			{
				name: 'Analyse',
				value: 'analyse',
				description:
					'Create a task, upload the recordings into it and start it: AIRudder analyses them and posts the report to your callback URL',
				action: 'Analyse recordings by sending the files to QA and starting the analysis',
			},
			{
				name: 'Upload',
				value: 'upload',
				description: 'Upload recordings into an existing QA task (start it with Task → Start)',
				action: 'Upload recordings and send the files to QA',
			},
		],
		default: 'analyse',
	},
	...analyse.description,
	...upload.description,
];
