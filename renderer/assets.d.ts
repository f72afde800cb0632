/** Vite's `?url` imports: the file is emitted with the app and the import is its address. */
declare module '*?url' {
  const url: string;
  export default url;
}
