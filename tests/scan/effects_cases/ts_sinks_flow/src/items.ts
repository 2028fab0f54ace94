// The id is one path segment under a fixed host: the destination stays fixed.
export async function getItem(id: string) {
  const response = await fetch(`https://api.example.com/items/${encodeURIComponent(id)}`);
  return response.json();
}
