#!/usr/bin/env python3
"""A real-browser test of the Babillard web workbench.

Drives Debian's headless Chromium through Selenium 4 against a running
`babillard serve` whose database holds the demo workspace "default" (id 1),
an owner and an agent (see scripts/browser-test.sh, which prepares all that).

    python3 Tests/Browser/browser_test.py --base http://127.0.0.1:PORT --screenshots DIR

Every step saves screenshots into DIR (01-login.png, 02-overview.png, ...).
A failing step saves FAILED-<step>.png and FAILED-<step>.html, prints its
traceback and the run goes on with the next step (each step signs in again
if it has to), so one run tells about every step. The exit code is 0 only
when every step passed; the last line is "N passed, N failed".
"""

from __future__ import annotations

import argparse
import base64
import os
import sys
import traceback
import unicodedata
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

os.environ.setdefault("SE_AVOID_STATS", "true")

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import (  # noqa: E402
    InvalidSessionIdException,
    NoSuchWindowException,
    TimeoutException,
    WebDriverException,
)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

WAIT_SECONDS = 10
WINDOW = (1280, 1600)
MAX_SHOT_HEIGHT = 8000  # a full-page capture taller than this is cut

OWNER_EMAIL = "owner@example.test"
OWNER_PASSWORD = "correct horse battery"
AGENT_EMAIL = "agent@example.test"
AGENT_PASSWORD = "agent password 42"

COURTEOUS_REPLY = (
    "Bonjour, merci pour votre message. Nous regardons cela tout de suite "
    "et revenons vers vous aujourd'hui."
)
RUDE_REPLY = "VOUS AURIEZ DÛ LIRE LA NOTICE !!! Profitez de notre promo -20% !!"


class StepFailure(AssertionError):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise StepFailure(message)


def fold(text: str) -> str:
    """Lower case without accents, as the server's search folds text."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class BrowserTest:
    def __init__(self, base: str, out: Path, chromedriver: str, agent_name: str) -> None:
        self.base = base.rstrip("/")
        self.out = out
        self.chromedriver = chromedriver
        self.agent_name = agent_name
        self.drivers: dict[str, WebDriver] = {}
        self.passed: list[str] = []
        self.failed: list[str] = []
        self.notes: list[str] = []
        self.shot_number = 0
        self.entry_url: str | None = None

    # ----------------------------------------------------------- browsers

    def driver(self, language: str) -> WebDriver:
        """One browser per interface language: "en" (en-GB) or "fr" (fr-FR)."""
        if language in self.drivers:
            return self.drivers[language]
        locale = {"en": "en-GB", "fr": "fr-FR"}[language]
        options = webdriver.ChromeOptions()
        options.binary_location = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
        for argument in (
            "--headless=new",
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            f"--window-size={WINDOW[0]},{WINDOW[1]}",
            f"--lang={locale}",
        ):
            options.add_argument(argument)
        options.add_experimental_option("prefs", {"intl.accept_languages": f"{locale},{language}"})
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(options=options, service=Service(self.chromedriver))
        driver.set_window_size(*WINDOW)
        driver.set_page_load_timeout(30)
        self.drivers[language] = driver
        return driver

    def quit(self) -> None:
        for driver in self.drivers.values():
            try:
                driver.quit()
            except Exception:  # noqa: BLE001 - closing down anyway
                pass

    # ------------------------------------------------------------ helpers

    def url(self, path: str) -> str:
        return urljoin(self.base + "/", path.lstrip("/"))

    @staticmethod
    def wait(driver: WebDriver, seconds: float = WAIT_SECONDS) -> WebDriverWait:
        return WebDriverWait(driver, seconds)

    def find(self, driver: WebDriver, css: str, what: str | None = None):
        try:
            return self.wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))
        except TimeoutException:
            raise StepFailure(
                f"no {what or css!r} ({css}) on {driver.current_url} after {WAIT_SECONDS} s; "
                f"title {driver.title!r}"
            ) from None

    def click_and_wait_for_new_page(self, driver: WebDriver, css: str) -> None:
        """Clicks a submit button or link and waits until another document is loaded.

        The old document is recognised by a mark set on its window, not by holding one of its
        elements: asking Chromium about an element while its document is being replaced can
        fail with "Node with given id does not belong to the document" instead of the stale-element
        error Selenium's `staleness_of` expects (seen once in CI). While the page changes, such
        errors only mean "not yet" (the last one is reported if no page comes); a lost session or
        window is reported at once.
        """
        button = self.find(driver, css)
        driver.execute_script("window.__babillardOldPage = true;")
        button.click()
        last_error: list[str] = []

        def new_page_loaded(d: WebDriver) -> bool:
            try:
                return bool(d.execute_script(
                    "return window.__babillardOldPage === undefined && document.readyState === 'complete'"
                ))
            except (InvalidSessionIdException, NoSuchWindowException):
                raise
            except WebDriverException as error:
                last_error[:] = [str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__]
                return False

        try:
            self.wait(driver).until(new_page_loaded)
        except TimeoutException:
            detail = f" (last error while waiting: {last_error[0]})" if last_error else ""
            raise StepFailure(
                f"clicking {css} on {driver.current_url} loaded no new page in {WAIT_SECONDS} s{detail}"
            ) from None

    @staticmethod
    def path_of(driver: WebDriver) -> str:
        return urlparse(driver.current_url).path

    @staticmethod
    def text_of(element) -> str:
        return (element.get_attribute("textContent") or "").strip()

    def screenshot(self, driver: WebDriver, name: str) -> Path:
        """Full-page capture at the window's width (CDP), falling back to the viewport."""
        if not name.startswith("FAILED-"):
            self.shot_number += 1
            name = f"{self.shot_number:02d}-{name}"
        path = self.out / f"{name}.png"
        try:
            height = int(driver.execute_script(
                "return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)"
            ))
            height = max(min(height, MAX_SHOT_HEIGHT), 1)
            data = driver.execute_cdp_cmd("Page.captureScreenshot", {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": WINDOW[0], "height": height, "scale": 1},
            })
            path.write_bytes(base64.b64decode(data["data"]))
        except Exception:  # noqa: BLE001 - a plain screenshot is still worth having
            driver.save_screenshot(str(path))
        return path

    def console_errors(self, driver: WebDriver) -> list[str]:
        try:
            return [e["message"] for e in driver.get_log("browser")
                    if e.get("level") == "SEVERE" and "favicon.ico" not in e.get("message", "")]
        except Exception:  # noqa: BLE001 - logs are a help, not a requirement
            return []

    def sign_in(self, driver: WebDriver, email: str, password: str, shot: str | None = None) -> None:
        driver.get(self.url("/login"))
        self.find(driver, "#email", "e-mail field")
        if shot:
            self.screenshot(driver, shot)
        email_field = driver.find_element(By.CSS_SELECTOR, "#email")
        email_field.clear()
        email_field.send_keys(email)
        password_field = driver.find_element(By.CSS_SELECTOR, "#password")
        password_field.clear()
        password_field.send_keys(password)
        self.click_and_wait_for_new_page(driver, "#login-submit")
        try:
            self.wait(driver).until(lambda d: self.path_of(d).endswith("/w/1/overview"))
        except TimeoutException:
            messages = [self.text_of(e) for e in driver.find_elements(By.CSS_SELECTOR, "[role=alert], .error, .warning")]
            raise StepFailure(
                f"signing in as {email} landed on {driver.current_url}, not on .../w/1/overview "
                f"(title {driver.title!r}, messages {messages})"
            ) from None

    def signed_in(self, driver: WebDriver) -> bool:
        return bool(driver.find_elements(By.CSS_SELECTOR, "form[action='/logout'] button"))

    def ensure_signed_in(self, language: str, email: str, password: str) -> WebDriver:
        driver = self.driver(language)
        if not driver.current_url.startswith(self.base) or not self.signed_in(driver):
            self.sign_in(driver, email, password)
        return driver

    # -------------------------------------------------------------- steps

    def step_a_login_overview(self) -> str:
        driver = self.driver("en")
        self.sign_in(driver, OWNER_EMAIL, OWNER_PASSWORD, shot="login")
        lang = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
        self.screenshot(driver, "overview")
        check(lang == "en", f"html lang is {lang!r} on the English overview, expected 'en'")
        headings = [self.text_of(h) for h in driver.find_elements(By.TAG_NAME, "h1")]
        check(any("Overview" in h for h in headings), f"no h1 containing 'Overview' (h1s: {headings})")
        charts = driver.find_elements(By.CSS_SELECTOR, "svg.chart[role=img]")
        check(len(charts) >= 2, f"{len(charts)} svg.chart[role=img] on the overview, expected at least 2")
        titles = []
        for index, chart in enumerate(charts):
            title_elements = chart.find_elements(By.CSS_SELECTOR, ":scope > title")
            check(bool(title_elements), f"chart #{index + 1} (aria-labelledby={chart.get_attribute('aria-labelledby')!r}) has no <title> child")
            title = self.text_of(title_elements[0])
            check(title != "", f"chart #{index + 1} has an empty <title>")
            titles.append(title)
        volume = driver.find_elements(By.CSS_SELECTOR, "svg[aria-labelledby^=volume]")
        check(bool(volume), "no volume chart (svg[aria-labelledby^=volume]) on the overview")
        rects = volume[0].find_elements(By.CSS_SELECTOR, "rect")
        check(bool(rects), "the volume chart has no <rect>")
        return f"{len(charts)} charts ({'; '.join(t[:40] for t in titles)}), {len(rects)} rects in the volume chart"

    def mentions_matching(self, driver: WebDriver, word: str) -> tuple[int, int]:
        articles = driver.find_elements(By.CSS_SELECTOR, "article.mention")
        matching = sum(1 for a in articles if fold(word) in fold(self.text_of(a)))
        return len(articles), matching

    def step_b_mentions_search(self) -> str:
        driver = self.ensure_signed_in("en", OWNER_EMAIL, OWNER_PASSWORD)
        driver.get(self.url("/w/1/mentions?q=livraison"))
        self.find(driver, "#q", "search field")
        self.screenshot(driver, "mentions-livraison")
        total, matching = self.mentions_matching(driver, "livraison")
        check(total > 0, f"no article.mention on {driver.current_url}")
        check(matching > 0, f"none of the {total} mentions for q=livraison contains 'livraison' (accents and case folded)")
        found = f"livraison: {matching}/{total} mentions contain the word"

        used = None
        for word in ("croissant", "pain"):
            field = self.find(driver, "#q", "search field")
            field.clear()
            field.send_keys(word)
            self.click_and_wait_for_new_page(driver, "#search-submit")
            query = parse_qs(urlparse(driver.current_url).query).get("q", [""])[0]
            check(query == word, f"after submitting the form the URL is {driver.current_url}, q={query!r}, expected {word!r}")
            total, matching = self.mentions_matching(driver, word)
            self.screenshot(driver, f"mentions-{word}")
            if total > 0:
                used = word
                break
        check(used is not None, "the search form gave no results for 'croissant' nor for 'pain'")
        if used != "croissant":
            self.notes.append(f"form search used {used!r} because 'croissant' gave no results")
        return f"{found}; form search {used!r}: {total} mentions, {matching} containing the word"

    def step_c_inbox(self) -> str:
        driver = self.ensure_signed_in("en", OWNER_EMAIL, OWNER_PASSWORD)
        driver.get(self.url("/w/1/inbox"))
        self.find(driver, "li.inbox-entry", "inbox entry (li.inbox-entry)")
        entries = driver.find_elements(By.CSS_SELECTOR, "li.inbox-entry")
        self.screenshot(driver, "inbox")
        self.click_and_wait_for_new_page(driver, "li.inbox-entry a.open")
        path = self.path_of(driver)
        parts = path.strip("/").split("/")
        check(len(parts) == 4 and parts[:3] == ["w", "1", "inbox"] and parts[3].isdigit(),
              f"opening the first entry led to {driver.current_url}, expected /w/1/inbox/<id>")
        self.entry_url = driver.current_url.split("?")[0].split("#")[0]
        self.screenshot(driver, "inbox-entry")

        # Assign to the agent.
        select = Select(self.find(driver, "select#assignee", "assignee list"))
        options = [o.text.strip() for o in select.options]
        wanted = self.agent_name if self.agent_name in options else AGENT_EMAIL
        check(wanted in options, f"neither {self.agent_name!r} nor {AGENT_EMAIL!r} among the assignees {options}")
        if wanted != self.agent_name:
            self.notes.append(f"assignee list shows the agent as {wanted!r}, not {self.agent_name!r}")
        select.select_by_visible_text(wanted)
        self.click_and_wait_for_new_page(driver, "#assign-submit")
        driver.get(self.entry_url)  # a reload, without re-posting anything
        assignee = self.text_of(self.find(driver, "#entry-assignee", "assignee shown on the entry"))
        check(wanted in assignee, f"#entry-assignee reads {assignee!r} after assigning {wanted!r}")
        self.screenshot(driver, "inbox-entry-assigned")

        # A courteous reply: the tone check passes.
        body = self.find(driver, "#reply-body", "reply field")
        body.clear()
        body.send_keys(COURTEOUS_REPLY)
        self.click_and_wait_for_new_page(driver, "#reply-check")
        self.find(driver, "#tone-ok", "tone OK notice (#tone-ok) after checking the courteous reply")
        self.screenshot(driver, "reply-tone-ok")
        draft = self.find(driver, "#reply-body").get_property("value")
        check(draft == COURTEOUS_REPLY, f"after the tone check the reply field holds {draft!r}, not the draft typed")

        # Send it: the entry waits for the author and the history shows the reply.
        self.click_and_wait_for_new_page(driver, "#reply-submit")
        state = self.text_of(self.find(driver, "#entry-state", "entry state"))
        history = self.text_of(self.find(driver, "ol.events", "history (ol.events)"))
        self.screenshot(driver, "reply-sent")
        check(state == "Waiting", f"#entry-state reads {state!r} after the reply was sent (URL {driver.current_url}), expected 'Waiting'")
        check(COURTEOUS_REPLY in history, f"the history (ol.events) does not contain the reply; it reads {history[:300]!r}")

        # A rude, promotional reply: the tone check warns.
        body = self.find(driver, "#reply-body", "reply field")
        body.clear()
        body.send_keys(RUDE_REPLY)
        self.click_and_wait_for_new_page(driver, "#reply-check")
        warnings = self.find(driver, "#tone-warnings", "tone warnings (#tone-warnings) after checking the rude reply")
        items = [self.text_of(li) for li in warnings.find_elements(By.CSS_SELECTOR, "li")]
        self.screenshot(driver, "reply-tone-warnings")
        return (f"{len(entries)} entries listed; {path} assigned to {wanted!r}; reply sent, state Waiting; "
                f"tone warnings: {items}")

    def step_d_french(self) -> str:
        driver = self.driver("fr")
        self.sign_in(driver, AGENT_EMAIL, AGENT_PASSWORD)
        lang = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
        self.screenshot(driver, "fr-overview")
        check(lang == "fr", f"html lang is {lang!r} for a browser asking for fr-FR, expected 'fr'")
        nav = self.text_of(self.find(driver, "header nav", "navigation"))
        for label in ("Boîte de réception", "Vue d'ensemble"):
            check(label in nav, f"the French navigation lacks {label!r}; it reads {' '.join(nav.split())!r}")
        driver.get(self.url("/w/1/inbox"))
        self.find(driver, "h1", "inbox heading")
        lang = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
        entries = driver.find_elements(By.CSS_SELECTOR, "li.inbox-entry")
        self.screenshot(driver, "fr-inbox")
        check(lang == "fr", f"html lang is {lang!r} on the French inbox")
        return f"html lang=fr, navigation in French, inbox shows {len(entries)} entries to the agent"

    def step_e_sign_out(self) -> str:
        results = []
        for language, email, password, label in (
            ("fr", AGENT_EMAIL, AGENT_PASSWORD, "Se déconnecter"),
            ("en", OWNER_EMAIL, OWNER_PASSWORD, "Sign out"),
        ):
            driver = self.ensure_signed_in(language, email, password)
            driver.get(self.url("/w/1/overview"))
            button = self.find(driver, "form[action='/logout'] button", "sign-out button")
            text = self.text_of(button)
            check(text == label, f"the sign-out button reads {text!r} in the {language} interface, expected {label!r}")
            self.click_and_wait_for_new_page(driver, "form[action='/logout'] button")
            self.screenshot(driver, f"signed-out-{language}")
            driver.get(self.url("/w/1/overview"))
            try:
                self.wait(driver).until(lambda d: self.path_of(d) == "/login")
            except TimeoutException:
                raise StepFailure(
                    f"after signing out ({language}), /w/1/overview ended on {driver.current_url}, not on /login "
                    f"(title {driver.title!r})"
                ) from None
            results.append(f"{label!r} → /login")
        self.screenshot(self.drivers["en"], "login-after-sign-out")
        return ", ".join(results)

    # ---------------------------------------------------------------- run

    def run(self) -> int:
        steps = [
            ("a-login-overview", self.step_a_login_overview),
            ("b-mentions-search", self.step_b_mentions_search),
            ("c-inbox", self.step_c_inbox),
            ("d-french", self.step_d_french),
            ("e-sign-out", self.step_e_sign_out),
        ]
        try:
            for name, step in steps:
                try:
                    detail = step()
                except Exception as error:  # noqa: BLE001 - every step is reported
                    self.failed.append(name)
                    print(f"FAIL {name}: {error}", flush=True)
                    traceback.print_exc()
                    sys.stderr.flush()
                    self.save_failure(name)
                else:
                    self.passed.append(name)
                    print(f"ok   {name}: {detail}", flush=True)
                # A page that works but whose style sheet or script fails to load (404, wrong type)
                # looks broken to its user: an error in the browser's console fails the step.
                errors = [(language, message) for language, driver in list(self.drivers.items())
                          for message in self.console_errors(driver)]
                for language, message in errors:
                    print(f"     console error ({language}) during {name}: {message}", flush=True)
                if errors and name in self.passed:
                    self.passed.remove(name)
                    self.failed.append(name)
                    print(f"FAIL {name}: {len(errors)} error(s) in the browser's console", flush=True)
        finally:
            self.quit()
        for note in self.notes:
            print(f"note: {note}")
        print(f"screenshots in {self.out}")
        print(f"{len(self.passed)} passed, {len(self.failed)} failed")
        return 0 if not self.failed else 1

    def save_failure(self, name: str) -> None:
        # The browser used last by the step is the one most worth looking at.
        for language, driver in self.drivers.items():
            suffix = "" if len(self.drivers) == 1 else f"-{language}"
            try:
                shot = self.screenshot(driver, f"FAILED-{name}{suffix}")
                source = self.out / f"FAILED-{name}{suffix}.html"
                source.write_text(f"<!-- {driver.current_url} -->\n" + driver.page_source, encoding="utf-8")
                print(f"     saved {shot} and {source} ({driver.current_url})", flush=True)
            except Exception as error:  # noqa: BLE001
                print(f"     could not save the failure of {name} ({language}): {error}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="the workbench's address, e.g. http://127.0.0.1:8080")
    parser.add_argument("--screenshots", default="artifacts/screenshots", help="where screenshots go")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    parser.add_argument("--agent-name", default="Agnès Agent",
                        help="the agent's display name (their e-mail address if it was created without one)")
    arguments = parser.parse_args()
    out = Path(arguments.screenshots)
    out.mkdir(parents=True, exist_ok=True)
    for old in list(out.glob("[0-9][0-9]-*.png")) + list(out.glob("FAILED-*.png")) + list(out.glob("FAILED-*.html")):
        old.unlink()  # only what an earlier run of this test wrote
    return BrowserTest(arguments.base, out, arguments.chromedriver, arguments.agent_name).run()


if __name__ == "__main__":
    sys.exit(main())
