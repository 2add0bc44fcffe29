"""Every page each persona reaches through the portal's own links, on a phone and to axe.

The crawl starts at the front page and follows every link in the portal (downloads aside), so a new
page is checked the moment a menu or a page links to it. On each page, at 390 px:
- the page answers 200 (no menu item or card leads to a 403 or 404);
- the page is no wider than the screen (wide tables scroll inside their own region);
- axe-core finds no violation of WCAG 2.1 A or AA;
- nothing is left in English on a Finnish or Swedish page (texts, placeholders, labels).
"""

from collections import deque
from urllib.parse import urldefrag, urlsplit

import pyotp
import pytest
from allauth.mfa.totp.internal.auth import TOTP
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model

from tests.conftest import PASSWORD
from tests.governance.factories import TOTP_SECRET
from tests.languages import left_in_english

PHONE = {"width": 390, "height": 844}
PERSONAS = [
    ("koordinaattori", "fi"),
    ("jasen", "fi"),
    ("esihenkilo-varha", "fi"),
    ("esihenkilo-pp", "fi"),
    ("admin", "fi"),
    ("koordinaattori", "sv"),
    ("esihenkilo-pp", "sv"),
]
LANGUAGE_BUTTON = {"fi": "Suomi", "sv": "Svenska"}
# Files, not pages; logging out ends the crawl; the admin is Django's own (checked separately).
SKIP = ("/accounts/logout", "/pdf", "/xlsx", "/csv", "/export", "/template", ".pdf", ".xlsx", ".csv", ".ics")
MAX_PAGES = 40
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
# Every text a person meets: text nodes, and the attributes that are read out or shown.
TEXTS_JS = """() => {
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const parent = walker.currentNode.parentElement;
    if (parent && !parent.closest("script, style")) texts.push(walker.currentNode.textContent.trim());
  }
  document.querySelectorAll("[placeholder], [aria-label], [title], [alt], input[type=submit]").forEach(e => {
    for (const name of ["placeholder", "aria-label", "title", "alt", "value"]) {
      const shown = name !== "value" || e.type === "submit";
      if (e.hasAttribute(name) && shown) texts.push(e.getAttribute(name).trim());
    }
  });
  return texts.filter(Boolean);
}"""


def crawl(page, base: str):
    """Breadth-first over the portal's links from the front page; yields (path, status)."""
    seen, queue = {"/"}, deque(["/"])
    while queue and len(seen) <= MAX_PAGES:
        path = queue.popleft()
        response = page.goto(base + path)
        yield path, response.status if response else None
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
        for href in hrefs:
            target = urldefrag(href)[0]
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("/admin"):
                continue
            if any(marker in target for marker in SKIP) or target in seen:
                continue
            seen.add(target)
            queue.append(target)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("username", "language"), PERSONAS)
def test_every_reachable_page_fits_a_phone_and_passes_axe(live_server, browser, demo, username, language):
    user = get_user_model().objects.get(username=username)
    context = browser.new_context(viewport=PHONE, locale="fi-FI", bypass_csp=True)
    page = context.new_page()
    if user.is_staff:  # administrators must have a second factor (accounts.middleware)
        TOTP.activate(user, TOTP_SECRET)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    if user.is_staff:
        page.fill("input[name=code]", pyotp.TOTP(TOTP_SECRET).now())
        page.press("input[name=code]", "Enter")
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("button", name="Valikko").click()  # the menu is behind a disclosure button on a phone
    with page.expect_navigation():
        page.get_by_role("button", name=LANGUAGE_BUTTON[language]).click()
    assert page.locator("html").get_attribute("lang") == language
    axe = Axe()
    problems, visited = [], 0
    for path, status in crawl(page, live_server.url):
        visited += 1
        if status != 200:
            problems.append(f"{path}: HTTP {status}")
            continue
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems.append(f"{path}: {width} px wide at {PHONE['width']} px")
        for text in left_in_english(page.evaluate(TEXTS_JS), language):
            problems.append(f"{path}: left in English: {text!r}")
        result = axe.run(page, options=AXE_OPTIONS)
        for violation in result.response["violations"]:
            targets = [node["target"] for node in violation["nodes"][:3]]
            problems.append(f"{path}: axe {violation['id']} ({violation['impact']}) {targets}")
    context.close()
    assert visited > 3, visited
    assert not problems, "\n".join(problems)
