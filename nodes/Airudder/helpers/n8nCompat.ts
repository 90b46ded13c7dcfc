/**
 * The n8n-workflow helpers the triggers use that not every supported n8n has. Import them from
 * here, never from n8n-workflow directly, so that older n8n versions get a fallback in one place.
 */
export { fromFunction, fromParameter, webhookDescriptionFields } from 'n8n-workflow';
