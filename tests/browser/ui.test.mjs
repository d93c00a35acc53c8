// eCabinet browser test: drives the Yew ui in the system's Chromium with playwright-core.
// Starts nothing: BASE_URL must point at an ecab-server (demo data) that serves the ui.
//   BASE_URL=http://127.0.0.1:8080 node ui.test.mjs
// Screenshots go to tests/browser/output/ (git-ignored). Exits non-zero on failure.

import { chromium } from 'playwright-core';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const BASE = process.env.BASE_URL;
if (!BASE) {
  console.error('BASE_URL is required, e.g. BASE_URL=http://127.0.0.1:8080');
  process.exit(2);
}
const OUT = path.join(here, 'output');
mkdirSync(OUT, { recursive: true });
const PASSWORD = process.env.ECAB_DEMO_PASSWORD || 'ecabinet-demo';
const HELLO = path.resolve(here, '../../assets/fixtures/hello.pdf');
const TIMEOUT = 20_000;
// The server's data folder and its PDF workers' crash marker (a test hook), from run.sh: the
// broken-PDF steps damage a stored file behind the server's back, as a disk or a pdfium bug
// would, and check that the reader says so and recovers.
const DATA_DIR = process.env.ECAB_DATA_DIR;
const CRASH_MARKER = process.env.ECAB_PDF_WORKER_CRASH_MARKER;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});

let failures = 0;
let current = null;
async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failures++;
    console.error(`FAIL ${name} (${Date.now() - t0} ms)\n     ${String(e.message || e).split('\n').slice(0, 6).join('\n     ')}`);
    if (current) await current.screenshot({ path: path.join(OUT, `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
    throw e;
  }
}
function check(cond, what) {
  if (!cond) throw new Error(`expected ${what}`);
}
async function shot(page, name) {
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: false });
}
async function newPage() {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (e) => console.error(`     page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') console.error(`     console: ${m.text()}`); });
  current = page;
  return page;
}
async function login(page, username) {
  await page.goto(BASE);
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await page.click('#login-submit');
  await page.waitForSelector('.who-name');
}
/** Wait until the reader shows page `n` (1-based), its image decoded. */
async function pageShown(page, n) {
  await page.waitForFunction((n) => {
    const img = document.querySelector(`#page-image[data-page="${n}"]`);
    return img && img.complete && img.naturalWidth > 0 && !img.classList.contains('stale');
  }, n);
}

let createdUrl = null;
const title = `Họp kiểm thử giao diện ${new Date().toISOString().slice(11, 19)}`;

try {
  // ——— A delegate reads ———
  const d = await newPage();
  await step('delegate signs in', () => login(d, 'daibieu01'));
  await step('meetings: 07:15 meeting on top', async () => {
    await d.waitForSelector('#daily-0715');
    const label = await d.textContent('#daily-0715 .daily-label');
    check(label.includes('Họp giao ban 07:15'), `"Họp giao ban 07:15", got "${label}"`);
    check(await d.isVisible('#sync-status .dot.online'), 'online status in the header');
    await shot(d, '01-meetings');
  });
  await step('opens the 07:15 meeting', async () => {
    await d.click('#daily-0715 a.btn');
    await d.waitForSelector('#meeting-title');
    await d.waitForSelector('#agenda .agenda-item');
    const badge = await d.textContent('.meeting-head .badge');
    check(badge.includes('Đã phát hành'), `status "Đã phát hành", got "${badge}"`);
    await d.waitForFunction(() => document.querySelectorAll('#participants .people li').length > 0);
    await shot(d, '02-meeting-0715');
  });
  await step('opens a document: page 1 image loads', async () => {
    await d.click('#agenda a.doc-link');
    await pageShown(d, 1);
    await shot(d, '03-reader-0715');
  });
  await step('126-page report: jump to page 50', async () => {
    await d.goto(BASE);
    await d.click('#tab-upcoming');
    await d.click('a.meeting-link:has-text("thường kỳ")');
    await d.waitForSelector('#agenda');
    const report = d.locator('li.doc', { hasText: '126 trang' }).first();
    await report.locator('a.doc-link').click();
    const t0 = Date.now();
    await pageShown(d, 1);
    console.log(`     page 1 of 126 shown ${Date.now() - t0} ms after the click`);
    await d.fill('#page-input', '50');
    await d.click('#page-go');
    await pageShown(d, 50);
    const status = await d.textContent('#page-status');
    check(status.trim() === 'Trang 50 / 126', `"Trang 50 / 126", got "${status}"`);
    const thumbs = await d.evaluate(() => document.querySelectorAll('.thumbs img').length);
    console.log(`     thumbnails fetched so far: ${thumbs} of 126`);
    check(thumbs < 126, 'thumbnails loaded lazily');
    await shot(d, '04-reader-page-50');
  });
  await step('keyboard, zoom, search', async () => {
    await d.locator('#page-image').click();
    await d.keyboard.press('ArrowRight');
    await pageShown(d, 51);
    await d.keyboard.press('PageUp');
    await pageShown(d, 50);
    await d.click('#zoom-in');
    check((await d.textContent('#zoom-level')).trim() === '125%', 'zoom 125%');
    await d.click('#fit-width');
    await d.fill('#search-input', 'tai nan giao thong');
    await d.click('#search-go');
    await d.waitForSelector('#search-results .hit');
    const target = await d.getAttribute('#search-results .hit >> nth=0', 'data-hit-page');
    await d.click('#search-results .hit >> nth=0');
    await pageShown(d, Number(target));
    await d.fill('#page-input', '50');
    await d.click('#page-go');
    await pageShown(d, 50);
    await shot(d, '05-reader-search');
  });
  await step('switches to English', async () => {
    await d.click('#lang-switch');
    await d.waitForFunction(() => document.querySelector('#page-status')?.textContent.trim() === 'Page 50 / 126');
    check((await d.textContent('#lang-switch')).trim() === 'Tiếng Việt', 'the switch offers Tiếng Việt');
    check((await d.textContent('#sync-status .sync-label')).trim() === 'Online', 'header says Online');
    await shot(d, '06-reader-english');
    await d.click('#lang-switch');
  });
  await d.context().close();

  // ——— The secretary prepares a meeting ———
  const s = await newPage();
  await step('secretary signs in', () => login(s, 'thuky'));
  // The chief of office watches the list in another browser: the live poke must bring the new meeting.
  const watcher = await newPage();
  await step('chief of office watches the meetings list', async () => {
    await login(watcher, 'chanhvanphong');
    await watcher.click('#tab-upcoming');
    await watcher.waitForSelector('.meeting-list');
  });
  current = s;
  await step('creates a meeting', async () => {
    await s.click('a[href="/meetings/new"]');
    await s.fill('#m-title', title);
    await s.selectOption('#m-kind', 'thematic');
    await s.selectOption('#m-chair', { label: 'Lê Văn Thành – Chủ tịch UBND tỉnh' });
    await s.fill('#m-place', 'Phòng họp số 1, UBND tỉnh');
    // Offline first: a clear "ngoại tuyến" message, the header says so, the form keeps its text.
    await s.context().setOffline(true);
    await s.click('#m-create');
    await s.waitForSelector('.new-meeting .alert-warn');
    check((await s.textContent('.new-meeting .alert-warn')).includes('ngoại tuyến'), 'an offline message');
    check(await s.isVisible('#sync-status.sync-offline'), 'the header shows Ngoại tuyến');
    check((await s.inputValue('#m-title')) === title, 'the title kept after the error');
    await shot(s, '07a-secretary-offline');
    await s.context().setOffline(false);
    await s.click('#m-create');
    await s.waitForFunction((t) => document.querySelector('#meeting-title')?.textContent === t, title);
    createdUrl = s.url();
    const badge = await s.textContent('.meeting-head .badge');
    check(badge.includes('Soạn thảo'), `status "Soạn thảo", got "${badge}"`);
  });
  await step('live poke: the new meeting appears in the other browser', async () => {
    const t0 = Date.now();
    await watcher.waitForSelector(`a.meeting-link:has-text("${title}")`, { timeout: 10_000 });
    console.log(`     appeared ${Date.now() - t0} ms after creation, without reload`);
    await watcher.context().close();
    current = s;
  });
  await step('adds two agenda items', async () => {
    const items = [
      ['Báo cáo tình hình triển khai Đề án', 'Giám đốc Sở Thông tin và Truyền thông', '30'],
      ['Thảo luận và kết luận', 'Chủ tịch UBND tỉnh', '20'],
    ];
    for (const [i, [t, p, m]] of items.entries()) {
      await s.fill('#new-item-title', t);
      await s.fill('#new-item-presenter', p);
      await s.fill('#new-item-minutes', m);
      await s.click('#new-item-submit');
      await s.waitForFunction((n) => document.querySelectorAll('#agenda .agenda-item').length === n, i + 1);
    }
    const second = await s.textContent('#agenda .agenda-item >> nth=1');
    check(second.includes('Thảo luận và kết luận') && second.includes('20 phút'), 'the second item with its minutes');
    const firstTitle = () => s.textContent('#agenda .agenda-item >> nth=0 >> .agenda-title');
    await s.click('#agenda-editor .agenda-edit-row >> nth=0 >> button:has-text("Xuống")');
    await s.waitForFunction(() => document.querySelector('#agenda .agenda-title')?.textContent.includes('Thảo luận'));
    await s.click('#agenda-editor .agenda-edit-row >> nth=1 >> button:has-text("Lên")');
    await s.waitForFunction(() => document.querySelector('#agenda .agenda-title')?.textContent.includes('Báo cáo'));
    check((await firstTitle()).startsWith('1. Báo cáo'), 'the order restored after down and up');
  });
  await step('uploads hello.pdf with progress', async () => {
    await s.evaluate(() => {
      window.__sawProgress = false;
      new MutationObserver(() => {
        if (document.querySelector('#upload-progress')) window.__sawProgress = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    await s.setInputFiles('#upload-file', HELLO);
    await s.selectOption('#upload-item', { index: 0 });
    await s.fill('#upload-title', 'Tờ trình Đề án (bản kiểm thử)');
    await s.selectOption('#upload-kind', 'submission');
    await s.click('#upload-submit');
    await s.waitForSelector('#upload .alert-ok');
    check(await s.evaluate(() => window.__sawProgress), 'a progress bar during the upload');
    await s.waitForSelector('#agenda a.doc-link:has-text("Tờ trình Đề án (bản kiểm thử)")');
  });
  await step('a broken or crashing PDF: a clear error in the reader, then recovery', async () => {
    check(DATA_DIR && CRASH_MARKER, 'ECAB_DATA_DIR and ECAB_PDF_WORKER_CRASH_MARKER from run.sh');
    const api = async (method, route, token, body) => {
      const res = await fetch(`${BASE}/api/v1${route}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body && JSON.stringify(body),
      });
      check(res.ok, `${method} ${route} answered ${res.status}`);
      return res.json();
    };
    const { token } = await api('POST', '/auth/login', null, { username: 'thuky', password: PASSWORD });
    const id = new URL(createdUrl).pathname.split('/').pop();
    const meeting = await api('GET', `/meetings/${id}`, token);
    const doc = meeting.documents.find((d) => d.title === 'Tờ trình Đề án (bản kiểm thử)');
    check(doc, 'the uploaded document in the meeting');
    const sha = doc.current.sha256;
    const stored = path.join(DATA_DIR, 'blobs', sha.slice(0, 2), sha);
    const original = readFileSync(stored);

    // Truncated to garbage: pdfium cannot open it.
    writeFileSync(stored, original.subarray(0, 300));
    await s.click('#agenda a.doc-link:has-text("Tờ trình Đề án (bản kiểm thử)")');
    await s.waitForSelector('.stage .page-failed');
    const corrupt = await s.textContent('.stage .page-failed');
    check(corrupt.includes('Không hiển thị được trang này') && corrupt.includes('bị hỏng'), `a damaged-file message, got "${corrupt}"`);
    await shot(s, '07c-reader-broken-pdf');

    // A file that kills the pdfium worker: the error names it, the worker is replaced.
    writeFileSync(stored, Buffer.concat([original, Buffer.from(`\n% ${CRASH_MARKER}\n`)]));
    await s.click('.stage .page-retry');
    await s.waitForFunction(() => document.querySelector('.stage .page-failed')?.textContent.includes('làm lỗi bộ hiển thị'));

    // The server and its workers are still there: the repaired file renders at the next try.
    copyFileSync(HELLO, stored);
    await s.click('.stage .page-retry');
    await pageShown(s, 1);
    check(!(await s.isVisible('.stage .page-failed')), 'no error once the file is whole again');
    await s.goBack();
    await s.waitForSelector('#agenda-editor');
  });
  await step('invites a delegate and a bridge point', async () => {
    await s.check('#invite-delegates input[data-username="daibieu01"]');
    await s.check('#invite-points input >> nth=0');
    await s.click('#invitees-save');
    await s.waitForSelector('#invitees .alert-ok');
    await s.waitForFunction(() => document.querySelectorAll('#participants .people li').length === 2);
    await shot(s, '07b-secretary-prepared');
  });
  await step('sends for review (Trình duyệt)', async () => {
    await s.click('#act-submit');
    await s.waitForFunction(() => document.querySelector('.meeting-head .badge')?.textContent.includes('Trình duyệt'));
    check(await s.isVisible('#act-withdraw'), 'the secretary may withdraw');
    check(!(await s.isVisible('#agenda-editor')), 'the agenda is frozen in review');
    await s.evaluate(() => window.scrollTo(0, 0));
    await shot(s, '08-secretary-submitted');
  });
  await s.context().close();

  // ——— Reviewers: the chief of office approves, the chair returns it with a reason ———
  const c = await newPage();
  await step('chief of office approves (Phê duyệt)', async () => {
    await login(c, 'chanhvanphong');
    await c.goto(createdUrl);
    await c.click('#act-approve');
    await c.waitForFunction(() => document.querySelector('.badge-stage')?.textContent.includes('chủ trì'));
    check(!(await c.isVisible('#act-approve')), 'no second approval by the chief of office');
  });
  await c.context().close();
  const ch = await newPage();
  await step('chair returns it (Trả lại) with a required reason', async () => {
    await login(ch, 'chutich');
    await ch.goto(createdUrl);
    await ch.click('#act-reject');
    await ch.click('#act-reject-confirm');
    await ch.waitForSelector('.workflow .alert-error');
    check((await ch.textContent('.workflow .alert-error')).includes('lý do'), 'a reason is asked for');
    await ch.fill('#reject-reason', 'Bổ sung báo cáo đánh giá tác động của Đề án.');
    await ch.click('#act-reject-confirm');
    await ch.waitForSelector('#rejection-reason');
    const badge = await ch.textContent('.meeting-head .badge');
    check(badge.includes('Soạn thảo'), `back to "Soạn thảo", got "${badge}"`);
    await shot(ch, '09-chair-returned');
  });
  await ch.context().close();

  // ——— Preparation: a delegate's opinion, reply and registration; the secretary's roll ———
  async function openRegular(page) {
    await page.click('#tab-upcoming');
    await page.locator('a', { hasText: 'thường kỳ' }).first().click();
    await page.waitForSelector('#meeting-title');
  }
  const p = await newPage();
  const opinion = `Đề nghị bổ sung số liệu giải ngân ${Date.now() % 100000}.`;
  await step('delegate sends an opinion; it is still there after a reload', async () => {
    await login(p, 'daibieu02');
    await openRegular(p);
    await p.waitForSelector('#question-form');
    await p.fill('#question-text', opinion);
    await p.click('#question-send');
    await p.waitForSelector(`.my-question:has-text("${opinion}")`);
    await p.reload();
    await p.waitForSelector(`.my-question:has-text("${opinion}")`);
  });
  await step('delegate registers to speak on the first item', async () => {
    await p.fill('#speak-topic', 'Tiến độ các dự án trọng điểm');
    await p.click('#speak-send');
    await p.waitForSelector(`#speakers .speaker-item:has-text("Tiến độ các dự án trọng điểm")`);
  });
  await step('an absence needs a reason; then the delegate sends a deputy of their unit', async () => {
    await p.click('#reply-absent');
    await p.click('#reply-send');
    await p.waitForSelector('#my-reply .note, #my-reply .alert');
    check((await p.textContent('#my-reply')).includes('lý do vắng mặt'), 'the reason is asked for');
    await p.click('#reply-deputy');
    await p.waitForSelector('#reply-deputy-select');
    const options = await p.$$eval('#reply-deputy-select option', (os) => os.map((o) => o.textContent));
    check(options.some((o) => o.includes('Nguyễn Thị Mai')), `the deputy director is offered, got ${options}`);
    check(!options.some((o) => o.includes('Trương Văn Hải')), 'nobody of another unit is offered');
    await p.selectOption('#reply-deputy-select', { label: options.find((o) => o.includes('Nguyễn Thị Mai')) });
    await p.click('#reply-send');
    await p.waitForSelector('#my-reply-status[data-status="deputy"]');
    await shot(p, '10-delegate-prepares');
  });
  await p.context().close();
  const sec = await newPage();
  await step('the chair downloads the briefing of the aggregated questions as a PDF', async () => {
    const cb = await newPage();
    await login(cb, 'chutich');
    await openRegular(cb);
    const [download] = await Promise.all([cb.waitForEvent('download'), cb.click('#briefing .briefing-pdf')]);
    const file = path.join(OUT, 'briefing.pdf');
    await download.saveAs(file);
    const text = execFileSync('pdftotext', [file, '-']).toString('utf8').replace(/\s+/g, ' ');
    check(text.includes('TỔNG HỢP CÂU HỎI, Ý KIẾN CỦA ĐẠI BIỂU'), `the briefing's title, got "${text.slice(0, 120)}"`);
    check(text.includes(opinion), 'the opinion sent a moment ago is in the briefing');
    await cb.context().close();
    current = sec;
  });
  await step('the secretary sees the roll and the opinion in the inbox', async () => {
    await login(sec, 'thuky');
    await openRegular(sec);
    await sec.waitForSelector('#roll .roll-row[data-status="deputy"]');
    const tally = await sec.textContent('#roll-tally');
    check(tally.includes('Cử người dự thay 1'), `one deputy in the tally, got "${tally}"`);
    check(tally.includes('Vắng mặt 1'), `the demo's absence, got "${tally}"`);
    await sec.waitForSelector(`.inbox-item:has-text("${opinion}")`);
    await shot(sec, '11-secretary-roll');
  });
  await sec.context().close();
  const dep = await newPage();
  await step('the deputy receives the meeting and is told whom they stand in for', async () => {
    await login(dep, 'phogiamdoc02');
    await openRegular(dep);
    // The name shows once the directory has arrived.
    await dep.waitForFunction(() => document.querySelector('#deputy-for')?.textContent.includes('Trần Thị Bình'));
    await dep.waitForSelector('#agenda a.doc-link');
  });
  await dep.context().close();

  // ——— A delegate annotates: highlight selected words, draw, add a note; reload; export ———
  const an = await newPage();
  await step('annotations: highlight selected words, ink and a note survive a reload', async () => {
    await login(an, 'daibieu05');
    await an.click('#daily-0715 a.btn');
    await an.waitForSelector('#agenda a.doc-link');
    await an.click('#agenda a.doc-link');
    await pageShown(an, 1);
    await an.click('#tool-highlight');
    await an.waitForSelector('#annot-layer[data-text-ready="true"]');
    const doc = an.url().split('/documents/')[1];
    const words = await an.evaluate(async (doc) => {
      const r = await fetch(`/api/v1/documents/${doc}/pages/0/text`,
        { headers: { authorization: `Bearer ${sessionStorage.getItem('ecab.token')}` } });
      return (await r.json()).words;
    }, doc);
    check(words.length > 12, `a text layer, got ${words.length} words`);
    const box = await an.locator('#annot-layer').boundingBox();
    const at = (w) => [box.x + (w.rect.x + w.rect.w / 2) * box.width, box.y + (w.rect.y + w.rect.h / 2) * box.height];
    const [x0, y0] = at(words[3]);
    const [x1, y1] = at(words[8]);
    await an.mouse.move(x0, y0);
    await an.mouse.down();
    await an.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, { steps: 4 });
    await an.mouse.move(x1, y1, { steps: 4 });
    await an.mouse.up();
    await an.waitForSelector('#annot-layer .annot[data-kind="highlight"]');
    const quoted = await an.textContent('.annotation-item[data-kind="highlight"] .annot-quote');
    const want = words.slice(3, 9).map((w) => w.text).join(' ');
    check(quoted.includes(want), `the quote "${want}", got "${quoted}"`);

    await an.click('#tool-ink');
    await an.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.36);
    await an.mouse.down();
    for (let i = 1; i <= 10; i++) await an.mouse.move(box.x + box.width * (0.2 + i * 0.03), box.y + box.height * (0.36 + (i % 2) * 0.02));
    await an.mouse.up();
    await an.click('#ink-save');
    await an.waitForSelector('#annot-layer .annot[data-kind="ink"] polyline');

    await an.click('#tool-note');
    await an.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.27);
    await an.fill('#note-text', 'Đề nghị làm rõ số liệu giải ngân');
    await an.click('#note-save');
    await an.waitForSelector('#annot-layer .annot-pin');
    await shot(an, '13-annotations');

    await an.reload();
    await pageShown(an, 1);
    for (const kind of ['highlight', 'ink', 'note']) {
      await an.waitForSelector(`.annotation-item[data-kind="${kind}"]`);
    }
    await an.waitForSelector('#annot-layer .annot[data-kind="highlight"]');
    await an.waitForSelector('#annot-layer .annot-pin');
    const note = await an.getAttribute('#annot-layer .annot-pin', 'title');
    check(note === 'Đề nghị làm rõ số liệu giải ngân', `the note's text, got "${note}"`);
    await shot(an, '14-annotations-after-reload');
  });
  await step('annotations: recolour, share, and export as a PDF with real annotations', async () => {
    const item = an.locator('.annotation-item[data-kind="highlight"]');
    await item.locator('.annot-color').selectOption('green');
    await an.waitForSelector('.annotation-item[data-kind="highlight"][data-color="green"]');
    await item.locator('.annot-share').check();
    await an.waitForSelector('.annotation-item[data-kind="highlight"][data-shared="true"]');
    const [download] = await Promise.all([an.waitForEvent('download'), an.click('#export-annotated')]);
    const file = path.join(OUT, 'annotated.pdf');
    await download.saveAs(file);
    const bytes = readFileSync(file).toString('latin1');
    check(bytes.startsWith('%PDF'), 'a PDF');
    for (const subtype of ['/Highlight', '/Ink', '/Text']) check(bytes.includes(subtype), `a ${subtype} annotation in the export`);
  });
  await an.context().close();

  // ——— The secretary sees who has read what ———
  const sr = await newPage();
  await step('read tracking: the secretary sees "Đã đọc" per document and per delegate', async () => {
    await login(sr, 'thuky');
    await sr.click('#daily-0715 a.btn');
    await sr.waitForSelector('#agenda a.doc-link');
    const read = await sr.getAttribute('#agenda .doc-reads', 'data-read');
    const of = await sr.getAttribute('#agenda .doc-reads', 'data-of');
    check(Number(read) >= 2 && Number(of) >= Number(read), `the first document read by the two delegates who opened it, got ${read}/${of}`);
    const text = await sr.textContent('#agenda .doc-reads');
    check(text.includes(`Đã đọc ${read}/${of}`), `"Đã đọc ${read}/${of}", got "${text}"`);
    const perDelegate = await sr.$$eval('#roll .roll-reads', (cells) => cells.map((c) => c.textContent));
    check(perDelegate.some((t) => /Đã đọc [1-9]\d*\/\d+ tài liệu/.test(t)), `a delegate who has read, got ${perDelegate.slice(0, 3)}`);
    await shot(sr, '15-read-tracking');
  });
  await step('the secretary records a reply on an invitee\'s behalf (a phone call to the office)', async () => {
    const button = sr.locator('#roll .roll-row[data-status="pending"] .reply-behalf').first();
    const user = await button.getAttribute('data-user');
    await button.click();
    await sr.waitForSelector(`#behalf-reply[data-user="${user}"]`);
    await sr.click('#behalf-reply #reply-absent');
    await sr.fill('#behalf-reply #reply-reason', 'Báo qua điện thoại: đi công tác huyện');
    await sr.click('#behalf-reply #reply-send');
    await sr.waitForSelector(`#roll .roll-row[data-status="absent"]:has(.reply-behalf[data-user="${user}"])`);
    await shot(sr, '16-reply-on-behalf');
  });
  await sr.context().close();

  // ——— A written opinion poll: a member answers, the secretary tallies, prepares and sends ———
  const wp = await newPage();
  const comment = `Đề nghị rà soát giá đất ven quốc lộ ${Date.now() % 100000}.`;
  await step('written poll: a member answers; "another opinion" needs a comment; kept after a reload', async () => {
    await login(wp, 'daibieu06');
    await wp.locator('a.meeting-link', { hasText: 'bằng văn bản' }).first().click();
    const poll = wp.locator('#polls .poll[data-status="open"]');
    await poll.waitFor();
    check(await wp.locator('#polls .poll[data-status="draft"]').count() === 0, 'no draft for a member');
    check(await poll.locator('.poll-tally').count() === 0, 'no tally for a member while it is open');
    await poll.locator('input[value="other"]').check();
    await poll.locator('.poll-answer').click();
    await poll.locator('.alert-error').waitFor();
    await poll.locator('.poll-comment').fill(comment);
    await poll.locator('.poll-answer').click();
    await wp.waitForSelector('#polls .poll-mine[data-choice="other"]');
    await wp.reload();
    await wp.waitForSelector(`#polls .poll-mine[data-choice="other"]:has-text("${comment}")`);
    await shot(wp, '17-poll-answer');
  });
  await wp.context().close();
  const ws = await newPage();
  await step('written poll: the secretary sees the tally and who has not answered, then prepares and sends a poll', async () => {
    await login(ws, 'thuky');
    await ws.locator('a.meeting-link', { hasText: 'bằng văn bản' }).first().click();
    const poll = ws.locator('#polls .poll[data-status="open"]');
    await poll.waitFor();
    const t = await poll.locator('.poll-tally').evaluate((el) => ({ ...el.dataset }));
    const rows = await poll.locator('.poll-voter').evaluateAll((els) => els.map((e) => e.dataset.choice));
    const count = (c) => rows.filter((r) => r === c).length;
    check(Number(t.other) === count('other') && count('other') >= 2, `"other" counted as listed, got ${t.other} and ${count('other')}`);
    check(Number(t.unanswered) === count('none'), `the members who have not answered, got ${t.unanswered} and ${count('none')}`);
    check(Number(t.agree) + Number(t.disagree) + Number(t.other) + Number(t.unanswered) === rows.length, 'every member counted once');
    const [download] = await Promise.all([ws.waitForEvent('download'), poll.locator('.poll-result').click()]);
    const file = path.join(OUT, 'poll-result.pdf');
    await download.saveAs(file);
    const text = execFileSync('pdftotext', [file, '-']).toString('utf8').replace(/\s+/g, ' ');
    check(text.includes('KẾT QUẢ LẤY Ý KIẾN THÀNH VIÊN UBND TỈNH'), `the result's title in Vietnamese, got "${text.slice(0, 120)}"`);
    // A table cell wraps, and pdftotext reads a wrapped cell's lines between its neighbours':
    // the comment's words, in their order.
    let at = 0;
    const inOrder = comment.split(' ').every((w) => (at = text.indexOf(w, at)) >= 0);
    check(inOrder, 'the member\'s comment in the result');
    const question = `Đồng chí có đồng ý với Dự thảo Thông báo kết luận không? (${Date.now() % 100000})`;
    await ws.fill('#poll-question', question);
    await ws.click('#poll-save');
    const draft = ws.locator('#polls .poll', { hasText: question });
    await draft.and(ws.locator('[data-status="draft"]')).waitFor();
    await draft.locator('.poll-send').click();
    await draft.and(ws.locator('[data-status="open"]')).waitFor();
    const sent = await draft.locator('.poll-tally').getAttribute('data-unanswered');
    check(Number(sent) === rows.length, `sent to every member, got ${sent} of ${rows.length}`);
    await draft.locator('.poll-close').click();
    await draft.and(ws.locator('[data-status="closed"]')).waitFor();
    check(await draft.locator('.poll-outcome').getAttribute('data-outcome') === 'not_passed', 'no answers: not passed');
    await shot(ws, '18-poll-tally');
  });
  await ws.context().close();
  const wn = await newPage();
  await step('notifications: the member is told of the poll just sent; the bell leads to it', async () => {
    await login(wn, 'daibieu06');
    await wn.waitForSelector('#notif-bell .notif-count');
    await wn.click('#notif-bell');
    const item = wn.locator('#notifications .notification[data-kind="poll_waiting"]').first();
    await item.waitFor();
    check((await item.textContent()).includes('Phiếu lấy ý kiến chờ bạn trả lời'), 'worded in Vietnamese');
    check(await wn.locator('#notif-bell .notif-count').count() === 0, 'opened: nothing unread');
    await shot(wn, '19-notifications');
    await item.locator('a').click();
    await wn.waitForSelector('#polls .poll[data-status="closed"]');
  });
  await wn.context().close();

  // ——— A phone over 3G: one line of header, one of tools, the page the rest ———
  const phoneContext = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const ph = await phoneContext.newPage();
  ph.setDefaultTimeout(TIMEOUT);
  current = ph;
  const pageBytes = [];
  ph.on('response', async (r) => {
    if (/\/pages\/\d+\?/.test(r.url()) && r.status() === 200) pageBytes.push([r.url(), (await r.body()).length]);
  });
  await step('phone: header and reader bar on one line each; a page under 120 KB', async () => {
    await login(ph, 'daibieu05');
    await ph.click('#daily-0715 a.btn');
    await ph.waitForSelector('#agenda a.doc-link');
    await ph.click('#agenda a.doc-link');
    await pageShown(ph, 1);
    const m = await ph.evaluate(() => {
      const line = (el) => { const r = el.getBoundingClientRect(); return { h: r.height, w: r.width }; };
      const img = document.querySelector('#page-image');
      return {
        header: line(document.querySelector('.header')),
        bar: line(document.querySelector('.reader-bar')),
        buttonH: document.querySelector('#next-page').getBoundingClientRect().height,
        img: img.getBoundingClientRect().width, natural: img.naturalWidth,
        scrollW: document.documentElement.scrollWidth,
      };
    });
    check(m.header.h < 2 * 40, `a one-line header, got ${m.header.h}px`);
    check(m.bar.h < 2 * m.buttonH + 8, `a one-line reader bar, got ${m.bar.h}px (buttons ${m.buttonH}px)`);
    check(m.scrollW <= 390, `nothing wider than the screen, got ${m.scrollW}px`);
    check(m.img >= 340, `the page takes the width, got ${m.img}px`);
    check(m.natural >= 2 * m.img * 0.95, `sharp on a 2x screen: ${m.natural}px for ${m.img} CSS px`);
    check(pageBytes.length > 0, 'the page image came from the server');
    const [url, size] = pageBytes[pageBytes.length - 1];
    check(size <= 120 * 1024, `a text page costs ${Math.round(size / 1024)} KB (${url})`);
    await shot(ph, '12-phone-reader');
  });
  await step('phone: the annotation tools fit one row; a finger pins a note', async () => {
    const row = await ph.evaluate(() => {
      const bar = document.querySelector('.annot-tools');
      const r = bar.getBoundingClientRect();
      const note = document.querySelector('#tool-note').getBoundingClientRect();
      return { h: r.height, w: r.width, noteH: note.height, scrollW: document.documentElement.scrollWidth };
    });
    check(row.h < 2 * row.noteH + 12, `one row of tools, got ${row.h}px (buttons ${row.noteH}px)`);
    check(row.scrollW <= 390, `the page no wider than the screen, got ${row.scrollW}px`);
    await ph.tap('#tool-note');
    await ph.waitForSelector('#annot-layer[data-tool="note"]');
    const box = await ph.locator('#annot-layer').boundingBox();
    // A blank spot of the margin, away from the notes earlier steps pinned.
    await ph.touchscreen.tap(box.x + box.width * 0.12, box.y + box.height * 0.93);
    await ph.waitForSelector('#note-form');
    await ph.fill('#note-text', 'Ghi chú trên điện thoại');
    await ph.tap('#note-save');
    await ph.waitForSelector('#annotations .annotation-item[data-kind="note"]:has-text("Ghi chú trên điện thoại")');
    await shot(ph, '20-phone-note');
  });
  await phoneContext.close();
} catch {
  // Reported by `step`.
} finally {
  await browser.close();
}

if (failures) {
  console.error(`${failures} step(s) failed; screenshots in ${OUT}`);
  process.exit(1);
}
console.log(`all steps passed; screenshots in ${OUT}`);
