// n8n loads the package through the `n8n` section of package.json; this entry point only
// lets the package be required as a whole (e.g. by tests or tools).
export { AirudderApi } from './credentials/AirudderApi.credentials';
export { Airudder } from './nodes/Airudder/Airudder.node';
export { AirudderTrigger } from './nodes/Airudder/AirudderTrigger.node';
export { AirudderChatbotApi } from './credentials/AirudderChatbotApi.credentials';
export { AirudderChatbot } from './nodes/Airudder/AirudderChatbot.node';
export { AirudderChatbotTrigger } from './nodes/Airudder/AirudderChatbotTrigger.node';
export { AirudderCallbackApi } from './credentials/AirudderCallbackApi.credentials';
export { AirudderPdsApi } from './credentials/AirudderPdsApi.credentials';
export { AirudderPredictiveDialer } from './nodes/Airudder/AirudderPredictiveDialer.node';
export { AirudderQaApi } from './credentials/AirudderQaApi.credentials';
export { AirudderQa } from './nodes/Airudder/AirudderQa.node';
