"""The HTML page in a real headless Chromium: every entry's text is rendered, and it fits a phone.

Chromium is driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`: JSON messages
ending in NUL, read by Chromium on fd 3, written on fd 4), so the test reads `innerText`, the text
as laid out on screen, and saves a screenshot to the test's tmp folder (and bench/out/ when present).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from csto_timeline.exporters import FORMATS
from csto_timeline.pipeline import Timeline

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it in CI)")


class DevTools:
    """A minimal DevTools-protocol client over the pipe of a headless Chromium it starts."""

    def __init__(self, user_data: Path) -> None:
        to_browser_read, self._write = os.pipe()
        self._read, from_browser_write = os.pipe()
        os.set_inheritable(to_browser_read, True)
        os.set_inheritable(from_browser_write, True)
        arguments = [
            str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--remote-debugging-pipe",
            f"--user-data-dir={user_data}", "about:blank",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            arguments,
            pass_fds=(3, 4),
            preexec_fn=lambda: (os.dup2(to_browser_read, 3), os.dup2(from_browser_write, 4)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.session: str | None = None

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one command (to the attached page, once there is one) and return its result."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if self.session:
            message["sessionId"] = self.session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._next_id:
                assert "error" not in reply, reply
                return dict(reply.get("result", {}))

    def _receive(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._read, 1 << 16)
            assert chunk, "chromium closed the DevTools pipe"
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return dict(json.loads(raw))

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def open(self, url: str) -> None:
        """Load `url` in the page and wait until it has finished loading."""
        self.call("Page.navigate", url=url)
        loaded = f"document.readyState === 'complete' && location.href === {json.dumps(url)}"
        for _ in range(200):
            if self.evaluate(loaded):
                return
            time.sleep(0.05)
        raise AssertionError(f"chromium did not finish loading {url}")

    def close(self) -> None:
        """Stop the browser this client started."""
        self.process.kill()
        self.process.wait(timeout=10)
        os.close(self._read)
        os.close(self._write)


@pytest.fixture(scope="module")
def rendered_page(seed_timeline: Timeline, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Open the exported page on a phone-sized screen; its entries' text, widths and a screenshot."""
    folder = tmp_path_factory.mktemp("html")
    page = folder / "chronology.html"
    with page.open("w", encoding="utf-8") as out:
        write = FORMATS["html"].write_entries
        assert write is not None
        write(seed_timeline.entries, out)
    browser = DevTools(folder / "profile")
    try:
        target = next(t for t in browser.call("Target.getTargets")["targetInfos"] if t["type"] == "page")
        browser.session = browser.call("Target.attachToTarget", targetId=target["targetId"], flatten=True)["sessionId"]
        browser.call("Emulation.setDeviceMetricsOverride", **PHONE)
        browser.open(page.as_uri())
        result = {
            "entries": browser.evaluate("[...document.querySelectorAll('li.entry')].map(e => e.innerText)"),
            "body": browser.evaluate("document.body.innerText"),
            "page_width": browser.evaluate("document.documentElement.scrollWidth"),
            "screen_width": browser.evaluate("window.innerWidth"),
            "resources": browser.evaluate("performance.getEntriesByType('resource').length"),
        }
        shot = base64.b64decode(browser.call("Page.captureScreenshot", format="png")["data"])
    finally:
        browser.close()
    result["screenshot"] = folder / "chronology-phone.png"
    result["screenshot"].write_bytes(shot)
    if (ROOT / "bench" / "out").is_dir():
        (ROOT / "bench" / "out" / "chronology-phone.png").write_bytes(shot)
    return result


def test_every_entry_is_rendered_with_its_date_event_and_sources(
    seed_timeline: Timeline, rendered_page: dict[str, Any]
) -> None:
    texts = rendered_page["entries"]
    assert len(texts) == len(seed_timeline.entries)
    for entry, text in zip(seed_timeline.entries, texts, strict=True):
        assert entry.event in text
        for event in entry.events:
            assert event.article.source in text
    kabul = texts[[entry.date.value for entry in seed_timeline.entries].index("2021-08-15")]
    assert kabul.startswith("15 August 2021")
    assert "TASS" in kabul and "Sputnik" in kabul


def test_page_fits_a_phone_screen_and_loads_nothing(rendered_page: dict[str, Any]) -> None:
    assert rendered_page["page_width"] <= rendered_page["screen_width"] == PHONE["width"]
    assert rendered_page["resources"] == 0
    assert rendered_page["body"].startswith("Chronology")


def test_screenshot_is_a_png(rendered_page: dict[str, Any]) -> None:
    assert rendered_page["screenshot"].read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
