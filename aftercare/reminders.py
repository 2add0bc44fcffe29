"""Scheduled reminders of aftercare (run by ``manage.py send_reminders``)."""

from aftercare.notifications import remind_periods
from notices.reminders import register

register("aftercare.periods")(remind_periods)
