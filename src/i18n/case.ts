/** `text` with its first letter upper case in `locale` ("суббота, 28 ноября" → "Суббота, 28 ноября"). */
export function capitalise(text: string, locale: string): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}
