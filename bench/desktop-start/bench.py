"""Desktop start-up and memory: the eCabinet app against a hello-world Tauri window.

Started by run.sh inside a private D-Bus session (unlocked GNOME Keyring) with Xvfb, the demo
server and tauri-driver running; everything comes in through the environment:

  WEBDRIVER_URL  tauri-driver's address        DRIVER_PID  tauri-driver's process id
  ECAB_APP       the eCabinet binary            HELLO_APP   the hello-world binary
  ECAB_SERVER    the demo server                DOC_PDF     the 300-page PDF to publish
  RUNS           cold starts of each app        SETTLE      seconds before reading memory
  DROP_CACHES    1: drop the kernel's page cache before every start (needs root)
  OUT            folder for results.json, results.md and screenshots
  TRACE          1: print the page's load milestones of every start

Steps: (1) as the secretary, publish a meeting holding the 300-page PDF for daibieu01;
(2) sign daibieu01 in to the app once (token to the keyring), let it sync and open the
document, quit; (3) RUNS cold starts of each app, alternating, each timed from the WebDriver
new-session request (the driver then launches the binary) to the moment, on the page's
clock, the target element is present, has a size and is the topmost element at its centre
(a click lands on it): the hello-world's button, eCabinet's first meeting link; (4) memory (RSS and PSS) of each app's whole process
tree: the hello-world idle, eCabinet with the 300-page document open in the reader.
"""

import datetime as dt
import json
import os
import statistics
import sys
import time
import urllib.error
import urllib.request
import uuid

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support.ui import WebDriverWait

SERVER = os.environ["ECAB_SERVER"].rstrip("/")
PASSWORD = os.environ.get("ECAB_DEMO_PASSWORD", "ecabinet-demo")
OUT = os.environ["OUT"]
RUNS = int(os.environ.get("RUNS", "10"))
SETTLE = float(os.environ.get("SETTLE", "5"))
DROP_CACHES = os.environ.get("DROP_CACHES", "1") == "1"
DRIVER_PID = int(os.environ["DRIVER_PID"])
APPS = {"hello": os.environ["HELLO_APP"], "ecabinet": os.environ["ECAB_APP"]}
DELEGATE = "daibieu01"
MEETING_TITLE = "Đo khởi động: báo cáo 300 trang"
DOC_TITLE = "Báo cáo tổng hợp 300 trang"
PAGES = 300
TIMEOUT = 60

# What "ready" means, the same test for both apps: the element exists, has a size, and is the
# topmost element at its centre.
READY_JS = """
const el = document.querySelector(arguments[0]);
if (!el) return false;
const r = el.getBoundingClientRect();
if (r.width <= 0 || r.height <= 0) return false;
const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
return !!hit && (hit === el || el.contains(hit));
"""
# The same test, waited for inside the page; answers [timeOrigin, ms from it, page milestones].
WAIT_READY_JS = """
const sel = arguments[0], done = arguments[arguments.length - 1];
const ready = () => {
  const el = document.querySelector(sel);
  if (!el) return false;
  const r = el.getBoundingClientRect();
  if (r.width <= 0 || r.height <= 0) return false;
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return !!hit && (hit === el || el.contains(hit));
};
let finished = false;
const finish = () => {
  if (finished || !ready()) return;
  finished = true;
  const at = performance.now();
  observer.disconnect();
  const n = performance.getEntriesByType('navigation')[0];
  const marks = n ? [['response', n.responseEnd], ['dom-loaded', n.domContentLoadedEventEnd],
                     ['load', n.loadEventEnd]].map(([k, v]) => [k, Math.round(v)]) : [];
  for (const m of performance.getEntriesByType('mark')) marks.push([m.name, Math.round(m.startTime)]);
  marks.sort((a, b) => a[1] - b[1]);
  done([performance.timeOrigin, at, marks]);
};
const observer = new MutationObserver(finish);
observer.observe(document, { subtree: true, childList: true, attributes: true });
const frame = () => { finish(); if (!finished) requestAnimationFrame(frame); };
frame();
"""
TARGETS = {"hello": "#hello", "ecabinet": "ul.meeting-list a.meeting-link"}


def log(msg):
    print(msg, flush=True)


# ---------------------------------------------------------------- the server API


def api(method, path, token=None, body=None, headers=None):
    data = None
    h = dict(headers or {})
    if token:
        h["authorization"] = f"Bearer {token}"
    if body is not None and not isinstance(body, bytes):
        data = json.dumps(body).encode()
        h["content-type"] = "application/json"
    elif body is not None:
        data = body
    req = urllib.request.Request(SERVER + path, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=120) as res:
            text = res.read()
    except urllib.error.HTTPError as e:
        raise RuntimeError(f"{method} {path}: {e.code} {e.read()[:300]!r}") from None
    return json.loads(text) if text else None


def login(username):
    return api("POST", "/api/v1/auth/login", body={"username": username, "password": PASSWORD})["token"]


def upload(token, path, meta, filename, content):
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\ncontent-disposition: form-data; name="meta"\r\n\r\n{json.dumps(meta)}\r\n'.encode(),
        f'--{boundary}\r\ncontent-disposition: form-data; name="file"; filename="{filename}"\r\n'
        "content-type: application/pdf\r\n\r\n".encode() + content + b"\r\n",
        f"--{boundary}--\r\n".encode(),
    ]
    return api("POST", path, token, b"".join(parts), {"content-type": f"multipart/form-data; boundary={boundary}"})


def publish_meeting():
    """A meeting tomorrow with the 300-page PDF, for the delegate, through the whole review."""
    secretary, chief, chair = login("thuky"), login("chanhvanphong"), login("chutich")
    users = {u["username"]: u["id"] for u in api("GET", "/api/v1/users", secretary)}
    start = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) + dt.timedelta(days=1)
    body = {
        "title": MEETING_TITLE, "kind": "regular", "place": "Hội trường",
        "starts_at": start.isoformat(), "ends_at": (start + dt.timedelta(hours=2)).isoformat(),
        "chair_id": users["chutich"],
    }
    meeting = api("POST", "/api/v1/meetings", secretary, body)["meeting"]["id"]
    item = api("POST", f"/api/v1/meetings/{meeting}/agenda", secretary,
               {"title": "Báo cáo tổng hợp", "presenter": "Văn phòng UBND tỉnh", "minutes": 30})["id"]
    with open(os.environ["DOC_PDF"], "rb") as f:
        content = f.read()
    doc = upload(secretary, f"/api/v1/meetings/{meeting}/documents",
                 {"title": DOC_TITLE, "kind": "report", "agenda_item_id": item}, "bao-cao-300-trang.pdf", content)
    assert doc["current"]["page_count"] == PAGES, doc["current"]
    api("PUT", f"/api/v1/meetings/{meeting}/invitees", secretary,
        {"delegate_ids": [users[DELEGATE]], "bridge_point_ids": []})
    path = f"/api/v1/meetings/{meeting}/transition"
    api("POST", path, secretary, {"action": "submit"})
    api("POST", path, chief, {"action": "approve"})
    api("POST", path, chair, {"action": "approve"})
    status = api("POST", path, secretary, {"action": "publish"})["status"]
    assert status == "published", status
    log(f"   meeting published: {len(content)} bytes, {PAGES} pages, invited {DELEGATE}")


# ---------------------------------------------------------------- processes


def children_map():
    kids = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(pid))
    return kids


def descendants(pid):
    kids, out, todo = children_map(), [], [pid]
    while todo:
        for c in kids.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


def exe(pid):
    try:
        return os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return ""


def app_tree(binary):
    """The app's process and everything it started (WebKit's processes, pdfium workers)."""
    under_driver = descendants(DRIVER_PID)
    roots = [p for p in under_driver if exe(p) == binary and exe(parent(p)) != binary]
    if len(roots) != 1:
        raise RuntimeError(f"expected one {binary} process under the driver, found {roots}")
    return [roots[0]] + descendants(roots[0])


def parent(pid):
    with open(f"/proc/{pid}/stat") as f:
        stat = f.read()
    return int(stat[stat.rindex(")") + 2:].split()[1])


def memory(binary):
    rows = []
    for pid in app_tree(binary):
        fields = {}
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    k, _, rest = line.partition(":")
                    if k in ("Rss", "Pss", "Private_Clean", "Private_Dirty"):
                        fields[k] = int(rest.split()[0])
            with open(f"/proc/{pid}/comm") as f:
                name = f.read().strip()
        except OSError:
            continue
        rows.append({"pid": pid, "name": name, "rss_kb": fields.get("Rss", 0), "pss_kb": fields.get("Pss", 0),
                     "uss_kb": fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)})
    return rows


def wait_app_gone():
    """After a session ends: nothing but the native driver left under tauri-driver."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        left = [p for p in descendants(DRIVER_PID) if "WebKitWebDriver" not in exe(p)]
        if not left:
            return
        time.sleep(0.05)
    raise RuntimeError(f"processes left after the session: {left}")


def started_at(pid):
    """When a process was started, on the wall clock (10 ms resolution)."""
    with open(f"/proc/{pid}/stat") as f:
        stat = f.read()
    ticks = int(stat[stat.rindex(")") + 2:].split()[19])
    with open("/proc/uptime") as f:
        uptime = float(f.read().split()[0])
    return time.time() - (uptime - ticks / os.sysconf("SC_CLK_TCK"))


def drop_caches():
    if DROP_CACHES:
        os.sync()
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")


# ---------------------------------------------------------------- the window


def options(binary):
    o = ArgOptions()
    o.set_capability("browserName", "wry")
    o.set_capability("tauri:options", {"application": binary})
    return o


def wait(driver, cond, what, timeout=TIMEOUT):
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.05).until(lambda d: cond(d))
    except Exception:
        driver.save_screenshot(os.path.join(OUT, "failed-" + "".join(c if c.isalnum() else "-" for c in what) + ".png"))
        raise AssertionError(f"timed out waiting for {what}") from None


def css(driver, selector):
    return wait(driver, lambda d: (d.find_elements(By.CSS_SELECTOR, selector) or [None])[0], selector)


def ready(driver, selector):
    try:
        return driver.execute_script(READY_JS, selector)
    except WebDriverException:  # the page is not there yet
        return False


def cold_start(name):
    """One start: new session (the driver launches the binary) until the target is ready.

    A single asynchronous script waits inside the page (DOM mutations and animation frames)
    and returns the page's clock when the target became ready, so the measurement does not
    load the page with repeated WebDriver round trips.
    """
    drop_caches()
    t0 = time.time()
    driver = webdriver.Remote(command_executor=os.environ["WEBDRIVER_URL"], options=options(APPS[name]))
    t_session = time.time()
    try:
        exec_at = started_at(app_tree(APPS[name])[0])
        driver.set_script_timeout(TIMEOUT)
        tries = 0
        while True:
            tries += 1
            try:
                origin, at, marks = driver.execute_async_script(WAIT_READY_JS, TARGETS[name])
                break
            except WebDriverException:  # the page was not there yet, or navigated away
                if time.time() - t0 > TIMEOUT:
                    driver.save_screenshot(os.path.join(OUT, f"failed-start-{name}.png"))
                    raise
        t_returned = time.time()
        nav = origin / 1000.0  # the page's clock is this machine's wall clock
        return {"app": name, "total_ms": (nav + at / 1000.0 - t0) * 1000, "exec_ms": (exec_at - t0) * 1000,
                "session_ms": (t_session - t0) * 1000, "navigation_ms": (nav - t0) * 1000,
                "page_to_ready_ms": at, "returned_ms": (t_returned - t0) * 1000, "tries": tries,
                "marks": marks, "t0": t0}
    finally:
        driver.quit()
        wait_app_gone()


def sign_in_once():
    """Sign the delegate in (the token goes to the keyring), sync, open the document, quit."""
    driver = webdriver.Remote(command_executor=os.environ["WEBDRIVER_URL"], options=options(APPS["ecabinet"]))
    try:
        # Typing can race the form's re-renders on a loaded machine: check what landed.
        for _ in range(3):
            for selector, text in (("#username", DELEGATE), ("#password", PASSWORD)):
                field = css(driver, selector)
                field.clear()
                field.send_keys(text)
            typed = driver.execute_script(
                "return [document.querySelector('#username').value, document.querySelector('#password').value]")
            if typed == [DELEGATE, PASSWORD]:
                break
        css(driver, "#login-submit").click()
        css(driver, ".who-name")
        open_document(driver)
        wait(driver, lambda d: d.execute_script(
            "return document.querySelector('#sync-status')?.classList.contains('sync-offline') === false"), "online")
        time.sleep(3)  # the rest of the demo's documents (about 2 MB over loopback)
    finally:
        driver.quit()
        wait_app_gone()
    log(f"   {DELEGATE} signed in, synced, document opened once")


def open_document(driver):
    """From the meeting list: the benchmark meeting, its 300-page document, page 1 shown."""
    css(driver, "#tab-upcoming").click()
    wait(driver, lambda d: next((a for a in d.find_elements(By.CSS_SELECTOR, "a.meeting-link")
                                 if a.text.strip() == MEETING_TITLE), None), "the benchmark meeting").click()
    css(driver, "#agenda")
    wait(driver, lambda d: next((a for a in d.find_elements(By.CSS_SELECTOR, "a.doc-link")
                                 if a.text.strip() == DOC_TITLE), None), "the 300-page document").click()
    t1 = time.monotonic()
    wait(driver, lambda d: d.execute_script("""
        const img = document.querySelector('#page-image[data-page="1"]');
        return !!(img && img.complete && img.naturalWidth > 0 && !img.classList.contains('stale'));"""), "page 1")
    status = driver.execute_script("return document.querySelector('#page-status')?.textContent.trim()")
    assert status.endswith(f"/ {PAGES}"), status
    return (time.monotonic() - t1) * 1000


def memory_of(name):
    drop_caches()
    driver = webdriver.Remote(command_executor=os.environ["WEBDRIVER_URL"], options=options(APPS[name]))
    try:
        wait(driver, lambda d: ready(d, TARGETS[name]), TARGETS[name])
        extra = {}
        if name == "ecabinet":
            extra["page1_ms"] = open_document(driver)
        time.sleep(SETTLE)
        driver.save_screenshot(os.path.join(OUT, f"memory-{name}.png"))
        rows = memory(APPS[name])
    finally:
        driver.quit()
        wait_app_gone()
    return {"app": name, "processes": rows, **{k: sum(r[k] for r in rows) for k in ("rss_kb", "pss_kb", "uss_kb")},
            **extra}


# ---------------------------------------------------------------- report


def summary(values):
    values = sorted(values)
    q = statistics.quantiles(values, n=4, method="inclusive") if len(values) >= 2 else [values[0]] * 3
    return {"median": statistics.median(values), "min": values[0], "max": values[-1], "q1": q[0], "q3": q[2]}


def main():
    log("== setup: a published meeting with a 300-page document")
    publish_meeting()
    log("== setup: sign in once")
    sign_in_once()

    load_before = os.getloadavg()[0]
    log(f"== {RUNS} cold starts of each app, alternating (page cache dropped: {DROP_CACHES})")
    starts = []
    for i in range(RUNS):
        for name in ("hello", "ecabinet") if i % 2 == 0 else ("ecabinet", "hello"):
            r = cold_start(name)
            starts.append(r)
            log(f"   {name:9} #{i + 1}: ready {r['total_ms']:5.0f} ms (exec {r['exec_ms']:4.0f}, session "
                f"{r['session_ms']:5.0f}, navigation {r['navigation_ms']:5.0f}, page to ready "
                f"{r['page_to_ready_ms']:4.0f}; answer at {r['returned_ms']:5.0f})")
            if os.environ.get("TRACE") == "1":
                log(f"      page (navigation at {r['t0'] + r['navigation_ms'] / 1000:.3f}): "
                    + ", ".join(f"{k} {v}" for k, v in r["marks"]))

    load_after = os.getloadavg()[0]
    log("== memory: process trees")
    mem = {name: memory_of(name) for name in ("hello", "ecabinet")}
    for name, m in mem.items():
        log(f"   {name}: RSS {m['rss_kb'] / 1024:.0f} MiB, PSS {m['pss_kb'] / 1024:.0f} MiB, "
            f"USS {m['uss_kb'] / 1024:.0f} MiB")
        for r in m["processes"]:
            log(f"      {r['name']:20} RSS {r['rss_kb'] / 1024:6.1f} MiB  PSS {r['pss_kb'] / 1024:6.1f} MiB  "
                f"USS {r['uss_kb'] / 1024:6.1f} MiB")

    stats = {}
    for name in ("hello", "ecabinet"):
        mine = [s for s in starts if s["app"] == name]
        stats[name] = {k: summary([s[k] for s in mine]) for k in ("total_ms", "exec_ms", "session_ms",
                                                                   "navigation_ms", "page_to_ready_ms")}
    ratio_start = stats["ecabinet"]["total_ms"]["median"] / stats["hello"]["total_ms"]["median"]
    ratio_rss = mem["ecabinet"]["rss_kb"] / mem["hello"]["rss_kb"]
    ratio_pss = mem["ecabinet"]["pss_kb"] / mem["hello"]["pss_kb"]
    ratio_uss = mem["ecabinet"]["uss_kb"] / mem["hello"]["uss_kb"]
    result = {"load": [load_before, load_after], "runs": RUNS, "drop_caches": DROP_CACHES, "settle_s": SETTLE, "starts": starts, "stats": stats,
              "memory": mem, "ratio_start": ratio_start, "ratio_rss": ratio_rss, "ratio_pss": ratio_pss, "ratio_uss": ratio_uss}
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump(result, f, indent=1)

    def row(name, key):
        s = stats[name][key]
        return f"{s['median']:.0f} | {s['min']:.0f}–{s['max']:.0f} | {s['q1']:.0f}–{s['q3']:.0f}"

    lines = [
        f"{RUNS} cold starts each, alternating; page cache dropped before each: {'yes' if DROP_CACHES else 'no'}; "
        f"load average {load_before:.1f} before, {load_after:.1f} after ({os.cpu_count()} CPUs).",
        "",
        "| app | ready ms: median | min–max | q1–q3 | new session ms (median) | navigation start ms | page → ready ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name in ("hello", "ecabinet"):
        s = stats[name]
        lines.append(f"| {name} | {row(name, 'total_ms')} | {s['session_ms']['median']:.0f} | "
                     f"{s['navigation_ms']['median']:.0f} | {s['page_to_ready_ms']['median']:.0f} |")
    lines += [
        "",
        f"Start ratio (median ready, ecabinet / hello): **{ratio_start:.2f}×**",
        "",
        "| app | state | processes | RSS MiB | PSS MiB | USS MiB |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for name, state in (("hello", f"idle, {SETTLE:.0f} s after ready"),
                        ("ecabinet", f"300-page document open, page 1 shown, {SETTLE:.0f} s after")):
        m = mem[name]
        lines.append(f"| {name} | {state} | {len(m['processes'])} | {m['rss_kb'] / 1024:.0f} | "
                     f"{m['pss_kb'] / 1024:.0f} | {m['uss_kb'] / 1024:.0f} |")
    lines += [
        "",
        f"Memory ratio (ecabinet / hello): RSS **{ratio_rss:.2f}×**, PSS **{ratio_pss:.2f}×**, USS **{ratio_uss:.2f}×**",
    ]
    with open(os.path.join(OUT, "results.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    log("\n" + "\n".join(lines))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:
        log(f"FAIL: {e}")
        sys.exit(1)
