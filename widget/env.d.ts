/// <reference types="vite/client" />

/** The content-hashed app file name, resolved at loader build time (scripts/build/app-file.ts). */
declare module 'virtual:chat-app-file' {
  const appFile: string;
  export default appFile;
}
