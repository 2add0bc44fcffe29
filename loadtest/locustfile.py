"""The main pages of every persona, for ``make loadtest`` (locust, headless).

Each simulated user logs in through the real login form as one of the demo personas and then reads
that persona's main pages. Only reads: the figures stay as the demo loaded them.
"""

import os
import random

from locust import HttpUser, between, task

PAGES = {
    "koordinaattori": ["/", "/projects/", "/projects/{project}/", "/funding/projects/{project}/budget/"],
    "jasen": ["/", "/governance/", "/governance/meetings/{meeting}/"],
    "esihenkilo-varha": ["/aftercare/", "/aftercare/overview/", "/aftercare/areas/varha/"],
    "esihenkilo-pp": ["/aftercare/", "/aftercare/overview/", "/aftercare/completeness/"],
}
IDS = {"project": os.environ.get("LOAD_PROJECT", "1"), "meeting": os.environ.get("LOAD_MEETING", "1")}


SESSIONS = dict(pair.split("=", 1) for pair in os.environ.get("LOAD_SESSIONS", "").split(",") if pair)


class Persona(HttpUser):
    """One of the personas, signed in once by loadtest/run.py through the real login form: 50 users
    hashing passwords at the same second would measure PBKDF2, not the pages."""

    wait_time = between(0.5, 2)

    def on_start(self):
        self.username = random.choice(list(PAGES))
        self.client.cookies.set("sessionid", SESSIONS.get(self.username, ""))

    @task
    def read(self):
        path = random.choice(PAGES[self.username]).format(**IDS)
        self.client.get(path, name=path)
