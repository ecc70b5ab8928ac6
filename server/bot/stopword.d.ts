// The `stopword` package ships no type declarations; this covers the part we use.
declare module 'stopword' {
  export const eng: string[];
  export function removeStopwords(tokens: string[], stopwords?: string[]): string[];
}
