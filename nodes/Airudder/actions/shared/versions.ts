import type { INodeProperties } from 'n8n-workflow';

/**
 * Versions of the AIRudder and AIRudder Chatbot nodes. 1.1 changed only defaults (a read as the
 * first operation, no contact field read from an input item an AI agent does not have); n8n saves
 * a workflow without the parameters left at their default, so a node saved as version 1 keeps the
 * version-1 defaults and runs as before.
 */
export const NODE_VERSIONS = [1, 1.1];

/** The version a new node gets. */
export const CURRENT_VERSION = 1.1;

/**
 * The same property twice: version 1 with `oldDefault`, version 1.1 with `newDefault` (the editor
 * and n8n's execution pick the one whose `@version` matches the node).
 */
export function versionedDefault(
	property: INodeProperties,
	oldDefault: INodeProperties['default'],
	newDefault: INodeProperties['default'],
): INodeProperties[] {
	const show = property.displayOptions?.show ?? {};
	return [
		{
			...property,
			default: oldDefault,
			displayOptions: { ...property.displayOptions, show: { ...show, '@version': [1] } },
		},
		{
			...property,
			default: newDefault,
			displayOptions: { ...property.displayOptions, show: { ...show, '@version': [1.1] } },
		},
	];
}
