import * as workflow from 'n8n-workflow';
import type { INodeParameters, NodeParameterValueType } from 'n8n-workflow';

/**
 * The n8n-workflow helpers the triggers use that not every supported n8n has. Import them from
 * here, never from n8n-workflow directly, so that older n8n versions get a fallback in one place.
 *
 * `fromFunction`, `fromParameter` and `webhookDescriptionFields` first appear in n8n-workflow
 * 2.35 (n8n 2.35). On n8n 1.x and 2.0–2.34 they are missing, and calling them at load time made
 * n8n drop every node and credential of the package. There the fallbacks below build the same
 * expression strings (`={{$parameter["x"] || "y"}}`, `={{(fn)($parameter)}}`) that n8n evaluates
 * with its expression engine, as it does for every webhook node on those versions. Where the
 * helpers exist they are used as they are, so newer n8n resolves the fields without the engine.
 */
type Helpers = Pick<typeof workflow, 'fromFunction' | 'fromParameter' | 'webhookDescriptionFields'>;
type Field = ReturnType<Helpers['fromParameter']>;

const native = workflow as Partial<Helpers>;

/** Whether the running n8n-workflow has the webhook description field helpers (>= 2.35). */
export const hasWebhookFieldHelpers =
	typeof native.fromFunction === 'function' &&
	typeof native.fromParameter === 'function' &&
	typeof native.webhookDescriptionFields === 'function';

/** Fallbacks: the expression templates n8n-workflow >= 2.35 generates, with the same resolvers. */
export const fallbackHelpers: Helpers = {
	fromParameter(path: string | string[], fallback?: string): Field {
		const segments = Array.isArray(path) ? path : [path];
		const tail = fallback === undefined ? '' : ` || ${JSON.stringify(fallback)}`;
		return {
			template: `={{$parameter${segments.map((s) => `["${s}"]`).join('')}${tail}}}`,
			resolve: (parameters: INodeParameters) => {
				let current: unknown = parameters;
				for (const key of segments) {
					if (current === null || current === undefined) return fallback;
					current = (current as INodeParameters)[key];
				}
				return fallback !== undefined && !current
					? fallback
					: (current as NodeParameterValueType | undefined);
			},
		};
	},
	fromFunction: (fn) => ({
		template: `={{(${String(fn)})($parameter)}}`,
		resolve: fn as Field['resolve'],
	}),
	// Only the template strings: n8n before 2.35 knows no resolver map and evaluates the templates.
	webhookDescriptionFields: (fields) =>
		Object.fromEntries(
			Object.entries<Field>(fields).map(([name, field]) => [name, field.template]),
		) as ReturnType<Helpers['webhookDescriptionFields']>,
};

const helpers: Helpers = hasWebhookFieldHelpers ? (native as Helpers) : fallbackHelpers;

export const { fromFunction, fromParameter, webhookDescriptionFields } = helpers;
