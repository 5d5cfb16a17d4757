// First visit with the service worker allowed, over one shared throttled link (issue 15):
// how much the worker's install (it downloads the whole build again, text chunks included)
// slows the first result and its text.
//
//   node bench/first-visit.mjs [--loads 3] <label>=<dist-dir> ...
//
// Chromium emulates a link per target, and the worker is a target of its own, so its
// install would not compete with the page under `Network.emulateNetworkConditions`. Here
// the server is the link: each response starts one latency after its request, and all
// bodies in flight share one throughput, 16 KB at a time, round robin. Fresh browser
// context per load, HTTP cache on, service workers allowed; `#q=collection not loaded`.
// Prints, per dist and link: navigation → first result card, → its text shown, → the
// worker controlling the page, and the bytes served until then (medians).

import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import zlib from 'node:zlib'
import { chromium } from 'playwright-core'

const args = process.argv.slice(2)
const at = args.indexOf('--loads')
const LOADS = at >= 0 ? Number(args.splice(at, 2)[1]) : 3
const DISTS = args.map((a) => a.split('=')).map(([label, dir]) => ({ label, dir: path.resolve(dir) }))
const LINKS = [
  { name: 'slow 4G', latency: 563, bytesPerMs: (1.6e6 / 8 / 1000) * 0.9 },
  { name: 'fast 4G', latency: 165, bytesPerMs: (9e6 / 8 / 1000) * 0.9 },
]
const PIECE = 16 * 1024
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml' }

let root = null
let link = null
let served = 0
const active = []
let pumping = false
function pump() {
  if (pumping) return
  pumping = true
  const step = () => {
    const job = active.shift()
    if (!job) {
      pumping = false
      return
    }
    const piece = job.body.subarray(job.sent, job.sent + PIECE)
    job.sent += piece.length
    served += piece.length
    job.res.write(piece)
    if (job.sent < job.body.length) active.push(job)
    else job.res.end()
    setTimeout(step, piece.length / link.bytesPerMs)
  }
  step()
}
const gz = new Map()
const server = http.createServer((req, res) => {
  const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html'
  const file = path.join(root, path.normalize(rel))
  if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404).end()
    return
  }
  if (!gz.has(file)) {
    const raw = fs.readFileSync(file)
    const z = zlib.gzipSync(raw, { level: 6 })
    gz.set(file, z.length < raw.length ? { body: z, enc: 'gzip' } : { body: raw, enc: null })
  }
  const { body, enc } = gz.get(file)
  const headers = { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'content-length': body.length, 'cache-control': 'no-cache' }
  if (enc) headers['content-encoding'] = enc
  setTimeout(() => {
    res.writeHead(200, headers)
    active.push({ res, body, sent: 0 })
    pump()
  }, link.latency)
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const origin = `http://127.0.0.1:${server.address().port}`

const INSTRUMENT = () => {
  const ff = (window.__ff = { first: null, text: null, controlled: null })
  navigator.serviceWorker?.addEventListener('controllerchange', () => (ff.controlled = performance.now()))
  new MutationObserver(() => {
    const card = document.querySelector('.results .card')
    if (ff.first === null && card) ff.first = performance.now()
    if (ff.text === null && card && !card.querySelector('.text-pending') && card.querySelector('.snippet')?.textContent) ff.text = performance.now()
  }).observe(document, { subtree: true, childList: true })
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] })
for (const l of LINKS) {
  for (const d of DISTS) {
    root = d.dir
    link = l
    gz.clear()
    const runs = []
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ serviceWorkers: 'allow' })
      const page = await context.newPage()
      await page.addInitScript(INSTRUMENT)
      served = 0
      await page.goto(`${origin}/index.html#q=collection%20not%20loaded&lang=en`, { waitUntil: 'commit' })
      await page.waitForFunction(() => window.__ff?.text !== null, null, { timeout: 180000, polling: 20 })
      const atText = served
      await page.waitForFunction(() => window.__ff?.controlled !== null, null, { timeout: 180000, polling: 50 })
      runs.push({ ...(await page.evaluate(() => window.__ff)), atText, atControl: served })
      await context.close()
    }
    const m = (k) => median(runs.map((r) => r[k]))
    console.log(
      `${l.name.padEnd(8)} ${d.label.padEnd(10)} first result ${m('first').toFixed(0)} ms, its text ${m('text').toFixed(0)} ms (${(m('atText') / 1024).toFixed(0)} KB served), worker in control ${m('controlled').toFixed(0)} ms (${(m('atControl') / 1024).toFixed(0)} KB); loads: ${runs.map((r) => `${r.first.toFixed(0)}/${r.text.toFixed(0)}/${r.controlled.toFixed(0)}`).join(', ')}`,
    )
  }
}
await browser.close()
server.close()
