"""Strings of Django itself that its Finnish and Swedish catalogues do not translate yet (Django 6.1).

Marked here so that ``make messages`` puts them into the portal's own catalogue, which translates
them; LOCALE_PATHS come before Django's catalogues, so every form then shows them translated.
"""

from django.utils.translation import gettext_noop, pgettext_lazy

DJANGO_STRINGS = [
    gettext_noop("- Select an option -"),  # django.db.models.fields.BLANK_CHOICE_LABEL
    gettext_noop("Run"),  # admin/actions.html: the button that runs the chosen action
    gettext_noop("Change or view list link"),  # admin/app_list.html: a column heading for screen readers
    # django.tasks.TaskResultStatus, shown in the task list of the admin (pgettext_lazy: makemessages
    # knows no pgettext_noop, and marked strings it does not see turn obsolete)
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
]
