"""eCabinet desktop test: drives the real Tauri window through tauri-driver (WebDriver).

Started by run.sh, which provides the display, the keyring, the demo server and the driver:
  WEBDRIVER_URL=http://127.0.0.1:4444 ECAB_APP=/abs/path/ecabinet OUTPUT=dir python desktop_test.py
Exits non-zero on the first failed step.
"""

import os
import sys
import time

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support.ui import WebDriverWait

PASSWORD = os.environ.get("ECAB_DEMO_PASSWORD", "ecabinet-demo")
OUT = os.environ["OUTPUT"]
TIMEOUT = 30
TITLE = "eCabinet – Phòng họp không giấy"


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
        """The reader shows page n (1-based), its image decoded."""
        script = """
            const img = document.querySelector(`#page-image[data-page="${arguments[0]}"]`);
            return !!(img && img.complete && img.naturalWidth > 0 && !img.classList.contains('stale'));
        """
        self.wait(lambda d: d.execute_script(script, n), f"page {n} rendered")

    def text(self, selector):
        return self.js("return document.querySelector(arguments[0])?.textContent.trim() ?? null", selector)


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
            t.css("#username").send_keys("daibieu01")
            t.css("#password").send_keys(PASSWORD)
            t.css("#login-submit").click()
            t.css(".who-name")
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
            t.page_shown(1)
            driver.save_screenshot(os.path.join(OUT, "01-reader-0715.png"))
        t.step("opens a document: page 1 rendered by local pdfium", first_document)

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
