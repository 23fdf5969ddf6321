// Reads vCard files with ical.js (the parser Thunderbird uses) and prints, as JSON, one object per
// card with the fields cardbox's tests compare. Usage: node reader.js FILE...
// Any parse error makes the process exit non-zero with the message on stderr.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function values(card, name) {
  return card.getAllProperties(name).map((p) => {
    const vals = p.getValues();
    return vals.length === 1 ? vals[0] : vals;
  });
}

function one(card, name) {
  const found = values(card, name);
  return found.length ? found[0] : null;
}

const out = [];
for (const path of process.argv.slice(2)) {
  const parsed = ICAL.parse(readFileSync(path, "utf8"));
  const cards = typeof parsed[0] === "string" ? [parsed] : parsed;
  for (const jcard of cards) {
    const card = new ICAL.Component(jcard);
    out.push({
      file: path,
      version: one(card, "version"),
      fn: one(card, "fn"),
      n: one(card, "n"),
      phonetic_last: one(card, "x-phonetic-last-name"),
      phonetic_first: one(card, "x-phonetic-first-name"),
      sort_string: one(card, "sort-string"),
      org: one(card, "org"),
      title: one(card, "title"),
      note: one(card, "note"),
      tel: values(card, "tel"),
      email: values(card, "email"),
      categories: card.getAllProperties("categories").flatMap((p) => p.getValues()),
      uid: one(card, "uid"),
      photo: one(card, "photo"),
      properties: card.getAllProperties().map((p) => p.name),
    });
  }
}
process.stdout.write(JSON.stringify(out));
