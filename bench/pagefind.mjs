// Quality benchmark: Pagefind, queried through its own browser API in headless Chromium.
//
//   node bench/pagefind.mjs <out-dir>
//
// Needs <out>/site/{en,zh}/*.html and <out>/cases.json (from `quality-export`). Indexes each
// language folder as its own Pagefind site (the `pagefind` npm package, whose binary comes
// from @pagefind/linux-x64), serves <out>/site on 127.0.0.1 with a tiny static server, opens
// a page of the case's language in headless Chromium (/usr/bin/chromium via playwright-core)
// and there runs, for each case, `pagefind.search(query)` from that site's `pagefind.js`.
//
// Mapping results to sections: pages in Pagefind's order (by score); within a page, its
// `data().sub_results` that carry a `#anchor` (each generated <h2 id> is a section id),
// ordered as Pagefind's own UIs pick the sub-results to show (most matched locations first,
// document order on ties). The flattened list, deduplicated, is cut at 10. An empty
// `results` array is Pagefind's "no result".
//
// Writes <out>/runs/pagefind.json.

import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const LIMIT = 10
const here = path.dirname(fileURLToPath(import.meta.url))
const out = path.resolve(process.argv[2] ?? path.join(here, 'out'))
const site = path.join(out, 'site')
const cases = JSON.parse(fs.readFileSync(path.join(out, 'cases.json'), 'utf8'))
const langs = ['en', 'zh']

// 1. Index each language as its own site.
const pagefindBin = path.join(here, 'node_modules', '.bin', 'pagefind')
for (const lang of langs) {
  fs.rmSync(path.join(site, lang, 'pagefind'), { recursive: true, force: true })
  execFileSync(pagefindBin, ['--site', path.join(site, lang), '--silent'], { stdio: 'inherit' })
}

// 2. A tiny static server over the site folder.
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm' }
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1')
  const file = path.join(site, path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, ''))
  if (!file.startsWith(site) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404).end('not found')
    return
  }
  res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' })
  fs.createReadStream(file).pipe(res)
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const origin = `http://127.0.0.1:${server.address().port}`

// 3. Headless Chromium, one page per language, Pagefind's browser API.
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
})
const results = new Array(cases.length)
let total_ms = 0
try {
  for (const lang of langs) {
    const firstPage = fs.readdirSync(path.join(site, lang)).filter((f) => f.endsWith('.html')).sort()[0]
    const page = await browser.newPage()
    await page.goto(`${origin}/${lang}/${firstPage}`)
    const todo = cases.map((c, i) => ({ i, query: c.query })).filter((_, i) => cases[i].lang === lang)
    const started = Date.now()
    const answers = await page.evaluate(
      async ({ bundle, todo, limit }) => {
        const pagefind = await import(bundle)
        await pagefind.init()
        const answers = []
        for (const { i, query } of todo) {
          const search = await pagefind.search(query)
          const ids = []
          for (const result of search?.results ?? []) {
            const data = await result.data()
            const subs = (data.sub_results ?? [])
              .map((s, order) => ({ s, order }))
              .filter(({ s }) => s.url.includes('#'))
              .sort((a, b) => (b.s.locations?.length ?? 0) - (a.s.locations?.length ?? 0) || a.order - b.order)
            for (const { s } of subs) {
              const id = decodeURIComponent(s.url.slice(s.url.indexOf('#') + 1))
              if (!ids.includes(id)) ids.push(id)
            }
            if (ids.length >= limit) break
          }
          answers.push({ i, ids: ids.slice(0, limit), pages: search?.results?.length ?? 0 })
        }
        return answers
      },
      { bundle: `${origin}/${lang}/pagefind/pagefind.js`, todo, limit: LIMIT },
    )
    total_ms += Date.now() - started
    for (const { i, ids, pages } of answers) results[i] = { ids, none: pages === 0, pages }
    await page.close()
  }
} finally {
  await browser.close()
  server.close()
}

fs.mkdirSync(path.join(out, 'runs'), { recursive: true })
fs.writeFileSync(path.join(out, 'runs', 'pagefind.json'), JSON.stringify({ engine: 'pagefind', total_ms, results }))
console.error(`pagefind: ${cases.length} cases in ${total_ms} ms (browser)`)
