"""The projects fixtures serve the funding tests too."""

from tests.projects.conftest import member, project, sub_coordinator, sub_implementer  # noqa: F401
