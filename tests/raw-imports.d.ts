/** Text fixtures imported as strings (Vite's `?raw`), so realistic drafts live as plain files under tests/fixtures. */
declare module '*?raw' {
  const text: string;
  export default text;
}

/** Binary fixtures (Office files) imported as base64 data URLs (Vite's `?inline`). */
declare module '*?inline' {
  const dataUrl: string;
  export default dataUrl;
}
