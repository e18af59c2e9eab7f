import fs from "node:fs";
import path from "node:path";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * The demo shop page with the widget's script tag signed for a demo customer, the way a shop's
 * backend would sign its logged-in customer (docs/identity.md). Without a customer the page is served as is.
 */
export function renderDemoPage(publicDir: string, customer?: { id: string; name: string; signature: string }): string | undefined {
  const file = path.join(publicDir, "index.html");
  if (!customer || !fs.existsSync(file)) return undefined;
  const html = fs.readFileSync(file, "utf8");
  const attrs = ` data-customer-id="${escapeHtml(customer.id)}" data-customer-signature="${escapeHtml(customer.signature)}"`;
  const tagged = html.replace(/<script src="\/widget\.js"/, (m) => m + attrs);
  const note = `<p style="position:fixed;left:12px;bottom:12px;margin:0;padding:6px 10px;font:13px system-ui,sans-serif;background:#fff8;border-radius:6px;backdrop-filter:blur(4px)">Demo: you are signed in as ${escapeHtml(customer.name)} (${escapeHtml(customer.id)})</p>`;
  return tagged.replace(/<\/body>/i, `${note}\n</body>`);
}
