"""A real SMTP server for tests: ``smtp_sink`` (aiosmtpd on 127.0.0.1) and ``smtp_mailer`` (the
portal's mailer pointed at it). Import both into a conftest or test module to use them."""

import pytest


class _Sink:
    """Messages an SMTP server on 127.0.0.1 received: (envelope recipients, parsed message)."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        from email import message_from_bytes, policy

        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"


@pytest.fixture
def smtp_sink():
    """A real SMTP server (aiosmtpd) on a free port of 127.0.0.1 for the test's length."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = _Sink()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    handler.port = port
    handler.url = f"smtp://127.0.0.1:{port}"
    yield handler
    controller.stop()


@pytest.fixture
def smtp_mailer(settings, smtp_sink):
    """The portal's mailer pointed at the sink (in this process)."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": smtp_sink.port, "timeout": 5},
        }
    }
    return smtp_sink
