// Tool definitions sent to a model with no handler beside them, and nothing in the project running them by name.
export const NOTE_TOOLS = [
  // expect: name=note_shelf mutating=false unverified=true
  {
    name: "note_shelf",
    description: "The shelf a note is on",
    inputSchema: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
  },
];

// A definition record a registration helper of the project hands over: its MCP annotations are the author's claim.
export const shelfMoveTool = {
  // expect: name=shelf_move mutating=true
  name: "shelf_move",
  description: "A shelf's place",
  inputSchema: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
  annotations: { readOnlyHint: false },
  logic: undefined,
};
