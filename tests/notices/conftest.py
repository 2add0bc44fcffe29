"""Notice fixtures: people with e-mail addresses, one of whom reads Swedish."""

import pytest

from tests.governance.factories import UserFactory
from tests.notices.factories import ProfileFactory


@pytest.fixture
def reader(db):
    """Someone with an e-mail address and the default language (Finnish)."""
    return UserFactory(username="reader", email="reader@example.fi")


@pytest.fixture
def swedish_reader(db):
    user = UserFactory(username="lasare", email="lasare@example.fi")
    ProfileFactory(user=user, language="sv")
    return user


from tests.notices.smtp import smtp_mailer, smtp_sink  # noqa: E402, F401 - fixtures
