/**
 * The update types the bot handles, given to setWebhook as `allowed_updates` so that Telegram posts
 * nothing else. A feature that handles another type (channel posts, reactions) adds it here.
 */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;
