"""E-mail libraries whose calls send mail."""

from __future__ import annotations

PY_EMAIL_ROOTS = frozenset({"smtplib", "yagmail", "sendgrid", "resend", "postmark", "mailjet_rest", "aiosmtplib"})
TS_EMAIL_MODULES = frozenset({"nodemailer", "resend", "@sendgrid/mail", "postmark", "mailgun.js", "mailgun-js",
                            "@aws-sdk/client-ses", "@aws-sdk/client-sesv2", "@mailchimp/mailchimp_transactional",
                            "emailjs", "@react-email/render"})
