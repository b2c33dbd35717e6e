/** Appends `node` to the page's body (or the root element while there is no body yet, in a script in <head>). */
export function appendToBody(node: Node): void {
  (document.body || document.documentElement).appendChild(node);
}
