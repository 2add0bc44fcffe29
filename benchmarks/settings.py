"""Settings of the benchmark's gunicorn servers: the real settings plus a bare view to compare with."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
