// What Markdown viewers make of a `.md` file: the HTML each would show, as JSON on stdout.
//
//   node viewers.mjs FILE      {"markdown-it": HTML}
//
// markdown-it is the renderer of VS Code's Markdown preview, set as VS Code sets it: raw
// HTML allowed, bare addresses linked.
import MarkdownIt from "markdown-it";
import { readFileSync } from "node:fs";

const text = readFileSync(process.argv[2], "utf8");
const markdownIt = new MarkdownIt({ html: true, linkify: true });
process.stdout.write(JSON.stringify({ "markdown-it": markdownIt.render(text) }));
