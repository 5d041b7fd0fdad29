"""What the integration tests that receive reminder mail share: a free local port, and an
aiosmtpd handler that keeps every message it is given, parsed."""

import email
import email.policy
import socket


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """An aiosmtpd handler: every message accepted, parsed with the default policy."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(envelope.original_content, policy=email.policy.default))
        return "250 OK"
