/** Text fixtures imported as strings (Vite's `?raw`), so realistic drafts live as plain files under tests/fixtures. */
declare module '*?raw' {
  const text: string;
  export default text;
}
