"""Sending invitations and password resets by mail, where a mail server is configured."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from corridor.config import get_settings
from corridor.errors import Code, CorridorError

TIMEOUT = 20  # seconds for the whole conversation with the mail server


def configured() -> bool:
    return bool(get_settings().smtp_host)


def send(to: str, subject: str, body: str) -> None:
    settings = get_settings()
    if not settings.smtp_host:
        raise CorridorError(Code.E614)
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT) as smtp:
            if settings.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password or "")
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise CorridorError(Code.E109, settings.smtp_host, url=f"smtp://{settings.smtp_host}",
                            detail=type(exc).__name__) from None
