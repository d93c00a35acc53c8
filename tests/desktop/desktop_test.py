"""eCabinet desktop test: drives the real Tauri window through tauri-driver (WebDriver).

Started by run.sh, which provides the display, the keyring, the demo server and the driver:
  WEBDRIVER_URL=http://127.0.0.1:4444 ECAB_APP=/abs/path/ecabinet OUTPUT=dir python desktop_test.py
Exits non-zero on the first failed step.
"""

import base64
import hashlib
import json
import os
import subprocess
import uuid
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support.ui import Select, WebDriverWait

PASSWORD = os.environ.get("ECAB_DEMO_PASSWORD", "ecabinet-demo")
OUT = os.environ["OUTPUT"]
TIMEOUT = 30
TITLE = "eCabinet – Phòng họp không giấy"
HELLO_PDF = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "assets", "fixtures", "hello.pdf")
# A page of the demo's documents is a few per cent ink; a blank one, none.
MIN_INK = 0.002

# The share of an image's pixels that are ink (no channel above 160 of 255), measured in the
# webview on a canvas. arguments[0]: a PNG (base64) of what the window painted of the image
# arguments[1]. Only the rows inside the window count (WebKit fills the rest of an element's
# capture with opaque black, which would pass for ink), and only opaque pixels; null when
# too little of the image is in view.
INK_SCRIPT = """
    const done = arguments[arguments.length - 1];
    const shot = new Image();
    shot.onload = () => {
        const [w, h] = [shot.naturalWidth, shot.naturalHeight];
        const r = arguments[1].getBoundingClientRect();
        const scale = h / r.height;
        const top = Math.floor(Math.max(0, -r.top) * scale);
        const bottom = Math.floor(Math.min(r.height, window.innerHeight - r.top) * scale);
        const canvas = document.createElement('canvas');
        canvas.width = w;
        canvas.height = h;
        const g = canvas.getContext('2d', { willReadFrequently: true });
        g.drawImage(shot, 0, 0);
        const px = g.getImageData(0, 0, w, h).data;
        let [ink, seen] = [0, 0];
        for (let i = top * w * 4; i < Math.min(px.length, bottom * w * 4); i += 4) {
            if (px[i + 3] < 255) continue;
            seen++;
            if (Math.max(px[i], px[i + 1], px[i + 2]) <= 160) ink++;
        }
        done(seen > w * 100 ? ink / seen : null);
    };
    shot.onerror = () => done(-1);
    shot.src = 'data:image/png;base64,' + arguments[0];
"""


def options():
    o = ArgOptions()
    o.set_capability("browserName", "wry")
    o.set_capability("tauri:options", {"application": os.environ["ECAB_APP"]})
    return o


class Test:
    def __init__(self, driver):
        self.d = driver
        self.failed = False

    def step(self, name, fn):
        t0 = time.monotonic()
        try:
            fn()
        except Exception as e:  # report, screenshot, stop
            ms = int((time.monotonic() - t0) * 1000)
            print(f"FAIL {name} ({ms} ms)\n     {str(e).splitlines()[0] if str(e) else type(e).__name__}", flush=True)
            self.d.save_screenshot(os.path.join(OUT, "failed-" + "".join(c if c.isalnum() else "-" for c in name) + ".png"))
            raise
        print(f"ok   {name} ({int((time.monotonic() - t0) * 1000)} ms)", flush=True)

    def wait(self, cond, what, timeout=TIMEOUT):
        try:
            return WebDriverWait(self.d, timeout, poll_frequency=0.1).until(lambda d: cond(d))
        except TimeoutException:
            raise AssertionError(f"timed out waiting for {what}") from None

    def css(self, selector):
        return self.wait(lambda d: (d.find_elements(By.CSS_SELECTOR, selector) or [None])[0], selector)

    def js(self, script, *args):
        return self.d.execute_script(script, *args)

    def page_shown(self, n):
        """The reader shows page n (1-based): its image decoded and painted with ink, not blank."""
        script = """
            const img = document.querySelector(`#page-image[data-page="${arguments[0]}"]`);
            return !!(img && img.complete && img.naturalWidth > 0 && !img.classList.contains('stale'));
        """
        self.wait(lambda d: d.execute_script(script, n), f"page {n} rendered")
        seen = []

        def inked(d):
            seen.append(self.page_ink(n))
            return seen[-1] is not None and seen[-1] >= MIN_INK
        try:
            self.wait(inked, f"page {n} painted", timeout=10)
        except AssertionError:
            if getattr(self, "last_capture", None):
                with open(os.path.join(OUT, f"failed-page-{n}-capture.png"), "wb") as f:
                    f.write(base64.b64decode(self.last_capture))
            raise AssertionError(f"page {n} is shown blank: {seen[-1]!r} of its pixels are ink") from None
        if len(seen) > 1:
            print(f"     page {n} decoded but painted only at capture {len(seen)}: ink {seen[:3]}…", flush=True)
        return seen[-1]

    def page_ink(self, n):
        """The share of page n's image, as the window painted it, that is ink; None while the
        image is being replaced."""
        images = self.d.find_elements(By.CSS_SELECTOR, f'#page-image[data-page="{n}"]')
        if not images:
            return None
        try:
            shot = images[0].screenshot_as_base64
            self.last_capture = shot
        except StaleElementReferenceException:
            return None
        return self.d.execute_async_script(INK_SCRIPT, shot, images[0])

    def fill(self, selector, value):
        """Type into a field and check it holds exactly that: under load a re-render can move
        keystrokes elsewhere, so a mismatch is typed again."""
        for _ in range(3):
            box = self.css(selector)
            box.clear()
            box.send_keys(value)
            if self.js("return document.querySelector(arguments[0])?.value", selector) == value:
                return
        raise AssertionError(f"{selector} would not hold {value!r}")

    def sign_in(self, username):
        """Sign in on the form shown and wait for the signed-in header."""
        self.fill("#username", username)
        self.fill("#password", PASSWORD)
        self.css("#login-submit").click()
        self.css(".who-name")

    def text(self, selector):
        return self.js("return document.querySelector(arguments[0])?.textContent.trim() ?? null", selector)


def d_has(driver, selector):
    return bool(driver.find_elements(By.CSS_SELECTOR, selector))


def api(method, route, token=None, body=None):
    request = urllib.request.Request(
        os.environ["ECAB_SERVER"] + "/api/v1" + route, method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"content-type": "application/json", **({"authorization": f"Bearer {token}"} if token else {})})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def regular_meeting_document():
    """A document of the demo's regular meeting other than the 126-page report, as daibieu01 sees it."""
    token = api("POST", "/auth/login", body={"username": "daibieu01", "password": PASSWORD})["token"]
    meetings = api("GET", "/meetings", token)
    meetings = meetings.get("meetings", meetings) if isinstance(meetings, dict) else meetings
    regular = next(m for m in meetings if "thường kỳ" in m["title"])
    detail = api("GET", f"/meetings/{regular['id']}", token)
    return next(d for d in detail["documents"]
                if d["current"]["page_count"] != 126 and d["confidentiality"] == "normal")


def local_blob(sha256):
    """Where the app keeps a downloaded document (its data folder is under XDG_DATA_HOME)."""
    for folder, _dirs, _files in os.walk(os.environ["XDG_DATA_HOME"]):
        if os.path.basename(folder) == "blobs":
            return os.path.join(folder, sha256[:2], sha256)
    raise AssertionError("no blobs folder in the app's data")


def main():
    url = os.environ["WEBDRIVER_URL"]
    t0 = time.monotonic()
    driver = webdriver.Remote(command_executor=url, options=options())
    session_ms = int((time.monotonic() - t0) * 1000)
    t = Test(driver)
    try:
        def started():
            t.css("#username")
            print(f"     cold start: window session {session_ms} ms, sign-in form shown "
                  f"{int((time.monotonic() - t0) * 1000)} ms after launch", flush=True)
            assert driver.title == TITLE, f"window title {driver.title!r}"
            # The CSP is in force: string evaluation is refused (only wasm compilation is allowed).
            verdict = t.js("try { return String(eval('1 + 1')); } catch (e) { return e.name; }")
            print(f"     eval under the CSP: {verdict}", flush=True)
            assert verdict == "EvalError", f"eval should be refused by the CSP, got {verdict!r}"
        t.step("app starts: sign-in form, title, CSP", started)

        def sign_in():
            t.sign_in("daibieu01")
        t.step("delegate signs in (token to the OS keyring)", sign_in)

        def meeting_0715():
            t.css("#daily-0715 a.btn").click()
            t.css("#meeting-title")
            t.css("#agenda .agenda-item")
            badge = t.text(".meeting-head .badge")
            assert "Đã phát hành" in badge, f"status {badge!r}"
        t.step("opens the 07:15 meeting", meeting_0715)

        def first_document():
            t.css("#agenda a.doc-link").click()
            ink = t.page_shown(1)
            print(f"     page 1: {ink:.1%} of its pixels are ink", flush=True)
            driver.save_screenshot(os.path.join(OUT, "01-reader-0715.png"))
        t.step("opens a document: page 1 rendered by local pdfium", first_document)

        def annotates():
            t.css("#tool-highlight").click()
            t.css('#annot-layer[data-text-ready="true"]')
            document = t.js("return location.pathname.split('/documents/')[1]")
            words = driver.execute_async_script("""
                const done = arguments[arguments.length - 1];
                window.__TAURI__.core.invoke('page_text', { document: arguments[0], page: 0 })
                    .then((t) => done(t.words), (e) => done({ error: JSON.stringify(e) }));
            """, document)
            assert isinstance(words, list) and len(words) > 12, f"the local text layer: {words!r}"
            layer = t.css("#annot-layer")
            # Where a point of the page is in the window (the viewport's coordinates).
            rect = t.js("const r = arguments[0].getBoundingClientRect(); return [r.left, r.top, r.width, r.height];", layer)

            def at(fx, fy):
                return int(rect[0] + fx * rect[2]), int(rect[1] + fy * rect[3])

            def centre(w):
                return at(w["rect"]["x"] + w["rect"]["w"] / 2, w["rect"]["y"] + w["rect"]["h"] / 2)

            def drag(points):
                a = ActionBuilder(driver)
                a.pointer_action.move_to_location(*points[0])
                a.pointer_action.pointer_down()
                for p in points[1:]:
                    a.pointer_action.move_to_location(*p)
                a.pointer_action.pointer_up()
                a.perform()

            (x0, y0), (x1, y1) = centre(words[3]), centre(words[8])
            drag([(x0, y0), ((x0 + x1) // 2, (y0 + y1) // 2), (x1, y1)])
            t.css('#annot-layer .annot[data-kind="highlight"]')
            quoted = t.text('.annotation-item[data-kind="highlight"] .annot-quote')
            want = " ".join(w["text"] for w in words[3:9])
            assert want in quoted, f"the quote {want!r}, got {quoted!r}"

            t.css("#tool-ink").click()
            drag([at(0.2 + i * 0.03, 0.24 + (i % 2) * 0.02) for i in range(9)])
            t.css("#ink-save").click()
            t.css('#annot-layer .annot[data-kind="ink"] polyline')

            t.css("#tool-note").click()
            a = ActionBuilder(driver)
            a.pointer_action.move_to_location(*at(0.7, 0.18))
            a.pointer_action.click()
            a.perform()
            t.fill("#note-text", "Đề nghị làm rõ số liệu")
            t.css("#note-save").click()
            t.css("#annot-layer .annot-pin")
            driver.save_screenshot(os.path.join(OUT, "01b-annotations.png"))

            # Leave the reader and come back: drawn again from the local store.
            t.css("a.back").click()
            t.css("#agenda a.doc-link").click()
            t.page_shown(1)
            for kind in ("highlight", "ink", "note"):
                t.css(f'.annotation-item[data-kind="{kind}"]')
            t.css("#annot-layer .annot-pin")
            driver.save_screenshot(os.path.join(OUT, "01c-annotations-after-reload.png"))

            # The export is made here by pdfium and saved in the downloads folder.
            t.css("#export-annotated").click()
            saved = t.wait(lambda d: next((e.text for e in d.find_elements(By.CSS_SELECTOR, ".annotator .alert-ok")
                                           if "Đã lưu tại" in e.text), None), "the export's path")
            path = saved.split(": ", 1)[1].strip()
            with open(path, "rb") as f:
                pdf = f.read().decode("latin-1")
            assert pdf.startswith("%PDF"), f"{path} is not a PDF"
            for subtype in ("/Highlight", "/Ink", "/Text"):
                assert subtype in pdf, f"no {subtype} annotation in {path}"
            print(f"     exported to {path} ({len(pdf) // 1024} KB)", flush=True)
        t.step("annotates: highlight selected words, ink, a note; still there when the document is opened again", annotates)

        def poll_notified():
            # The secretary sends a poll to the members of the written meeting, daibieu01 among them.
            token = api("POST", "/auth/login", body={"username": "thuky", "password": PASSWORD})["token"]
            meeting = next(m for m in api("GET", "/meetings", token)["meetings"] if "bằng văn bản" in m["title"])
            question = f"Đồng chí có đồng ý với dự thảo không? ({int(time.time())})"
            poll = str(uuid.uuid4())
            deadline = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 86400))
            api("POST", f"/meetings/{meeting['id']}/polls", token, {"id": poll, "question": question, "deadline": deadline})
            api("POST", f"/polls/{poll}/send", token, {})
            t.wait(lambda d: d_has(d, "#notif-bell .notif-count"), "the bell counts the new notification")

            # The session bus starts dunst, the notification service, when the app first
            # notifies; `dunstctl history` lists what it showed once closed.
            def shown(_):
                subprocess.run(["dunstctl", "close-all"], capture_output=True, timeout=5)
                out = subprocess.run(["dunstctl", "history"], capture_output=True, text=True, timeout=5).stdout
                entries = json.loads(out or "{}").get("data", [[]])[0] if out else []
                return [e for e in entries if "Phiếu lấy ý kiến" in e.get("summary", {}).get("data", "")]
            t.wait(lambda d: shown(d), "an OS notification of the poll (dunstctl history)")
            body = shown(None)[0].get("body", {}).get("data", "")
            assert question.split(" (")[0] in body, f"the notification names the poll: {body!r}"
            t.css("#notif-bell").click()
            t.wait(lambda d: d_has(d, '#notifications .notification[data-kind="poll_waiting"]'), "the list holds it")
            assert not d_has(driver, "#notif-bell .notif-count"), "opened: nothing unread"
            driver.save_screenshot(os.path.join(OUT, "03-notifications.png"))
            t.css('#notifications .notification[data-kind="poll_waiting"] a').click()
            t.wait(lambda d: d_has(d, f'#polls .poll[data-id="{poll}"]'), "the poll's meeting, with the poll")
        t.step("a poll sent to the delegate: the bell counts it, the OS shows it, the list leads to it", poll_notified)

        def report_page_50():
            t.css("a.brand-link").click()
            t.css("#tab-upcoming").click()
            link = t.wait(lambda d: next((a for a in d.find_elements(By.CSS_SELECTOR, "a.meeting-link")
                                          if "thường kỳ" in a.text), None), "the regular meeting")
            link.click()
            t.css("#agenda")
            report = t.wait(lambda d: next((li for li in d.find_elements(By.CSS_SELECTOR, "li.doc")
                                            if "126 trang" in li.text), None), "the 126-page report")
            report.find_element(By.CSS_SELECTOR, "a.doc-link").click()
            t1 = time.monotonic()
            t.page_shown(1)
            print(f"     page 1 of 126 shown {int((time.monotonic() - t1) * 1000)} ms after the click", flush=True)
            box = t.css("#page-input")
            box.clear()
            box.send_keys("50")
            t.css("#page-go").click()
            t1 = time.monotonic()
            t.page_shown(50)
            print(f"     page 50 shown {int((time.monotonic() - t1) * 1000)} ms after 'go'", flush=True)
            status = t.text("#page-status")
            assert status == "Trang 50 / 126", f"page status {status!r}"
            src = t.js("return document.querySelector('#page-image').getAttribute('src')")
            assert src.startswith("ecab://localhost/page/"), f"page image from the ecab protocol, got {src!r}"
        t.step("126-page report: go to page 50", report_page_50)

        def english():
            t.css("#lang-switch").click()
            t.wait(lambda d: t.text("#page-status") == "Page 50 / 126", "English page status")
            label = t.text("#sync-status .sync-label")
            print(f"     sync status label: {label!r}", flush=True)
            assert label == "Online", f"header says {label!r}"
            time.sleep(0.3)  # let the thumbnails in view paint before the picture
            driver.save_screenshot(os.path.join(OUT, "02-reader-page-50-english.png"))
        t.step("switches to English", english)

        def damaged_local_copy():
            # A stored copy damaged on disk (as a failing disk would): the engine finds that it no
            # longer matches its SHA-256, discards it and fetches it again; the reader shows the
            # page (after an error and "Try again" if the damaged copy was read for this image).
            doc = regular_meeting_document()
            sha = doc["current"]["sha256"]
            stored = local_blob(sha)
            t.wait(lambda d: os.path.exists(stored), "the document downloaded")
            with open(stored, "r+b") as f:
                f.seek(200)
                f.write(b"\0" * 64)
            t.css("a.back").click()
            t.css("#agenda")
            link = t.wait(lambda d: next((a for a in d.find_elements(By.CSS_SELECTOR, "a.doc-link")
                                          if doc["title"] in a.text), None), "the document's link")
            link.click()

            def shown(d):
                failed = d.find_elements(By.CSS_SELECTOR, ".stage .page-failed")
                if failed:
                    message = failed[0].text
                    assert "damaged" in message, f"a damaged-file message, got {message!r}"
                    d.find_element(By.CSS_SELECTOR, ".stage .page-retry").click()
                return d.execute_script(
                    "const i = document.querySelector('#page-image[data-page=\"1\"]');"
                    "return !!(i && i.complete && i.naturalWidth > 0);")
            t.wait(shown, "page 1 once the copy was fetched again", timeout=60)
            t.page_shown(1)
            with open(stored, "rb") as f:
                assert hashlib.sha256(f.read()).hexdigest() == sha, "the copy on disk is whole again"
        t.step("a damaged local copy is discarded, fetched again and shown", damaged_local_copy)

        # ——— The secretary on the desktop: every write goes through the shell to the server ———
        meeting_title = f"Họp chuyên đề chuyển đổi số (máy tính {int(time.time())})"

        def secretary_signs_in():
            t.css("#lang-switch").click()  # back to Vietnamese
            t.css("header.header .btn-link").click()
            t.sign_in("thuky")
        t.step("signs out; the secretary signs in", secretary_signs_in)

        def creates_meeting():
            t.css("a.brand-link").click()
            t.css('a[href="/meetings/new"]').click()
            t.fill("#m-title", meeting_title)
            Select(t.css("#m-kind")).select_by_value("thematic")
            # The chairs come from the directory, through the shell.
            chair = "Lê Văn Thành – Chủ tịch UBND tỉnh"
            t.wait(lambda d: any(o.text == chair for o in Select(t.css("#m-chair")).options), "the chair in the list")
            Select(t.css("#m-chair")).select_by_visible_text(chair)
            t.fill("#m-place", "Phòng họp số 1, UBND tỉnh")
            t.css("#m-create").click()
            t.wait(lambda d: t.text("#meeting-title") == meeting_title, "the new meeting's page")
            badge = t.text(".meeting-head .badge")
            assert "Soạn thảo" in badge, f"status {badge!r}"
        t.step("secretary creates a meeting", creates_meeting)

        def adds_agenda_item():
            t.fill("#new-item-title", "Báo cáo tình hình triển khai Đề án")
            t.fill("#new-item-presenter", "Giám đốc Sở Thông tin và Truyền thông")
            t.fill("#new-item-minutes", "30")
            t.css("#new-item-submit").click()
            t.wait(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#agenda .agenda-item")) == 1, "the agenda item")
        t.step("adds an agenda item", adds_agenda_item)

        def uploads_document():
            # The file ends with the marker that makes the app's pdfium workers abort (a test
            # hook set by run.sh; the server does not have it): a PDF the server accepts but
            # that crashes the reader's renderer, as a pdfium bug would.
            with open(HELLO_PDF, "rb") as f:
                marked = f.read() + b"\n% " + os.environ["ECAB_PDF_WORKER_CRASH_MARKER"].encode() + b"\n"
                pdf = base64.b64encode(marked).decode()
            # Choose the file as a user would (the input's files set, then `change`), and note
            # whether the progress bar showed.
            t.js("""
                window.__sawProgress = false;
                new MutationObserver(() => {
                    if (document.querySelector('#upload-progress')) window.__sawProgress = true;
                }).observe(document.body, { childList: true, subtree: true });
                const bytes = Uint8Array.from(atob(arguments[0]), (c) => c.charCodeAt(0));
                const dt = new DataTransfer();
                dt.items.add(new File([bytes], 'to-trinh.pdf', { type: 'application/pdf' }));
                const input = document.querySelector('#upload-file');
                input.files = dt.files;
                input.dispatchEvent(new Event('change', { bubbles: true }));
            """, pdf)
            title = t.css("#upload-title")
            title.clear()  # the form proposes the file's name
            title.send_keys("Tờ trình Đề án (máy tính)")
            t.css("#upload-submit").click()
            t.css("#upload .alert-ok")
            t.wait(lambda d: any("Tờ trình Đề án (máy tính)" in a.text
                                 for a in d.find_elements(By.CSS_SELECTOR, "a.doc-link")),
                   "the uploaded document in the meeting")
            assert t.js("return window.__sawProgress"), "a progress bar during the upload"
        t.step("uploads a PDF (raw bytes to the shell)", uploads_document)

        def crashing_pdf():
            link = t.wait(lambda d: next((a for a in d.find_elements(By.CSS_SELECTOR, "a.doc-link")
                                          if "Tờ trình Đề án (máy tính)" in a.text), None), "the link")
            t.js("arguments[0].scrollIntoView({ block: 'center' })", link)  # not under the header
            link.click()
            t.wait(lambda d: "làm lỗi bộ hiển thị" in (t.text(".stage .page-failed") or ""),
                   "a renderer-crash message in the reader", timeout=60)
            print(f"     {t.text('.stage .page-failed')!r}", flush=True)
            driver.save_screenshot(os.path.join(OUT, "03a-reader-crashing-pdf.png"))
            t.css("a.back").click()  # the app goes on
            t.css("#agenda")
        t.step("a PDF that crashes pdfium: a clear error in the reader, the app goes on", crashing_pdf)

        def sends_for_review():
            button = t.css("#act-submit")
            t.js("arguments[0].scrollIntoView({ block: 'center' })", button)  # not under the header
            button.click()
            t.wait(lambda d: "Trình duyệt" in (t.text(".meeting-head .badge") or ""), "status in review")
            t.css("#act-withdraw")
            assert not d_has(driver, "#agenda-editor"), "the agenda is frozen in review"
            driver.save_screenshot(os.path.join(OUT, "03-secretary-submitted.png"))
        t.step("sends it for review (Trình duyệt)", sends_for_review)

        def chief_returns_it():
            url = driver.current_url
            t.css("header.header .btn-link").click()
            t.sign_in("chanhvanphong")
            driver.get(url)  # the meeting is in the chief's local store once the first sync is done
            button = t.css("#act-reject")
            t.js("arguments[0].scrollIntoView({ block: 'center' })", button)
            button.click()
            t.fill("#reject-reason", "Đề nghị bổ sung báo cáo đánh giá tác động")
            t.css("#act-reject-confirm").click()
            t.wait(lambda d: "Soạn thảo" in (t.text(".meeting-head .badge") or ""), "status back to draft")
        t.step("the chief of office returns it with a reason", chief_returns_it)

        # Marks of the ui's start (ui/src/perf.rs): when the list was drawn, when meetings
        # were first asked of the shell (null: not yet).
        marks = """return [performance.getEntriesByName('ecab:list-shown')[0]?.startTime ?? null,
                           performance.getEntriesByName('ecab:meetings-asked')[0]?.startTime ?? null];"""

        def restarts_signed_in():
            nonlocal driver
            driver.quit()
            driver = webdriver.Remote(command_executor=url, options=options())
            t.d = driver
            t.css("ul.meeting-list a.meeting-link")
            assert t.text(".who-name") == "Trần Văn Chính", f"signed in as {t.text('.who-name')!r}"
            t.wait(lambda d: d.execute_script(marks)[0] is not None, "the list-shown mark")
            shown, asked = t.js(marks)
            # The shell's first screen: the list is drawn before any meetings command.
            assert shown is not None and (asked is None or shown < asked), f"list at {shown}, asked at {asked}"
        t.step("restarts signed in: the list is drawn from the shell's first screen", restarts_signed_in)

        def reload_asks_again():
            driver.refresh()
            t.css("ul.meeting-list a.meeting-link")
            t.wait(lambda d: d.execute_script(marks)[0] is not None, "the list-shown mark")
            shown, asked = t.js(marks)
            # A reload may follow a sign-out: the first screen is not reused, the shell is asked.
            assert asked is not None and asked < shown, f"list at {shown}, asked at {asked}"
        t.step("a reload asks the shell instead of reusing the first screen", reload_asks_again)
    except Exception:
        t.failed = True
    finally:
        driver.quit()
    if t.failed:
        print(f"a step failed; screenshots in {OUT}", flush=True)
        sys.exit(1)
    print(f"all steps passed; screenshots in {OUT}", flush=True)


if __name__ == "__main__":
    main()
