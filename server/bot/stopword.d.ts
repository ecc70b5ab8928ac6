// The `stopword` package ships no type declarations; this covers the part we use.
declare module 'stopword' {
  export const eng: string[];
  // Function words of other languages, for guessing the language of a question (server/ops/language.ts).
  export const spa: string[];
  export const fra: string[];
  export const deu: string[];
  export const ita: string[];
  export const por: string[];
  export const nld: string[];
  export function removeStopwords(tokens: string[], stopwords?: string[]): string[];
}
