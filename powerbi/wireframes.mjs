// Draws one SVG wireframe per report page from the PBIR page and visual definitions:
//   node powerbi/wireframes.mjs   (writes powerbi/docs/<n>-<page>.svg)
// Each visual is a box at its position with its type and title; the page is drawn at half size.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pagesDir = join(here, "CommunityJustice.Report", "definition", "pages");
const outDir = join(here, "docs");
mkdirSync(outDir, { recursive: true });
const read = (p) => JSON.parse(readFileSync(p, "utf8"));
const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const literal = (v) => (v ?? "").replace(/^'|'$/g, "").replace(/''/g, "'");
const fill = { slicer: "#E8EEF7", tableEx: "#FFFFFF", pivotTable: "#FFFFFF", lineChart: "#F3F8EE", clusteredColumnChart: "#FDF1E7", textbox: "#FFF9E0" };

const { pageOrder } = read(join(pagesDir, "pages.json"));
pageOrder.forEach((name, index) => {
  const page = read(join(pagesDir, name, "page.json"));
  const scale = 0.5;
  const visuals = readdirSync(join(pagesDir, name, "visuals")).map((v) => read(join(pagesDir, name, "visuals", v, "visual.json")))
    .sort((a, b) => a.position.z - b.position.z);
  const boxes = visuals.map((v) => {
    const { x, y, width, height } = v.position;
    const type = v.visual.visualType;
    const title = literal(v.visual.visualContainerObjects?.title?.[0]?.properties?.text?.expr?.Literal?.Value);
    const fields = Object.values(v.visual.query?.queryState ?? {}).flatMap((r) => r.projections.map((p) => p.nativeQueryRef)).join(", ");
    return `<g><rect x="${x * scale}" y="${y * scale}" width="${width * scale}" height="${height * scale}" fill="${fill[type] ?? "#FFFFFF"}" stroke="#1F4E79" stroke-width="1"/>` +
      `<text x="${x * scale + 4}" y="${y * scale + 13}" font-size="9" font-weight="bold" fill="#1F4E79">${esc(title)}</text>` +
      `<text x="${x * scale + 4}" y="${y * scale + 25}" font-size="8" fill="#555">${esc(type)}${fields ? ": " + esc(fields).slice(0, Math.floor(width * scale / 4.2)) : ""}</text></g>`;
  });
  const w = page.width * scale, h = page.height * scale;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="Segoe UI, Arial, sans-serif">\n` +
    `<rect width="${w}" height="${h}" fill="#F7F7F7" stroke="#999"/>\n` +
    `<text x="8" y="18" font-size="13" font-weight="bold" fill="#252423">${esc(page.displayName)}</text>\n${boxes.join("\n")}\n</svg>\n`;
  const file = `${index + 1}-${page.displayName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/-$/, "")}.svg`;
  writeFileSync(join(outDir, file), svg);
  console.log(file);
});
