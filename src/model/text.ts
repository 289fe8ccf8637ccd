/** Lower case without accents: the key that sorting and "contains" filters compare (`Irán` → `iran`). */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}
