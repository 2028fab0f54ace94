import OpenAI from "openai";
import { NOTE_TOOLS } from "./definitions";

const client = new OpenAI();

export async function ask(question: string) {
  return client.chat.completions.create({
    model: "gpt-4o",
    messages: [{ role: "user", content: question }],
    tools: NOTE_TOOLS.map((t) => ({ type: "function" as const, function: { name: t.name, description: t.description, parameters: t.inputSchema } })),
  });
}
