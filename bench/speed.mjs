// Speed and size benchmark (issue 6, browser half): the release web app against Pagefind,
// in headless Chromium, in one run.
//
//   node bench/speed.mjs --dist <dist-dir> --site <pagefind-site-dir> --out <out-dir>
//                        [--loads 5] [--reps 2] [--readme bench/README.md]
//
// <dist-dir> is a `trunk build --release` output; <site-dir> holds {en,zh}/*.html with a
// Pagefind index in each language folder (bench/speed.sh prepares both). One small Node
// server on 127.0.0.1 serves <dist> under /app/ and <site> under /pf/, gzip-compressed
// (zlib level 6, compressed once at start like a gzip_static server, sent only when smaller
// than the file). Writes <out>/results.json and <out>/results.md; with --readme, replaces
// the part of that file between `<!-- speed:start -->` and `<!-- speed:end -->`.
//
// What is measured (all times are the page's own performance.now(), whose origin is the
// navigation start; Chromium coarsens it to 0.1 ms in a page that is not cross-origin
// isolated):
// - cold loads (fresh browser context each, HTTP cache disabled over CDP, service workers
//   blocked so the offline precache does not mix in): bytes on the wire (response headers
//   as Playwright's request.sizes() reports them + the encoded body as the server sent it)
//   of every response that ended before the first result, navigation → `.app[data-state=ready]`,
//   navigation → first `.results .card` for `#q=collection%20not%20loaded&lang=en`, and →
//   that card showing its text (its page's text chunk attached: a snippet, no loading
//   line). Times are taken by a MutationObserver installed before the page's scripts run.
// - per query: the engine time the app prints in #status (performance.now() around
//   `engine.search` + cutting the hit list, src/app/mod.rs), and the time from the app's
//   150 ms debounce timer firing to the results being in the DOM (search, fill facts,
//   address update, rendering). The UI is driven as a user would: textarea value + 'input'.
// - long pastes: the same, plus the input handler's duration and the longest main-thread
//   task (PerformanceObserver 'longtask') between the paste and the results.
// - Pagefind: the same content exported by bench/export.rs; a 100-byte host page at /pf/,
//   `import('/pf/<lang>/pagefind/pagefind.js')`, `init()`, `search(q)`, then `data()` of
//   the first 5 results (what Pagefind's UI shows first). Bytes = every response of that
//   context (the host page excluded); Pagefind runs its search in a Web Worker, whose
//   requests Playwright reports with the page's.

import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { chromium } from 'playwright-core'

// ---------------------------------------------------------------------------------------
// Options

const args = process.argv.slice(2)
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : fallback
}
const dist = path.resolve(opt('dist', 'dist'))
const site = path.resolve(opt('site', 'bench/out/quality/site'))
const out = path.resolve(opt('out', 'bench/out/speed'))
const LOADS = Number(opt('loads', 5))
const REPS = Number(opt('reps', 2))
const readme = opt('readme', null)
const FIRST_QUERY = 'collection not loaded'
const FIRST_HASH = '#q=collection%20not%20loaded&lang=en'
const CASE_FILES = ['tests/eval/dev.jsonl', 'tests/eval/extra.jsonl']
const PASTES = [1 << 10, 10 << 10, 100 << 10, 1 << 20]
const PASTE_REPS = 3
const PAGEFIND_SHOWN = 5
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

const cases = CASE_FILES.flatMap((file) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))
    .map((c) => ({ query: c.query, lang: c.lang, expect: c.expect, file: path.basename(file) })),
)

// The same log as benches/search.rs `synthetic_log`: heartbeat noise, a few warnings, one
// real error at the end.
function syntheticLog(bytes) {
  const p2 = (n) => String(n).padStart(2, '0')
  let log = ''
  let i = 0n
  while (Buffer.byteLength(log) < bytes) {
    i += 1n
    const n = Number(i)
    log +=
      n % 50 === 7
        ? `[2024/05/07 09:${p2(n % 60)}:${p2((n * 7) % 60)}.123 +00:00] [WARN] [querynodev2/segments/segment_loader.go:${300 + (n % 90)}] ["slow segment load"] [segmentID=${449000000000000000n + i}] [duration=3.2s]\n`
        : `[2024/05/07 09:${p2(n % 60)}:${p2((n * 13) % 60)}.456 +00:00] [INFO] [datacoord/services.go:${100 + (n % 400)}] ["received heartbeat"] [nodeID=${n % 9}] [channel=by-dev-rootcoord-dml_${n % 16}_449${n}v0]\n`
  }
  return log + '[2024/05/07 09:59:59.999 +00:00] [WARN] [proxy/impl.go:2954] ["Search failed to WaitToFinish"] [error="failed to search: collection not loaded[collection=449876543210987654]"]\n'
}

// ---------------------------------------------------------------------------------------
// Static server with precompressed gzip

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
}
// The Pagefind host page: empty; with ?q=…&lang=…, a module script in it imports Pagefind,
// init()s, searches and loads the first results' data at once, as a site's search page would.
const HOST_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title>
<script type="module">
const p = new URLSearchParams(location.search)
if (p.get('q')) {
  const pf = (window.__pf = { start: performance.now() })
  const pagefind = await import('./' + p.get('lang') + '/pagefind/pagefind.js')
  await pagefind.init()
  pf.init = performance.now()
  const search = await pagefind.search(p.get('q'))
  pf.searched = performance.now()
  const data = await Promise.all(search.results.slice(0, ${PAGEFIND_SHOWN}).map((r) => r.data()))
  pf.shown = performance.now()
  pf.count = search.results.length
  pf.top = data[0]?.url ?? null
}
</script></head><body></body></html>`
const cache = new Map()
// Every response the server sent: path, body bytes, encoding (reset per measured load).
let served = []
function load(file) {
  let entry = cache.get(file)
  if (!entry) {
    const raw = fs.readFileSync(file)
    const gz = zlib.gzipSync(raw, { level: 6 })
    entry = { raw, gz: gz.length < raw.length ? gz : null }
    cache.set(file, entry)
  }
  return entry
}
function resolve(pathname) {
  for (const [prefix, root] of [['/app/', dist], ['/pf/', site]]) {
    if (!pathname.startsWith(prefix)) continue
    let rel = path.normalize(pathname.slice(prefix.length)).replace(/^([/\\])+/, '')
    if (rel === '' || rel === '.') rel = 'index.html'
    const file = path.join(root, rel)
    if (file.startsWith(root) && fs.existsSync(file) && fs.statSync(file).isFile()) return file
  }
  return null
}
// Set during a repeat visit: the server itself then delays each response by one link
// latency plus its bytes over the link's throughput. Chromium's emulation is set on the
// page's target, and a service worker is a target of its own, whose fetches are what a
// repeat visit is made of.
let serverLink = null
function send(res, status, headers, body) {
  const go = () => res.writeHead(status, { ...headers, 'content-length': body.length }).end(body)
  if (serverLink) setTimeout(go, serverLink.latency + (body.length / serverLink.download) * 1000)
  else go()
}
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1')
  const pathname = decodeURIComponent(url.pathname)
  if (pathname === '/pf/host.html') {
    served.push({ url: pathname, body: Buffer.byteLength(HOST_PAGE), encoding: '' })
    send(res, 200, { 'content-type': types['.html'], 'cache-control': 'no-store' }, Buffer.from(HOST_PAGE))
    return
  }
  const file = resolve(pathname)
  if (!file) {
    send(res, 404, {}, Buffer.from('not found'))
    return
  }
  const { raw, gz } = load(file)
  const headers = { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', vary: 'accept-encoding' }
  if (gz && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
    served.push({ url: pathname, body: gz.length, encoding: 'gzip' })
    send(res, 200, { ...headers, 'content-encoding': 'gzip' }, gz)
  } else {
    served.push({ url: pathname, body: raw.length, encoding: '' })
    send(res, 200, headers, raw)
  }
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const origin = `http://127.0.0.1:${server.address().port}`

// ---------------------------------------------------------------------------------------
// Helpers

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
// Nearest-rank percentile.
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]
}
const stats = (xs) => ({ n: xs.length, p50: pct(xs, 50), p90: pct(xs, 90), p99: pct(xs, 99), max: Math.max(...xs), mean: xs.reduce((a, b) => a + b, 0) / xs.length })
const log = (...m) => console.error(...m)
const kb = (b) => (b / 1024).toFixed(1)

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS })

// Instrumentation installed before any page script: ready / first-result times, long
// tasks, the debounce timer (gloo-timers calls the global setTimeout), results arriving.
const INSTRUMENT = () => {
  const ff = (window.__ff = { ready: null, first: null, text: null, longtasks: [], debounce: [], results: [] })
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) ff.longtasks.push({ start: e.startTime, end: e.startTime + e.duration })
    }).observe({ type: 'longtask', buffered: true })
  } catch {}
  const setTimeout0 = window.setTimeout
  window.setTimeout = function (fn, ms, ...rest) {
    if (ms === 150 && typeof fn === 'function') {
      const wrapped = function (...a) {
        ff.debounce.push(performance.now())
        return fn.apply(this, a)
      }
      return setTimeout0.call(this, wrapped, ms, ...rest)
    }
    return setTimeout0.call(this, fn, ms, ...rest)
  }
  for (const name of ['replaceState', 'pushState']) {
    const f = history[name]
    ff[name] = []
    history[name] = function (...a) {
      const t0 = performance.now()
      const r = f.apply(this, a)
      ff[name].push({ t: t0, ms: performance.now() - t0, len: String(a[2] ?? '').length })
      return r
    }
  }
  new MutationObserver(() => {
    const now = performance.now()
    if (ff.ready === null && document.querySelector('.app[data-state=ready]')) ff.ready = now
    const card = document.querySelector('.results .card')
    if (ff.first === null && card) ff.first = now
    if (ff.text === null && card && !card.querySelector('.text-pending') && card.querySelector('.snippet')?.textContent) ff.text = now
    const r = document.querySelector('.results')
    const q = r ? r.getAttribute('data-query') : null
    const last = ff.results[ff.results.length - 1]
    if (q !== null && (!last || last.q !== q)) ff.results.push({ q, t: now })
    if (q === null && last && last.q !== null) ff.results.push({ q: null, t: now })
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-query'] })
}

// Chromium's network emulation, with DevTools' presets (front_end/core/sdk/NetworkManager.ts):
// "Slow 4G" is what DevTools called "Fast 3G" until 2024. Latency is added per request,
// throughput caps what the page receives; both apply to the gzip bytes the server sends.
const LINKS = [
  { name: 'fast 4G', latency: 60 * 2.75, download: ((9 * 1000 * 1000) / 8) * 0.9, upload: ((1.5 * 1000 * 1000) / 8) * 0.9 },
  { name: 'slow 4G (formerly "fast 3G")', latency: 150 * 3.75, download: ((1.6 * 1000 * 1000) / 8) * 0.9, upload: ((750 * 1000) / 8) * 0.9 },
]
const THROTTLED_LOADS = Math.max(1, Math.min(LOADS, 3))

// A fresh browser context. `link` throttles it (see LINKS); `offline: true` lets the
// service worker run and keeps the HTTP cache, as a visitor's browser does.
async function newContext({ link = null, offline = false } = {}) {
  const context = await browser.newContext({ serviceWorkers: offline ? 'allow' : 'block', viewport: { width: 1280, height: 900 } })
  const requests = []
  context.on('requestfinished', async (request) => {
    const entry = { url: request.url(), finished: true }
    requests.push(entry)
    try {
      const sizes = await request.sizes()
      const response = await request.response()
      entry.headers = sizes.responseHeadersSize
      entry.body = sizes.responseBodySize
      entry.encoding = response ? ((await response.allHeaders())['content-encoding'] ?? '') : ''
      entry.status = response?.status()
    } catch (e) {
      entry.error = String(e)
    }
  })
  context.on('requestfailed', (request) => requests.push({ url: request.url(), failed: request.failure()?.errorText }))
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  if (!offline) await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  if (link) {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: link.latency, downloadThroughput: link.download, uploadThroughput: link.upload })
  }
  return { context, page, requests }
}
const settle = (ms) => new Promise((r) => setTimeout(r, ms))
const short = (url) => url.replace(origin, '').replace(/#.*/, '')

// ---------------------------------------------------------------------------------------
// fixfind: cold loads

const results = { when: new Date().toISOString(), host: { cpus: os.cpus().length, loadavg: os.loadavg(), chromium: browser.version(), node: process.version }, fixfind: {}, pagefind: {} }

// One cold load of `url`; returns the page's own timings and every response.
async function coldLoad(url, done, link = null) {
  const { context, page, requests } = await newContext({ link })
  await page.addInitScript(INSTRUMENT)
  served = []
  await page.goto(url, { waitUntil: 'commit' })
  await page.waitForFunction(done, null, { timeout: 120000, polling: 20 })
  await settle(300)
  const info = await page.evaluate(() => ({
    ready: window.__ff?.ready ?? null,
    first: window.__ff?.first ?? null,
    text: window.__ff?.text ?? null,
    pf: window.__pf ?? null,
    mark: performance.getEntriesByName('fixfind-first-result')[0]?.startTime ?? null,
    status: document.querySelector('#status')?.textContent ?? '',
    top: document.querySelector('.results .card')?.getAttribute('data-id') ?? null,
    nav: (() => {
      const n = performance.getEntriesByType('navigation')[0]
      return { responseEnd: n.responseEnd, domContentLoaded: n.domContentLoadedEventEnd }
    })(),
    resources: performance.getEntriesByType('resource').map((r) => ({ url: r.name, start: r.startTime, end: r.responseEnd })),
    longest: Math.max(0, ...(window.__ff?.longtasks ?? []).map((t) => t.end - t.start)),
  }))
  await context.close()
  const rt = new Map(info.resources.map((r) => [short(r.url), r]))
  const rows = requests.map((r) => {
    const key = short(r.url)
    return { url: key, bytes: (r.headers ?? 0) + (r.body ?? 0), headers: r.headers, body: r.body, encoding: r.encoding, status: r.status, failed: r.failed, start: rt.get(key)?.start, end: rt.get(key)?.end }
  })
  // Body sizes from the server's own log: Playwright reports 0 for a worker's script.
  const unused = served.slice()
  for (const row of rows) {
    const k = unused.findIndex((x) => x.url === row.url.replace(/\?.*/, ''))
    if (k < 0) continue
    row.reportedBody = row.body
    row.body = unused.splice(k, 1)[0].body
    row.bytes = (row.headers ?? 0) + row.body
  }
  return { ...info, resources: undefined, rows, served: served.slice() }
}

// Bytes of the responses that ended before the first result (the page itself always),
// marking them `critical`.
function firstResultWire(l) {
  for (const r of l.rows) r.critical = r.url === '/app/index.html' || (r.end !== undefined && r.end <= l.first)
  return l.rows.filter((r) => r.critical).reduce((a, r) => a + r.bytes, 0)
}
// Bytes of the responses that ended by `t`.
const wireUntil = (l, t) => l.rows.filter((r) => r.url === '/app/index.html' || (r.end !== undefined && r.end <= t)).reduce((a, r) => a + r.bytes, 0)
const FF_FIRST = () => window.__ff && window.__ff.first !== null
const FF_TEXT = () => window.__ff && window.__ff.text !== null
const PF_SHOWN = () => window.__pf && window.__pf.shown !== undefined
const PF_FIRST_URL = `${origin}/pf/host.html?lang=en&q=${encodeURIComponent(FIRST_QUERY)}`

log(`== fixfind: ${LOADS} cold loads with ${FIRST_HASH}, ${LOADS} without a query`)
const ffLoads = []
for (let i = 0; i < LOADS; i++) {
  const l = await coldLoad(`${origin}/app/index.html${FIRST_HASH}`, FF_TEXT)
  l.wire = firstResultWire(l)
  l.textWire = wireUntil(l, l.text)
  l.servedBody = l.served.reduce((a, r) => a + r.body, 0)
  const e = (name) => l.rows.find((r) => r.url.includes(name))?.end
  l.wasmEnd = e('_bg.wasm')
  l.bundleEnd = e('fixfind.bundle')
  ffLoads.push(l)
  log(`  load ${i + 1}: wasm in ${l.wasmEnd?.toFixed(1)} ms, bundle in ${l.bundleEnd?.toFixed(1)} ms, first result ${l.first.toFixed(1)} ms (${l.top}), its text ${l.text.toFixed(1)} ms, ${l.wire} B on the wire (${l.textWire} B until the text) (server sent ${l.servedBody} B of bodies in ${l.served.length} responses); "${l.status}"`)
}
const ffReady = []
for (let i = 0; i < LOADS; i++) {
  const l = await coldLoad(`${origin}/app/index.html#lang=en`, () => window.__ff && window.__ff.ready !== null)
  ffReady.push(l)
  log(`  load ${i + 1} (no query): ready ${l.ready.toFixed(1)} ms, longest task ${l.longest.toFixed(0)} ms`)
}
results.fixfind.loads = ffLoads
results.fixfind.readyLoads = ffReady.map((l) => ({ ready: l.ready, longest: l.longest, rows: l.rows }))
results.fixfind.cold = {
  wire: median(ffLoads.map((l) => l.wire)),
  ready: median(ffReady.map((l) => l.ready)),
  first: median(ffLoads.map((l) => l.first)),
  text: median(ffLoads.map((l) => l.text)),
  textWire: median(ffLoads.map((l) => l.textWire)),
  firstEngine: median(ffLoads.map((l) => Number((l.status.match(/([\d.]+)\s*(?:ms|毫秒)/) ?? [])[1]))),
  wasmEnd: median(ffLoads.map((l) => l.wasmEnd)),
  bundleEnd: median(ffLoads.map((l) => l.bundleEnd)),
  longest: median(ffReady.map((l) => l.longest)),
}

// ---------------------------------------------------------------------------------------
// fixfind: per-query latency, driving the textarea

// In the page: clears the input (waiting for the results to go), pastes `q`, waits for
// the results of `q`, and reports the app's own figure and ours.
const PASTE_IN_PAGE = async (q) => {
  const ff = window.__ff
  const area = document.querySelector('#q')
  const waitFor = (pred) =>
    new Promise((resolve) => {
      if (pred()) return resolve()
      const id = setInterval(() => pred() && (clearInterval(id), resolve()), 5)
    })
  if (area.value !== '') {
    area.value = ''
    area.dispatchEvent(new Event('input', { bubbles: true }))
    await waitFor(() => !document.querySelector('.results'))
  }
  await new Promise((r) => setTimeout(r, 20))
  const debounces = ff.debounce.length
  const seen = ff.results.length
  area.value = q
  const t0 = performance.now()
  area.dispatchEvent(new Event('input', { bubbles: true }))
  const t1 = performance.now()
  // What is searched: the paste, or the lines the app kept of a long one.
  const value = area.value
  await waitFor(() => ff.results.slice(seen).some((r) => r.q === value))
  const done = ff.results.slice(seen).find((r) => r.q === value).t
  const fired = ff.debounce.slice(debounces).filter((t) => t <= done).pop() ?? null
  // Long-task entries reach the observer a little after the task: give them time.
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100)))
  const status = document.querySelector('#status')?.textContent ?? ''
  const m = status.match(/([\d.]+)\s*(?:ms|毫秒)/)
  const tasks = ff.longtasks.filter((t) => t.end > t0 - 1 && t.start < done + 1)
  const writes = [...ff.replaceState, ...ff.pushState].filter((w) => w.t >= t0 && w.t <= done)
  return {
    engine: m ? Number(m[1]) : null,
    searched: value.length,
    status,
    input: t1 - t0,
    afterDebounce: fired === null ? null : done - fired,
    wall: done - t0,
    longest: Math.max(0, ...tasks.map((t) => t.end - t.start)),
    history: writes.reduce((a, w) => a + w.ms, 0),
    urlLength: Math.max(0, ...writes.map((w) => w.len)),
    top: document.querySelector('.results .card')?.getAttribute('data-id') ?? null,
    verdict: document.querySelector('.results')?.getAttribute('data-verdict') ?? null,
  }
}

async function fixfindPage(lang) {
  const ctx = await newContext()
  await ctx.page.addInitScript(INSTRUMENT)
  await ctx.page.goto(`${origin}/app/index.html#lang=${lang}`)
  await ctx.page.waitForSelector('.app[data-state=ready]', { timeout: 60000 })
  return ctx
}

log(`== fixfind: ${cases.length} queries × ${REPS}`)
const ffQueries = []
for (const lang of ['en', 'zh']) {
  const { context, page } = await fixfindPage(lang)
  const todo = cases.map((c, i) => ({ ...c, i })).filter((c) => c.lang === lang)
  for (let rep = 0; rep < REPS; rep++) {
    for (const c of todo) {
      const r = await page.evaluate(PASTE_IN_PAGE, c.query)
      ffQueries.push({ i: c.i, rep, bytes: Buffer.byteLength(c.query), ...r })
    }
  }
  await context.close()
}
results.fixfind.queries = ffQueries
const ffQ = ffQueries.filter((q) => q.bytes <= 10 << 10)
results.fixfind.query = {
  engine: stats(ffQ.map((q) => q.engine)),
  passes: [...Array(REPS).keys()].map((rep) => stats(ffQ.filter((q) => q.rep === rep).map((q) => q.engine))),
  afterDebounce: stats(ffQ.map((q) => q.afterDebounce)),
  input: stats(ffQ.map((q) => q.input)),
  longest: Math.max(...ffQ.map((q) => q.longest)),
  largest: Math.max(...ffQueries.map((q) => q.bytes)),
}
log(`  engine p50 ${results.fixfind.query.engine.p50} ms, p99 ${results.fixfind.query.engine.p99} ms; debounce→DOM p50 ${results.fixfind.query.afterDebounce.p50.toFixed(1)} ms`)

log('== fixfind: long pastes (after 10 warm-up queries; the cold first query is in the loads above)')
results.fixfind.pastes = []
{
  const { context, page } = await fixfindPage('en')
  for (const c of cases.filter((c) => c.lang === 'en').slice(0, 10)) await page.evaluate(PASTE_IN_PAGE, c.query)
  for (const size of PASTES) {
    const paste = syntheticLog(size)
    const runs = []
    for (let r = 0; r < PASTE_REPS; r++) runs.push(await page.evaluate(PASTE_IN_PAGE, paste))
    const row = {
      size,
      bytes: Buffer.byteLength(paste),
      engine: median(runs.map((x) => x.engine)),
      afterDebounce: median(runs.map((x) => x.afterDebounce)),
      input: median(runs.map((x) => x.input)),
      history: median(runs.map((x) => x.history)),
      urlLength: runs[0].urlLength,
      searched: runs[0].searched,
      longest: Math.max(...runs.map((x) => x.longest)),
      top: runs[0].top,
      verdict: runs[0].verdict,
      runs,
    }
    results.fixfind.pastes.push(row)
    log(`  ${size >> 10} KB: engine ${row.engine} ms, debounce→DOM ${row.afterDebounce.toFixed(1)} ms, input handler ${row.input.toFixed(1)} ms, history write ${row.history.toFixed(1)} ms (URL ${row.urlLength} chars), longest task ${row.longest.toFixed(0)} ms, top ${row.top} (${row.verdict})`)
  }
  await context.close()
}

// ---------------------------------------------------------------------------------------
// Pagefind

log(`== Pagefind: ${LOADS} cold loads`)
const pfLoads = []
for (let i = 0; i < LOADS; i++) {
  const l = await coldLoad(PF_FIRST_URL, PF_SHOWN)
  const r = l.pf
  const rows = l.rows.filter((x) => x.url.startsWith('/pf/en/')).map((x) => ({ ...x, fragment: x.url.includes('/fragment/') }))
  const wireSearch = rows.filter((x) => !x.fragment).reduce((a, x) => a + x.bytes, 0)
  const wireShown = rows.reduce((a, x) => a + x.bytes, 0)
  const servedBody = l.served.filter((x) => x.url.startsWith('/pf/en/')).reduce((a, x) => a + x.body, 0)
  pfLoads.push({ ...r, rows, served: l.served, wireSearch, wireShown, servedBody })
  log(`  load ${i + 1}: init ${r.init.toFixed(1)} ms (import+init ${(r.init - r.start).toFixed(1)}), search ${r.searched.toFixed(1)} ms, ${PAGEFIND_SHOWN} shown ${r.shown.toFixed(1)} ms; ${r.count} pages; ${wireSearch} B (+fragments ${wireShown} B; server sent ${servedBody} B of bodies in ${l.served.length - 1} responses), ${rows.length} responses`)
}
results.pagefind.loads = pfLoads
results.pagefind.cold = {
  wireSearch: median(pfLoads.map((l) => l.wireSearch)),
  wire: median(pfLoads.map((l) => l.wireShown)),
  ready: median(pfLoads.map((l) => l.init)),
  importInit: median(pfLoads.map((l) => l.init - l.start)),
  searched: median(pfLoads.map((l) => l.searched)),
  first: median(pfLoads.map((l) => l.shown)),
}

log(`== Pagefind: ${cases.length} queries × ${REPS} (first pass fetches index chunks)`)
const pfQueries = []
for (const lang of ['en', 'zh']) {
  const { context, page } = await newContext()
  await page.addInitScript(INSTRUMENT)
  await page.goto(`${origin}/pf/host.html`)
  const todo = cases.map((c, i) => ({ ...c, i })).filter((c) => c.lang === lang)
  const answers = await page.evaluate(
    async ({ bundle, todo, reps }) => {
      const pagefind = await import(bundle)
      await pagefind.init()
      const out = []
      for (let rep = 0; rep < reps; rep++) {
        for (const c of todo) {
          const t0 = performance.now()
          const s = await pagefind.search(c.query)
          out.push({ i: c.i, rep, ms: performance.now() - t0, count: s.results.length })
        }
      }
      return out
    },
    { bundle: `${origin}/pf/${lang}/pagefind/pagefind.js`, todo, reps: REPS },
  )
  for (const a of answers) pfQueries.push({ ...a, bytes: Buffer.byteLength(cases[a.i].query) })
  await context.close()
}
results.pagefind.queries = pfQueries
const pfQ = pfQueries.filter((q) => q.bytes <= 10 << 10)
results.pagefind.query = {
  all: stats(pfQ.map((q) => q.ms)),
  cold: stats(pfQ.filter((q) => q.rep === 0).map((q) => q.ms)),
  warm: stats(pfQ.filter((q) => q.rep > 0).map((q) => q.ms)),
}
log(`  all p50 ${results.pagefind.query.all.p50.toFixed(2)} ms, p99 ${results.pagefind.query.all.p99.toFixed(2)} ms; warm p50 ${results.pagefind.query.warm.p50?.toFixed(2)} ms`)

log('== Pagefind: long pastes')
results.pagefind.pastes = []
{
  const { context, page } = await newContext()
  await page.addInitScript(INSTRUMENT)
  await page.goto(`${origin}/pf/host.html`)
  await page.evaluate(async (bundle) => {
    window.pagefind = await import(bundle)
    await window.pagefind.init()
    await window.pagefind.search('collection')
  }, `${origin}/pf/en/pagefind/pagefind.js`)
  for (const size of PASTES) {
    const paste = syntheticLog(size)
    const runs = []
    for (let r = 0; r < PASTE_REPS; r++) {
      const run = await Promise.race([
        page.evaluate(async (q) => {
          const t0 = performance.now()
          const s = await window.pagefind.search(q)
          const ms = performance.now() - t0
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100)))
          const tasks = __ff.longtasks.filter((t) => t.end > t0)
          return { ms, count: s.results.length, top: s.results.length ? (await s.results[0].data()).url : null, longest: Math.max(0, ...tasks.map((t) => t.end - t.start)) }
        }, paste),
        settle(60000).then(() => ({ timeout: true })),
      ])
      runs.push(run)
      if (run.timeout) break
    }
    const ok = runs.filter((x) => !x.timeout)
    const row = { size, bytes: Buffer.byteLength(paste), ms: ok.length ? median(ok.map((x) => x.ms)) : null, longest: ok.length ? Math.max(...ok.map((x) => x.longest)) : null, count: ok[0]?.count ?? null, top: ok[0]?.top ?? null, timeout: runs.some((x) => x.timeout), runs }
    results.pagefind.pastes.push(row)
    log(`  ${size >> 10} KB: ${row.timeout ? 'timed out (60 s)' : `${row.ms.toFixed(1)} ms, ${row.count} pages, top ${row.top}, longest main-thread task ${row.longest.toFixed(0)} ms`}`)
    if (row.timeout) break
  }
  await context.close()
}

// ---------------------------------------------------------------------------------------
// Throttled links: what a visitor off loopback waits for

// A first visit with the service worker allowed, then THROTTLED_LOADS more in the same
// browser: navigation → first result of each (median), and what they still fetched.
async function repeatVisit(link) {
  const { context, page } = await newContext({ offline: true })
  await page.addInitScript(INSTRUMENT)
  const url = `${origin}/app/index.html${FIRST_HASH}`
  serverLink = link
  await page.goto(url, { waitUntil: 'commit' })
  await page.waitForFunction(FF_FIRST, null, { timeout: 120000, polling: 20 })
  // The worker controls the page once its install has cached the whole build.
  await page.waitForFunction(() => navigator.serviceWorker?.controller, null, { timeout: 120000, polling: 50 })
  served = []
  const visits = []
  for (let i = 0; i < THROTTLED_LOADS; i++) {
    await page.goto('about:blank')
    await page.goto(url, { waitUntil: 'commit' })
    await page.waitForFunction(FF_FIRST, null, { timeout: 120000, polling: 20 })
    visits.push(await page.evaluate(() => ({ ready: window.__ff.ready, first: window.__ff.first })))
  }
  serverLink = null
  await context.close()
  return { visits, first: median(visits.map((v) => v.first)), fetched: [...new Set(served.map((r) => r.url))] }
}

results.links = []
for (const link of LINKS) {
  log(`== ${link.name}: ${THROTTLED_LOADS} cold loads of fixfind and of Pagefind, a repeat visit`)
  const ff = []
  const pf = []
  for (let i = 0; i < THROTTLED_LOADS; i++) {
    const l = await coldLoad(`${origin}/app/index.html${FIRST_HASH}`, FF_TEXT, link)
    ff.push({ first: l.first, text: l.text, ready: l.ready, wire: firstResultWire(l), textWire: wireUntil(l, l.text), top: l.top })
    const p = await coldLoad(PF_FIRST_URL, PF_SHOWN, link)
    const wire = p.rows.filter((x) => x.url.startsWith('/pf/en/')).reduce((a, x) => a + x.bytes, 0)
    pf.push({ first: p.pf.shown, ready: p.pf.init, wire, top: p.pf.top })
    log(`  load ${i + 1}: fixfind first result ${ff[i].first.toFixed(0)} ms (${kb(ff[i].wire)} KB), its text ${ff[i].text.toFixed(0)} ms, Pagefind ${pf[i].first.toFixed(0)} ms (${kb(wire)} KB)`)
  }
  const repeat = await repeatVisit(link)
  log(`  repeat visits: first result ${repeat.visits.map((v) => v.first.toFixed(0)).join(', ')} ms; fetched from the server: ${repeat.fetched.join(', ') || 'nothing'}`)
  results.links.push({
    ...link,
    fixfind: { loads: ff, first: median(ff.map((x) => x.first)), text: median(ff.map((x) => x.text)), ready: median(ff.map((x) => x.ready)), wire: median(ff.map((x) => x.wire)), textWire: median(ff.map((x) => x.textWire)) },
    pagefind: { loads: pf, first: median(pf.map((x) => x.first)), ready: median(pf.map((x) => x.ready)), wire: median(pf.map((x) => x.wire)) },
    repeat,
  })
}

await browser.close()
server.close()

// ---------------------------------------------------------------------------------------
// Payload sizes (offline)

function sizes(file) {
  const raw = fs.readFileSync(file)
  return {
    raw: raw.length,
    gzip: zlib.gzipSync(raw, { level: 6 }).length,
    gzip9: zlib.gzipSync(raw, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }).length,
  }
}
const distFiles = fs.readdirSync(dist).filter((f) => fs.statSync(path.join(dist, f)).isFile())
const role = (f) =>
  f === 'index.html' ? 'html' : f === 'boot.js' ? 'js (loader)' : /_bg\.wasm$/.test(f) ? 'wasm' : /^fixfind-.*\.js$/.test(f) ? 'js (bindings)' : /\.css$/.test(f) ? 'css' : f === 'fixfind.bundle' ? 'bundle (index)' : null
const textDir = fs.readdirSync(dist).find((f) => f.endsWith('-text') && fs.statSync(path.join(dist, f)).isDirectory())
const besideFiles = textDir ? fs.readdirSync(path.join(dist, textDir)) : []
// The index parts (gzip already): the first search (`lang=en`) waits for the English one;
// the Chinese one follows it and is not part of the first search's payload.
const parts = besideFiles
  .filter((f) => f.endsWith('.part'))
  .map((f) => ({ file: `${textDir}/${f}`, role: f.startsWith('en.') ? 'index part (en)' : null, ...sizes(path.join(dist, textDir, f)) }))
const payload = distFiles
  .map((f) => ({ file: f, role: role(f), ...sizes(path.join(dist, f)) }))
  .concat(parts)
  .sort((a, b) => b.raw - a.raw)
const sum = (rows, k) => rows.reduce((a, r) => a + r[k], 0)
// The section text chunks (gzip already, as the server sends them): fetched for the pages
// of the results shown, not part of the first search's payload.
if (textDir) {
  const chunkSizes = besideFiles.filter((f) => f.endsWith('.chunk')).map((f) => fs.statSync(path.join(dist, textDir, f)).size)
  results.payload_text = { dir: textDir, files: chunkSizes.length, raw: chunkSizes.reduce((a, b) => a + b, 0), median: median(chunkSizes), max: Math.max(...chunkSizes) }
}
const core = payload.filter((r) => r.role)
results.payload = { files: payload, total: { raw: sum(core, 'raw'), gzip: sum(core, 'gzip'), gzip9: sum(core, 'gzip9'), brotli: sum(core, 'brotli') }, text: results.payload_text }
delete results.payload_text

const pfDir = path.join(site, 'en', 'pagefind')
const pfCore = ['pagefind.js', 'pagefind-worker.js', 'pagefind-entry.json', 'wasm.en.pagefind', ...fs.readdirSync(pfDir).filter((f) => f.endsWith('.pf_meta'))]
const walk = (dir) => fs.readdirSync(dir).flatMap((f) => (fs.statSync(path.join(dir, f)).isDirectory() ? walk(path.join(dir, f)) : [path.join(dir, f)]))
const pfIndexFiles = walk(pfDir).filter((f) => /\.pf_(index|fragment|filter)$/.test(f))
results.pagefind.payload = {
  core: pfCore.filter((f) => fs.existsSync(path.join(pfDir, f))).map((f) => ({ file: f, ...sizes(path.join(pfDir, f)) })),
  index: { files: pfIndexFiles.length, raw: pfIndexFiles.reduce((a, f) => a + fs.statSync(f).size, 0) },
}

// ---------------------------------------------------------------------------------------
// Report

const ms = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(d))
const ratio = (a, b) => (b > 0 && a > 0 ? `${(a / b).toFixed(2)}×` : 'n/a')
const F = results.fixfind
const P = results.pagefind
const pasteSmall = F.pastes.filter((p) => p.size <= 10 << 10)
const p1m = F.pastes.find((p) => p.size === 1 << 20)
const met = (ok) => (ok ? '**met**' : '**not met**')
const hostLine = `${results.host.cpus} CPUs shared with other builds (load average at start ${results.host.loadavg.map((x) => x.toFixed(1)).join(' / ')}), Chromium ${results.host.chromium}, Node ${results.host.node}`

const md = []
md.push(`_Generated ${results.when.slice(0, 16).replace('T', ' ')} UTC by \`bench/speed.sh\`: ${LOADS} cold loads each, ${cases.length} eval queries × ${REPS} passes, pastes × ${PASTE_REPS}; ${hostLine}._`)
md.push('')
md.push('#### fixfind vs Pagefind, same content, same run')
md.push('')
md.push('| measure | fixfind | Pagefind | fixfind ÷ Pagefind |')
md.push('|---|--:|--:|--:|')
md.push(`| bytes on the wire (gzip) until the first result shows, median | ${kb(F.cold.wire)} KB | ${kb(P.cold.wire)} KB (${kb(P.cold.wireSearch)} KB without the ${PAGEFIND_SHOWN} result fragments) | ${ratio(F.cold.wire, P.cold.wire)} |`)
md.push(`| navigation → ready to search, median | ${ms(F.cold.ready)} ms | ${ms(P.cold.ready)} ms (import + \`init()\` ${ms(P.cold.importInit)} ms) | ${ratio(F.cold.ready, P.cold.ready)} |`)
md.push(`| navigation → first result for “${FIRST_QUERY}”, median | ${ms(F.cold.first)} ms | ${ms(P.cold.first)} ms (\`search()\` resolved ${ms(P.cold.searched)} ms) | ${ratio(F.cold.first, P.cold.first)} |`)
md.push(`| navigation → that result's text and commands shown (fixfind: its page's chunk; Pagefind: its fragments), median | ${ms(F.cold.text)} ms (${kb(F.cold.textWire)} KB on the wire) | ${ms(P.cold.first)} ms | ${ratio(F.cold.text, P.cold.first)} |`)
md.push(`| query latency p50, eval cases (≤ 10 KB), in the page | ${ms(F.query.engine.p50, 1)} ms | ${ms(P.query.all.p50, 2)} ms (warm ${ms(P.query.warm.p50, 2)} ms) | ${ratio(F.query.engine.p50, P.query.all.p50)} |`)
md.push(`| query latency p99, eval cases (≤ 10 KB), in the page | ${ms(F.query.engine.p99, 1)} ms | ${ms(P.query.all.p99, 2)} ms (warm ${ms(P.query.warm.p99, 2)} ms) | ${ratio(F.query.engine.p99, P.query.all.p99)} |`)
for (const p of F.pastes) {
  const q = P.pastes.find((x) => x.size === p.size)
  const pf = !q ? 'not run' : q.timeout ? '> 60 s' : `${ms(q.ms)} ms (${ms(q.longest, 0)} ms), ${q.count ? `${q.count} pages` : 'no result'}`
  md.push(`| ${p.size >> 10} KB log paste: search time (longest main-thread task) | ${ms(p.engine)} ms (${ms(p.longest, 0)} ms) | ${pf} | ${q && !q.timeout ? ratio(p.engine, q.ms) : 'n/a'} |`)
}
md.push(`| payload for the first search, raw (gzip / brotli) | ${kb(results.payload.total.raw)} KB (${kb(results.payload.total.gzip)} / ${kb(results.payload.total.brotli)} KB) | see below | |`)
md.push('')
md.push('fixfind query latency is the figure the app prints in `#status`: `performance.now()` around `engine.search` and the cut of the hit list (`src/app/mod.rs`), 0.1 ms resolution. Pagefind’s is `await pagefind.search(q)` (its search runs in a Web Worker; the first pass over the cases includes fetching index chunks, the second is warm).')
md.push('')
md.push('#### fixfind in the page')
md.push('')
md.push('| measure | p50 | p90 | p99 | max |')
md.push('|---|--:|--:|--:|--:|')
md.push(`| engine (\`#status\`), ${F.query.engine.n} eval queries (${cases.length} × ${REPS} passes) | ${ms(F.query.engine.p50)} ms | ${ms(F.query.engine.p90)} ms | ${ms(F.query.engine.p99)} ms | ${ms(F.query.engine.max)} ms |`)
F.query.passes.forEach((st, rep) => md.push(`| engine, pass ${rep + 1} only${rep === 0 ? ' (a fresh page per language)' : ''} | ${ms(st.p50)} ms | ${ms(st.p90)} ms | ${ms(st.p99)} ms | ${ms(st.max)} ms |`))
md.push(`| debounce timer fires → results in the DOM (search, facts, address, render) | ${ms(F.query.afterDebounce.p50)} ms | ${ms(F.query.afterDebounce.p90)} ms | ${ms(F.query.afterDebounce.p99)} ms | ${ms(F.query.afterDebounce.max)} ms |`)
md.push(`| 'input' handler (one keystroke or paste) | ${ms(F.query.input.p50)} ms | ${ms(F.query.input.p90)} ms | ${ms(F.query.input.p99)} ms | ${ms(F.query.input.max)} ms |`)
md.push('')
md.push(`Long pastes (median of ${PASTE_REPS}; longest task = max over the ${PASTE_REPS}):`)
md.push('')
md.push('| paste (synthetic Milvus log, real error last) | bytes | searched (chars in the input after the paste) | engine | debounce → DOM | of which address update | input handler | longest task | top result |')
md.push('|---|--:|--:|--:|--:|--:|--:|--:|---|')
for (const p of F.pastes) md.push(`| ${p.size >> 10} KB | ${p.bytes} | ${p.searched ?? '—'} | ${ms(p.engine)} ms | ${ms(p.afterDebounce)} ms | ${ms(p.history)} ms (${p.urlLength} chars) | ${ms(p.input)} ms | ${ms(p.longest, 0)} ms | ${p.top ?? '—'} (${p.verdict}) |`)
md.push('')
md.push(`Cold loads with \`${FIRST_HASH}\` (times from navigation; "first search" is the engine time the app printed for that first query), and ready without a query:`)
md.push('')
md.push('| load | wire | wasm downloaded | bundle downloaded | first result | first search | ready (no query) | responses before the first result |')
md.push('|--:|--:|--:|--:|--:|--:|--:|---|')
F.loads.forEach((l, i) => md.push(`| ${i + 1} | ${kb(l.wire)} KB | ${ms(l.wasmEnd)} ms | ${ms(l.bundleEnd)} ms | ${ms(l.first)} ms | ${(l.status.match(/([\d.]+)\s*(?:ms|毫秒)/) ?? [, 'n/a'])[1]} ms | ${ms(results.fixfind.readyLoads[i]?.ready)} ms | ${l.rows.filter((r) => r.critical).map((r) => `${r.url.replace('/app/', '').replace(/-[0-9a-f]{8,}/, '-…')} ${kb(r.bytes)} KB${r.encoding ? ' ' + r.encoding : ''}`).join(', ')} |`))
md.push('')
md.push(`#### Throttled links (Chromium's network emulation, DevTools presets; ${THROTTLED_LOADS} cold loads each, medians)`)
md.push('')
md.push('| link | fixfind: first result | fixfind: wire | fixfind: its text shown (wire) | Pagefind: first result | Pagefind: wire | fixfind ÷ Pagefind (first result / text) | fixfind repeat visit (service worker): first result | fetched on the repeat visits |')
md.push('|---|--:|--:|--:|--:|--:|--:|--:|---|')
for (const L of results.links) {
  md.push(`| ${L.name}: ${ms(L.latency, 0)} ms latency, ${ms((L.download * 8) / 1e6, 2)} Mbit/s down | ${ms(L.fixfind.first, 0)} ms | ${kb(L.fixfind.wire)} KB | ${ms(L.fixfind.text, 0)} ms (${kb(L.fixfind.textWire)} KB) | ${ms(L.pagefind.first, 0)} ms | ${kb(L.pagefind.wire)} KB | ${ratio(L.fixfind.first, L.pagefind.first)} / ${ratio(L.fixfind.text, L.pagefind.first)} | ${ms(L.repeat.first, 0)} ms | ${L.repeat.fetched.map((u) => u.replace('/app/', '')).join(', ') || 'nothing'} |`)
}
md.push('')
md.push(`Cold loads: fresh context, HTTP cache disabled, service workers blocked, the link emulated on the page (Pagefind’s worker included). Repeat visits: a first visit that lets the service worker install, then the same address again ${THROTTLED_LOADS} times in the same browser; there the server delays each response by one latency plus its bytes over the link’s throughput, since Chromium emulates the link per target and the worker is a target of its own.`)
md.push('')
md.push('#### Payload (files of `dist/`)')
md.push('')
md.push('| file | part | raw | gzip -6 | gzip -9 | brotli 11 |')
md.push('|---|---|--:|--:|--:|--:|')
for (const f of payload) md.push(`| ${f.file} | ${f.role ?? 'not needed for the first search'} | ${kb(f.raw)} KB | ${kb(f.gzip)} KB | ${kb(f.gzip9)} KB | ${kb(f.brotli)} KB |`)
const T = results.payload.total
md.push(`| **all-in** (html, js, wasm, css, bundle, the English index part) | | **${kb(T.raw)} KB** | **${kb(T.gzip)} KB** | ${kb(T.gzip9)} KB | **${kb(T.brotli)} KB** |`)
const X = results.payload.text
if (X) md.push(`| ${X.dir}/ (${X.files} files, gzip at rest; one a median ${kb(X.median)} KB, at most ${kb(X.max)} KB) | section text, one chunk per page shown | ${kb(X.raw)} KB | | | |`)
md.push('')
md.push(`Pagefind (en site), for comparison: ${P.payload.core.map((f) => `${f.file} ${kb(f.raw)} KB (gzip ${kb(f.gzip)})`).join(', ')}; ${P.payload.index.files} index/fragment files, ${kb(P.payload.index.raw)} KB (Pagefind gzips them itself). Its UI (\`pagefind-ui.js\` + css, or the component UI) is not counted above.`)
md.push('')
md.push('#### Targets (issue 6)')
md.push('')
md.push('| target | measured | |')
md.push('|---|---|---|')
md.push(`| payload all-in ≤ 450 KB gzip | ${kb(T.gzip)} KB gzip (${kb(T.brotli)} KB brotli) | ${met(T.gzip <= 450 * 1024)} |`)
md.push(`| ready to search ≤ 250 ms after navigation on localhost | ${ms(F.cold.ready)} ms (median of ${LOADS}) | ${met(F.cold.ready <= 250)} |`)
md.push(`| query p50 ≤ 1 ms for pastes ≤ 10 KB | eval cases ${ms(F.query.engine.p50)} ms; 1 KB / 10 KB logs ${pasteSmall.map((p) => ms(p.engine)).join(' / ')} ms | ${met(F.query.engine.p50 <= 1)} |`)
md.push(`| query p99 ≤ 5 ms for pastes ≤ 10 KB | eval cases ${ms(F.query.engine.p99)} ms; 1 KB / 10 KB logs ${pasteSmall.map((p) => ms(p.engine)).join(' / ')} ms | ${met(F.query.engine.p99 <= 5 && pasteSmall.every((p) => p.engine <= 5))} |`)
md.push(`| 1 MB paste answered < 100 ms without freezing | engine ${ms(p1m?.engine)} ms, debounce → DOM ${ms(p1m?.afterDebounce)} ms, input handler ${ms(p1m?.input)} ms, longest task ${ms(p1m?.longest, 0)} ms | ${met(p1m && p1m.afterDebounce < 100 && p1m.longest < 100)} |`)
const report = md.join('\n')

fs.mkdirSync(out, { recursive: true })
fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify(results, null, 1))
fs.writeFileSync(path.join(out, 'results.md'), report + '\n')
if (readme) {
  const text = fs.readFileSync(readme, 'utf8')
  const a = text.indexOf('<!-- speed:start -->')
  const b = text.indexOf('<!-- speed:end -->')
  if (a < 0 || b < a) throw new Error(`${readme} has no <!-- speed:start --> … <!-- speed:end --> block`)
  fs.writeFileSync(readme, text.slice(0, a) + '<!-- speed:start -->\n' + report + '\n' + text.slice(b))
  log(`updated ${readme}`)
}
console.log(report)
