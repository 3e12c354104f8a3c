// Render CSL-JSON items with citeproc-js (the engine Zotero uses): a test oracle.
// stdin: {"items": [...], "locale": "path/locales-en-US.xml",
//         "styles": {"name": "path/style.csl", ...}}
// stdout: {"name": {"id": {"note": "...", "bibliography": "..."}}, ...} in plain text.
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require(path.resolve(process.env.CITEPROC_DIR, "citeproc_commonjs.js"));

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const items = Object.fromEntries(input.items.map((item) => [item.id, item]));
const locale = fs.readFileSync(input.locale, "utf8");
const sys = { retrieveLocale: () => locale, retrieveItem: (id) => items[id] };

const out = {};
for (const [name, file] of Object.entries(input.styles)) {
  out[name] = {};
  for (const id of Object.keys(items)) {
    const engine = new CSL.Engine(sys, fs.readFileSync(file, "utf8"), "en-US");
    engine.setOutputFormat("text");
    const note = engine.makeCitationCluster([{ id }]);
    engine.updateItems([id]);
    const [, entries] = engine.makeBibliography();
    out[name][id] = { note, bibliography: entries.join("").trim() };
  }
}
process.stdout.write(JSON.stringify(out));
