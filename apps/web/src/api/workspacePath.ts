/** The API path prefix of a workspace: `workspacePath('demo')` → `/w/demo`. */
export function workspacePath(slug: string): string {
  return `/w/${encodeURIComponent(slug)}`;
}
