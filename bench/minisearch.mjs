// Quality benchmark: MiniSearch with VitePress's default local-search options.
//
//   node bench/minisearch.mjs <out-dir>
//
// Reads <out>/sections.json and <out>/cases.json (from `quality-export`) and writes
// <out>/runs/minisearch.json (+ two sensitivity variants, see below), one entry per case:
// the ranked section ids (at most 10) and whether the result list was empty.
//
// What VitePress does (vuejs/vitepress, src/node/plugins/localSearchPlugin.ts and
// src/client/theme-default/components/VPLocalSearchBox.vue):
// - one MiniSearch index per locale, one document per heading section:
//   { id: page#anchor, title: heading text, titles: parent headings, text: section HTML
//   with tags stripped (code blocks included) }, created with
//   { fields: ['title', 'titles', 'text'], storeFields: ['title', 'titles'] };
// - searched with searchOptions { fuzzy: 0.2, prefix: true, boost: { title: 4, text: 2,
//   titles: 1 } } and MiniSearch's default tokenizer and term processing; the box shows
//   `index.search(filterText).slice(0, 16)`.
// Here: title = section title, titles = breadcrumb (page title, parent headings),
// text = section text + its commands. The query is the raw paste, searched in the index of
// the case's language (VitePress searches the current locale only).
//
// Variants (reported as sensitivity rows, not the headline):
// - minisearch-searchbox: the query as VitePress's <input type="search" maxlength="64">
//   would pass it: line breaks stripped (HTML value sanitisation for text/search inputs),
//   then cut to 64 UTF-16 code units.
// - minisearch-both-locales: one index over both languages (as fixfind and the tantivy
//   baseline search), hits deduplicated by section id.

import fs from 'node:fs'
import path from 'node:path'
import MiniSearch from 'minisearch'

const LIMIT = 10
const out = process.argv[2] ?? 'bench/out'
const sections = JSON.parse(fs.readFileSync(path.join(out, 'sections.json'), 'utf8'))
const cases = JSON.parse(fs.readFileSync(path.join(out, 'cases.json'), 'utf8'))

const vitepressOptions = {
  fields: ['title', 'titles', 'text'],
  storeFields: ['title', 'titles'],
  searchOptions: { fuzzy: 0.2, prefix: true, boost: { title: 4, text: 2, titles: 1 } },
}

function makeIndex(list) {
  const index = new MiniSearch(vitepressOptions)
  index.addAll(
    list.map((s) => ({
      id: `${s.lang}:${s.id}`,
      title: s.title,
      titles: s.breadcrumb,
      text: [s.text ?? "", ...(s.commands ?? []).map((c) => c.text)].join('\n'),
    })),
  )
  return index
}

const byLang = {}
for (const lang of ['en', 'zh']) byLang[lang] = makeIndex(sections.filter((s) => s.lang === lang))
const both = makeIndex(sections)

function run(name, pick, transform = (q) => q) {
  const started = performance.now()
  const results = cases.map((c) => {
    const hits = pick(c).search(transform(c.query))
    const ids = []
    for (const h of hits) {
      const id = h.id.slice(h.id.indexOf(':') + 1)
      if (!ids.includes(id)) ids.push(id)
      if (ids.length === LIMIT) break
    }
    return { ids, none: ids.length === 0 }
  })
  const total_ms = performance.now() - started
  fs.mkdirSync(path.join(out, 'runs'), { recursive: true })
  fs.writeFileSync(path.join(out, 'runs', `${name}.json`), JSON.stringify({ engine: name, total_ms, results }))
  console.error(`minisearch: ${name} ${cases.length} cases in ${total_ms.toFixed(0)} ms`)
}

run('minisearch', (c) => byLang[c.lang])
run('minisearch-searchbox', (c) => byLang[c.lang], (q) => q.replace(/[\r\n]/g, '').slice(0, 64))
run('minisearch-both-locales', () => both)
