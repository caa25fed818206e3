// Server field errors (keyed by the form field's key, as /api/tasks/{id}/complete answers them) mapped onto the
// form-js viewer's error state (keyed by the component's id). Pure, so it is unit tested.

export function fieldErrors(errors: Record<string, string>, idsByKey: Map<string, string>):
    { shown: Record<string, string[]>; unplaced: Record<string, string> } {
  const shown: Record<string, string[]> = {};
  const unplaced: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors || {})) {
    const id = idsByKey.get(key);
    if (id) shown[id] = [message];
    else unplaced[key] = message;
  }
  return { shown, unplaced };
}
