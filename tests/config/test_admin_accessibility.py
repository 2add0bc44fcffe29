"""The admin pages administrators use: every changelist and add form, to axe and in Finnish.

The admin is Django's own, with the portal's templates and a small script on top
(static/admin/js/portal-a11y.js); this test holds it to the same bar as the portal's pages.
"""

from urllib.parse import urlsplit

import pyotp
import pytest
from allauth.mfa.totp.internal.auth import TOTP
from axe_playwright_python.sync_playwright import Axe
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.config.test_browser_crawl import AXE_OPTIONS, TEXTS_JS
from tests.conftest import PASSWORD
from tests.governance.factories import TOTP_SECRET
from tests.languages import left_in_english


def admin_pages() -> list[str]:
    """The index, and each registered model's changelist and add form."""
    paths = [reverse("admin:index")]
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        paths += [reverse("admin:{}_{}_changelist".format(*info)), reverse("admin:{}_{}_add".format(*info))]
    return paths


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_admin_pages_pass_axe_and_speak_finnish(live_server, browser, demo):
    user = get_user_model().objects.get(username="admin")
    TOTP.activate(user, TOTP_SECRET)
    context = browser.new_context(locale="fi-FI", bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.fill("input[name=code]", pyotp.TOTP(TOTP_SECRET).now())
    page.press("input[name=code]", "Enter")
    page.wait_for_url(f"{live_server.url}/")
    axe = Axe()
    problems, checked = [], 0
    for path in admin_pages():
        response = page.goto(live_server.url + path)
        if response.status == 403:  # the admin refuses adding some things (e.g. history, sessions)
            continue
        if response.status != 200:
            problems.append(f"{path}: HTTP {response.status}")
            continue
        checked += 1
        for text in left_in_english(page.evaluate(TEXTS_JS), "fi"):
            problems.append(f"{urlsplit(page.url).path}: left in English: {text!r}")
        for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
            targets = [node["target"] for node in violation["nodes"][:3]]
            problems.append(f"{path}: axe {violation['id']} ({violation['impact']}) {targets}")
    context.close()
    assert checked > 20, checked
    assert not problems, "\n".join(problems)
