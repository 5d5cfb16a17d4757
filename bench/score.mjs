// Quality benchmark: score every engine's run on the same cases.
//
//   node bench/score.mjs <out-dir> [--update-readme]
//
// Reads <out>/cases.json and <out>/runs/*.json; writes <out>/results.json (scores and
// per-case answers) and <out>/results.md (the tables), prints the tables, and with
// --update-readme replaces the part of bench/README.md between the `results:start` and
// `results:end` markers.
//
// Scoring follows `fixfind eval` (src/cli.rs): an in-scope case (non-empty `expect`) is
// answered at the rank of the first hit whose id is in `expect`, within the first 10 hits,
// and not at all when the engine said "no result"; top-1, top-3 and MRR are over in-scope
// cases. An out-of-scope case (`expect: []`) is right when the engine said "no result":
// verdict `none` for fixfind, an empty result list for the others.

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const out = path.resolve(process.argv[2] ?? path.join(here, 'out'))
const updateReadme = process.argv.includes('--update-readme')
const cases = JSON.parse(fs.readFileSync(path.join(out, 'cases.json'), 'utf8'))

const ENGINES = [
  { name: 'fixfind', label: 'fixfind (shipped)', confidence: true },
  { name: 'tantivy-default', label: 'tantivy, default tokenizer', confidence: false },
  { name: 'minisearch', label: 'MiniSearch (VitePress defaults)', confidence: false },
  { name: 'pagefind', label: 'Pagefind (browser API)', confidence: false },
]
const VARIANTS = [
  { name: 'minisearch-searchbox', label: 'MiniSearch, query as the VitePress box passes it (no newlines, 64 chars)' },
  { name: 'minisearch-both-locales', label: 'MiniSearch, one index over both languages' },
]

function load(name) {
  const file = path.join(out, 'runs', `${name}.json`)
  if (!fs.existsSync(file)) return null
  const run = JSON.parse(fs.readFileSync(file, 'utf8'))
  if (run.results.length !== cases.length) throw new Error(`${file}: ${run.results.length} results for ${cases.length} cases`)
  return run
}

function rankOf(c, r) {
  if (r.none) return null
  const p = r.ids.slice(0, 10).findIndex((id) => c.expect.includes(id))
  return p < 0 ? null : p + 1
}

function score(run, keep) {
  const s = { in_scope: 0, top1: 0, top3: 0, mrr: 0, out_of_scope: 0, out_of_scope_accuracy: 0 }
  let right = 0
  cases.forEach((c, i) => {
    if (!keep(c)) return
    const r = run.results[i]
    if (c.expect.length === 0) {
      s.out_of_scope++
      right += r.none ? 1 : 0
    } else {
      s.in_scope++
      const rank = rankOf(c, r)
      if (rank) {
        s.top1 += rank === 1 ? 1 : 0
        s.top3 += rank <= 3 ? 1 : 0
        s.mrr += 1 / rank
      }
    }
  })
  const ratio = (n, d) => (d ? n / d : null)
  s.top1 = ratio(s.top1, s.in_scope)
  s.top3 = ratio(s.top3, s.in_scope)
  s.mrr = ratio(s.mrr, s.in_scope)
  s.out_of_scope_accuracy = ratio(right, s.out_of_scope)
  return s
}

const SETS = [...new Set(cases.map((c) => c.set))]
const GROUPS = [...SETS, 'all']
const LANGS = ['all', 'en', 'zh']
const keepFor = (set, lang) => (c) => (set === 'all' || c.set === set) && (lang === 'all' || c.lang === lang)

const results = { generated: new Date().toISOString(), cases: { total: cases.length }, engines: {}, per_case: [] }
for (const set of SETS) results.cases[set] = cases.filter((c) => c.set === set).length
const runs = {}
for (const e of [...ENGINES, ...VARIANTS]) {
  const run = load(e.name)
  if (!run) continue
  runs[e.name] = run
  results.engines[e.name] = { label: e.label, total_ms: run.total_ms, scores: {} }
  for (const set of GROUPS) {
    results.engines[e.name].scores[set] = {}
    for (const lang of LANGS) results.engines[e.name].scores[set][lang] = score(run, keepFor(set, lang))
  }
}
cases.forEach((c, i) => {
  const answers = {}
  for (const [name, run] of Object.entries(runs)) {
    answers[name] = { rank: c.expect.length ? rankOf(c, run.results[i]) : null, none: run.results[i].none, top3: run.results[i].ids.slice(0, 3), ...(run.results[i].verdict ? { verdict: run.results[i].verdict } : {}) }
  }
  results.per_case.push({ set: c.set, n: c.n, lang: c.lang, expect: c.expect, query: c.query.slice(0, 200), answers })
})
fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify(results, null, 2))

// Tables.
const f = (x) => (x === null || x === undefined ? '–' : x.toFixed(3))
const lines = []
const setTitle = { dev: 'dev (tests/eval/dev.jsonl)', extra: 'extra (tests/eval/extra.jsonl)', all: 'all sets together' }
for (const set of GROUPS) {
  const any = results.engines.fixfind?.scores[set].all ?? Object.values(results.engines)[0].scores[set].all
  lines.push(`#### ${setTitle[set] ?? set}: ${any.in_scope} in-scope, ${any.out_of_scope} out-of-scope cases`, '')
  lines.push('| engine | lang | in-scope | top-1 | top-3 | MRR | out-of-scope | OOS accuracy |')
  lines.push('|---|---|--:|--:|--:|--:|--:|--:|')
  for (const e of ENGINES) {
    const r = results.engines[e.name]
    if (!r) continue
    for (const lang of LANGS) {
      const s = r.scores[set][lang]
      const oos = s.out_of_scope === 0 ? '–' : e.confidence ? f(s.out_of_scope_accuracy) : `n/a (${f(s.out_of_scope_accuracy)} empty)`
      lines.push(`| ${lang === 'all' ? `**${e.label}**` : ''} | ${lang} | ${s.in_scope} | ${f(s.top1)} | ${f(s.top3)} | ${f(s.mrr)} | ${s.out_of_scope} | ${oos} |`)
    }
  }
  lines.push('')
}
lines.push('#### Sensitivity variants (all sets together)', '')
lines.push('| variant | lang | top-1 | top-3 | MRR | OOS empty |')
lines.push('|---|---|--:|--:|--:|--:|')
for (const v of VARIANTS) {
  const r = results.engines[v.name]
  if (!r) continue
  for (const lang of LANGS) {
    const s = r.scores.all[lang]
    lines.push(`| ${lang === 'all' ? v.label : ''} | ${lang} | ${f(s.top1)} | ${f(s.top3)} | ${f(s.mrr)} | ${f(s.out_of_scope_accuracy)} |`)
  }
}
lines.push('')
const table = lines.join('\n')
fs.writeFileSync(path.join(out, 'results.md'), table)
console.log(table)

if (updateReadme) {
  const readme = path.join(here, 'README.md')
  const text = fs.readFileSync(readme, 'utf8')
  const start = '<!-- results:start -->'
  const end = '<!-- results:end -->'
  const a = text.indexOf(start)
  const b = text.indexOf(end)
  if (a < 0 || b < a) throw new Error(`${readme}: markers ${start} / ${end} not found`)
  const stamp = `_Generated ${results.generated.slice(0, 10)} by \`bench/quality.sh --update-readme\` over ${cases.length} cases and ${Object.keys(results.engines).length} runs._\n\n`
  fs.writeFileSync(readme, text.slice(0, a + start.length) + '\n' + stamp + table + '\n' + text.slice(b))
  console.error(`score: updated ${readme}`)
}
