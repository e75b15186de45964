/** Escapes text for Telegram's HTML parse mode: `&`, `<`, `>` and `"` (for attribute values). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}
