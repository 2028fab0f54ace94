const notes: string[] = [];

export async function writeFile(text: string): Promise<void> {
  notes.push(text);
}
