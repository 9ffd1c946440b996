// Validates YAML files against seigo's committed schemas with yaml-language-server (the engine
// of the Red Hat YAML extension), the way the extension does through `# yaml-language-server:
// $schema=...` or a fileMatch: prints the diagnostics of each file. Not part of CI (it needs
// npm); run by hand after a schema change:
//   npm install yaml-language-server vscode-languageserver-textdocument
//   node tools/yaml-language-server/check.js . rules/ja-news/*.yaml
const fs = require('fs');
const path = require('path');
const { getLanguageService } = require('yaml-language-server/out/server/src/languageservice/yamlLanguageService');
const { TextDocument } = require('vscode-languageserver-textdocument');
const repo = process.argv[2];
const schemaRequestService = (uri) => Promise.resolve(fs.readFileSync(uri.replace('file://', ''), 'utf8'));
const workspaceContext = { resolveRelativePath: (rel, res) => new URL(rel, res).href };
const ls = getLanguageService({ schemaRequestService, workspaceContext });
const rule = 'file://' + path.join(repo, 'rules/schema/rule.schema.json');
const config = 'file://' + path.join(repo, 'rules/schema/config.schema.json');
ls.configure({ validate: true, hover: true, completion: true,
  schemas: [{ uri: rule, fileMatch: ['*/rules/*/*.yaml', '*/cases/rule-*.yaml'] },
            { uri: config, fileMatch: ['*/seigo.yaml'] }] });
(async () => {
  for (const file of process.argv.slice(3)) {
    const text = fs.readFileSync(file, 'utf8');
    const doc = TextDocument.create('file://' + path.resolve(file), 'yaml', 1, text);
    const diags = await ls.doValidation(doc, false);
    console.log(`${file}: ${diags.length} diagnostic(s)` + diags.map(d => `\n  ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join(''));
  }
})();
