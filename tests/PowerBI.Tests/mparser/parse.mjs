// Reads a JSON array of { name, text } M expressions from stdin and parses each with
// @microsoft/powerquery-parser (TaskUtils.tryLexParse with DefaultSettings). Prints a JSON array of
// { name, ok, error } to stdout. Used by tests/PowerBI.Tests (MExpressionTests).
import { DefaultSettings, TaskUtils } from "@microsoft/powerquery-parser";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const expressions = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const results = [];
for (const { name, text } of expressions) {
  try {
    const task = await TaskUtils.tryLexParse(DefaultSettings, text);
    if (TaskUtils.isParseStageOk(task)) {
      results.push({ name, ok: true, error: null });
    } else {
      const error = task.error;
      results.push({ name, ok: false, error: `${task.stage}: ${error?.message ?? String(error)}` });
    }
  } catch (e) {
    results.push({ name, ok: false, error: `exception: ${e?.message ?? String(e)}` });
  }
}
process.stdout.write(JSON.stringify(results));
