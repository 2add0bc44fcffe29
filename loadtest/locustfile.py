"""The main pages of every persona, for ``make loadtest`` (locust, headless).

Each simulated user logs in through the real login form as one of the demo personas and then reads
that persona's main pages. Only reads: the figures stay as the demo loaded them.
"""

import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = os.environ.get("DEMO_PASSWORD", "jalkihuolto-demo")
PAGES = {
    "koordinaattori": ["/", "/projects/", "/projects/{project}/", "/funding/projects/{project}/budget/"],
    "jasen": ["/", "/governance/", "/governance/meetings/{meeting}/"],
    "esihenkilo-varha": ["/aftercare/", "/aftercare/overview/", "/aftercare/areas/varha/"],
    "esihenkilo-pp": ["/aftercare/", "/aftercare/overview/", "/aftercare/completeness/"],
}
IDS = {"project": os.environ.get("LOAD_PROJECT", "1"), "meeting": os.environ.get("LOAD_MEETING", "1")}


class Persona(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self):
        self.username = random.choice(list(PAGES))
        page = self.client.get("/accounts/login/", name="login page")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        self.client.post(
            "/accounts/login/",
            {
                "login": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="login",
        )

    @task
    def read(self):
        path = random.choice(PAGES[self.username]).format(**IDS)
        self.client.get(path, name=path)
