"""Content-Security-Policy (issue 10, hardening): the admin, an import screen and the language switch
work in a real browser with the policy on, and the browser reports no violation."""

import contextlib

import pytest
from django.conf import settings
from django.test import Client

from tests.aftercare.factories import ReportingPeriodFactory
from tests.governance.factories import AreaManagerFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def _signed_in(page, live_server, user):
    """The browser carries a session of ``user`` (made by the test client: no password typed)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.add_init_script(WATCH)
    messages = []
    page.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)
    return messages


def _violations(page, console) -> list[str]:
    return [*page.evaluate("window.__csp || []"), *console]


def test_the_policy_header_is_sent_without_unsafe_inline_scripts(client):
    response = client.get("/accessibility/")
    policy = response["Content-Security-Policy"]
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "'self'" in script_src and "unsafe-inline" not in script_src and "unsafe-eval" not in script_src


def test_the_admin_works_with_no_violation(live_server, page):
    admin = UserFactory(username="yllapitaja", is_staff=True, is_superuser=True)
    console = _signed_in(page, live_server, admin)
    page.goto(f"{live_server.url}/admin/")
    assert page.locator("#content").count() == 1
    page.goto(f"{live_server.url}/admin/aftercare/reportingperiod/add/")
    page.locator("#id_start").fill("1.1.2030")
    page.locator("#id_end").fill("31.3.2030")
    page.locator("#id_frequency").select_option("quarter")
    page.locator("input[name=_save]").click()
    page.wait_for_url(f"{live_server.url}/admin/aftercare/reportingperiod/")
    # The admin's own scripts ran: the changelist's select-all checkbox ticks every row.
    page.locator("#action-toggle").check()
    assert page.locator("input.action-select:checked").count() >= 1
    assert _violations(page, console) == []


def test_an_import_screen_and_the_language_switch_work_with_no_violation(live_server, page):
    manager = UserFactory(username="esihenkilo")
    area = AreaManagerFactory(user=manager).wellbeing_area
    period = ReportingPeriodFactory(open=True)
    console = _signed_in(page, live_server, manager)
    page.goto(f"{live_server.url}/aftercare/areas/{area.slug}/{period.pk}/import/")
    assert page.locator("input[type=file]").count() == 1
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "luvut.csv", "mimeType": "text/csv", "buffer": b"not;a;valid;file\n"}]
    )
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator("[role=alert], .errorlist").count() >= 1  # the file is refused with a message
    page.get_by_role("button", name="Svenska").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sv"
    assert _violations(page, console) == []


def test_the_watch_sees_a_violation(live_server, page):
    """The check above can fail: an inline script is refused and reported."""
    console = _signed_in(page, live_server, UserFactory(username="kuka-tahansa"))
    page.goto(f"{live_server.url}/accessibility/")
    with contextlib.suppress(Exception):  # Playwright reports the refused script as an error
        page.add_script_tag(content="window.inlineRan = true;")
    assert page.evaluate("window.inlineRan === true") is False
    assert any("script-src" in v for v in _violations(page, console))
