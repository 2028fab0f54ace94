"""Detectors for unredacted sensitive values in trace text, each validated and shown only masked.

Two speeds. `candidate_offsets` runs over whole blocks of raw trace bytes: a byte translation
and literal `find`s (memchr speed) locate the few places worth a regular expression, and each is
validated on the spot (Luhn, IBAN mod 97, SSN ranges), so clean lines cost almost nothing.
`scan_value` then runs on the decoded values of the few lines that had a candidate, to name the
field. Nothing here returns or raises with a sensitive value in it; `Hit.masked` is the only form
that leaves this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from parr.secrets import CREDENTIAL_BOUNDARY, CREDENTIAL_RULES
from parr.traces.events import loads_line

Kind = Literal["email", "phone", "payment_card", "iban", "national_id", "secret", "document_body", "redacted_field"]

KIND_LABELS: dict[str, str] = {
    "email": "e-mail address",
    "phone": "phone number",
    "payment_card": "payment card number",
    "iban": "IBAN",
    "national_id": "national id",
    "secret": "API key or token",
    "document_body": "raw document body",
    "redacted_field": "clear value in a field declared redacted",
}


KIND_PLURALS: dict[str, str] = {
    "email": "e-mail addresses",
    "phone": "phone numbers",
    "payment_card": "payment card numbers",
    "iban": "IBANs",
    "national_id": "national ids",
    "secret": "API keys or tokens",
    "document_body": "raw document bodies",
    "redacted_field": "clear values in fields declared redacted",
}


def counted(count: int, kind: str) -> str:
    """'1 e-mail address', '3 e-mail addresses'."""
    return f"{count} {KIND_LABELS[kind] if count == 1 else KIND_PLURALS[kind]}"


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    masked: str
    detail: str = ""  # e.g. "Visa", "AWS access key id", "US SSN"


# ---- validators ----------------------------------------------------------------------------


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def card_network(digits: str) -> str | None:
    """The card network for a number's issuer prefix and length, or None when no network issues it."""
    n = len(digits)
    two, three, four, six = int(digits[:2]), int(digits[:3]), int(digits[:4]), int(digits[:6])
    if digits[0] == "4" and n in (13, 16, 19):
        return "Visa"
    if (51 <= two <= 55 or 222100 <= six <= 272099) and n == 16:
        return "Mastercard"
    if two in (34, 37) and n == 15:
        return "American Express"
    if (four == 6011 or two == 65 or 644 <= three <= 649 or 622126 <= six <= 622925) and 16 <= n <= 19:
        return "Discover"
    if 3528 <= four <= 3589 and 16 <= n <= 19:
        return "JCB"
    if (300 <= three <= 305 or two in (36, 38, 39) or four == 3095) and 14 <= n <= 19:
        return "Diners Club"
    if two == 62 and 16 <= n <= 19:
        return "UnionPay"
    if (two in (50, 56, 57, 58) or two == 67 or two == 63) and 12 <= n <= 19:
        return "Maestro"
    return None


# IBAN lengths by country (ISO 13616 registry); a country not listed is not an IBAN.
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
    "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
    "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
    "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
    "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
    "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29,
    "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28,
    "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}


def iban_ok(compact: str) -> bool:
    if IBAN_LENGTHS.get(compact[:2]) != len(compact):
        return False
    moved = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in moved)
    return int(number) % 97 == 1


def ssn_ok(area: str, group: str, serial: str) -> bool:
    """US SSN ranges: no area 000, 666 or 9xx, no group 00, no serial 0000."""
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


_VERHOEFF_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 2, 3, 4, 0, 6, 7, 8, 9, 5), (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7), (4, 0, 1, 2, 3, 9, 5, 6, 7, 8), (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2), (7, 6, 5, 9, 8, 2, 1, 0, 4, 3), (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_VERHOEFF_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 5, 7, 6, 2, 8, 3, 0, 9, 4), (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7), (9, 4, 5, 3, 1, 2, 6, 8, 7, 0), (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5), (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)


def verhoeff_ok(digits: str) -> bool:
    """The Verhoeff check (Aadhaar's last digit): the dihedral-group checksum of all digits is 0."""
    check = 0
    for i, ch in enumerate(reversed(digits)):
        check = _VERHOEFF_D[check][_VERHOEFF_P[i % 8][ord(ch) - 48]]
    return check == 0


def aadhaar_ok(digits: str) -> bool:
    """12 digits, not starting with 0 or 1 (never issued), Verhoeff check digit last."""
    return len(digits) == 12 and digits[0] not in "01" and len(set(digits)) > 1 and verhoeff_ok(digits)


def sin_ok(digits: str) -> bool:
    """Canada's SIN: 9 digits, Luhn; 0 is never issued and 8 is a business number."""
    return len(digits) == 9 and digits[0] not in "08" and len(set(digits)) > 1 and luhn_ok(digits)


def cpf_ok(digits: str) -> bool:
    """Brazil's CPF: 11 digits whose last two are mod-11 check digits over the first 9 and 10."""
    if len(digits) != 11 or len(set(digits)) == 1:
        return False
    numbers = [ord(ch) - 48 for ch in digits]
    for length in (9, 10):
        total = sum(n * (length + 1 - i) for i, n in enumerate(numbers[:length]))
        check = (total * 10) % 11 % 10
        if check != numbers[length]:
            return False
    return True


_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def dni_ok(text: str) -> bool:
    """Spain's DNI (8 digits) or NIE (X, Y or Z and 7 digits): the letter is the number mod 23."""
    compact = text.replace("-", "").replace(" ", "").upper()
    head, letter = compact[:-1], compact[-1]
    if head[:1] in ("X", "Y", "Z"):
        head = str("XYZ".index(head[0])) + head[1:]
    return head.isdigit() and len(head) == 8 and _DNI_LETTERS[int(head) % 23] == letter


# India's PAN: 5 letters, 4 digits, a letter; the fourth letter says who holds it (P person,
# C company, H Hindu undivided family, F firm, A association, T trust, B body of individuals,
# L local authority, J artificial juridical person, G government). No public check digit.
_PAN_HOLDER = frozenset("PCHFATBLJG")


# ---- masking -------------------------------------------------------------------------------


def _mask_digits(text: str, keep_last: int) -> str:
    total = sum(ch.isdigit() for ch in text)
    seen = 0
    out = []
    for ch in text:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen > total - keep_last else "*")
        else:
            out.append(ch)
    return "".join(out)


def mask_email(value: str) -> str:
    local, _, domain = value.rpartition("@")
    tld = domain.rsplit(".", 1)[-1]
    return f"{local[:1]}***@***.{tld}"


def mask_secret(value: str, prefix_len: int) -> str:
    return f"{value[:prefix_len]}…({len(value)} chars)"


def mask_generic(value: str) -> str:
    return f"‹{len(value)} chars›"


# ---- patterns ------------------------------------------------------------------------------

_EMAIL = r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])"
_CARD = r"(?<![\w.+-])\d(?:[ .-]?\d){11,18}(?![\w-]|\.\d)"
_PHONE = (
    r"(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}(?![\w-]|\.\d)"
    r"|(?<![\w(])\(\d{3}\) ?\d{3}[-. ]\d{4}(?![\w-])"
    r"|(?<![\w.-])\d{3}([-. ])\d{3}\1\d{4}(?![\w-]|\.\d)"
    # National formats in prose: a trunk 0, then groups ("020 7946 0958", "06 12 34 56 78", "07700 900123")
    r"|(?<![\w+.:/-])\(?0[1-9]\d{0,3}\)?(?:[ -]\d{2,6}){1,4}(?![\w-]|[.:/]\d)"
)
_SSN = r"(?<![\w-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\w-])"
# Grouped as people write them; the bare digits are too common in ids to claim without a field name.
_AADHAAR = r"(?<![\w-])[2-9]\d{3}([ -])\d{4}\1\d{4}(?![\w-])"
_PAN = r"(?<![A-Za-z0-9])[A-Z]{3}[PCHFATBLJG][A-Z]\d{4}[A-Z](?![A-Za-z0-9])"
_SIN = r"(?<![\w-])\d{3}([ -])\d{3}\1\d{3}(?![\w-])"
_CPF = r"(?<![\w.-])\d{3}\.\d{3}\.\d{3}-\d{2}(?![\w-])"
_DNI = r"(?<![A-Za-z0-9-])(?:\d{8}|[XYZ]\d{7})-?[A-Z](?![A-Za-z0-9])"
_IBAN = r"(?<![A-Za-z0-9])([A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30})(?![A-Za-z0-9])"
_NINO = r"(?<![A-Za-z0-9])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])"
# Provider keys and webhook URLs are parr.secrets' one table, shared with the code scan; what only
# traces carry (URLs with a password, signed URLs, secrets in query strings) follows.
_SECRET_RULES = CREDENTIAL_RULES
# A password in a URL's user-info (postgres://user:pw@host, redis://:pw@host, amqp://, https://).
# A user alone (postgres://app@db) is no secret and never matches.
_URL_PASSWORD = re.compile(r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}://[^\s/@:\"'<>]*:(?P<value>[^\s/@\"'<>]+)@[A-Za-z0-9\[]")
# password=… in a JDBC URL, a query string, a form body or a libpq/ODBC connection string.
_PASSWORD_PARAM = re.compile(r"(?i)(?<![A-Za-z0-9_])(?:password|passwd|pwd)=(?P<value>[^&;\s\"'<>]+)")
# A secret in a URL's query string or a `name=value` string: named outright, or (token, key, sig)
# when the value looks like one.
_QUERY_SECRET = re.compile(
    r"(?i)(?:^|(?<=[?&#;\s]))(?P<name>access_token|id_token|refresh_token|auth_token|client_secret|api_key|apikey|api-key|"
    r"x-amz-signature|x-amz-security-token|x-goog-signature|x-goog-credential|signature|sig|token|key|secret|auth)"
    r"=(?P<value>[^&#\s\"'<>]+)")
_NAMED_QUERY_SECRETS = frozenset({"access_token", "id_token", "refresh_token", "auth_token", "client_secret", "api_key",
                                  "apikey", "api-key", "x-amz-signature", "x-amz-security-token", "x-goog-signature",
                                  "signature", "sig", "secret"})
# The user-info of any URL (with or without a password): never an e-mail address.
_URL_USERINFO = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{1,20}://[^\s/@\"'<>]*@")
_PLACEHOLDER = re.compile(r"^(?:\$\{?[\w.-]+\}?|%\(?\w*\)?s|\{\{?[\w. -]*\}?\}|<[\w -]+>|\[[\w -]*\]|%[0-9A-Fa-f]{2}.*REDACTED.*|[*xX•#._-]+)$")


def _masked_value(value: str) -> bool:
    """Masked ("****", "[REDACTED]", parr's ‹…›), a template placeholder (${DB_PASSWORD}, %(pw)s,
    {{secret}}, <password>) or empty: not a secret in clear."""
    from urllib.parse import unquote

    text = unquote(value).strip()
    return not text or bool(_PLACEHOLDER.match(text)) or looks_redacted(text) and not _hexish(text)


def _hexish(text: str) -> bool:
    return len(text) >= 16 and all(ch in "0123456789abcdefABCDEF" for ch in text)


def _token_like(value: str) -> bool:
    """A value that reads as a credential: long, letters and digits mixed, not a word or a path."""
    return len(value) >= 16 and any(ch.isdigit() for ch in value) and any(ch.isalpha() for ch in value)


def _credential_hits(text: str) -> list[Hit]:
    hits: list[Hit] = []
    for pattern, label in ((_URL_PASSWORD, "password in a URL"), (_PASSWORD_PARAM, "password parameter")):
        for match in pattern.finditer(text):
            value = match.group("value")
            if len(value) >= 4 and not _masked_value(value):
                hits.append(Hit("secret", f"‹{label}, {len(value)} chars›", label))
    for match in _QUERY_SECRET.finditer(text):
        name, value = match.group("name").lower(), match.group("value")
        if _masked_value(value) or len(value) < 8:
            continue
        if name in _NAMED_QUERY_SECRETS or _token_like(value):
            hits.append(Hit("secret", f"‹{name}= value, {len(value)} chars›", f"'{name}=' value"))
    return hits
_SECRET = "|".join(f"(?:{p})" for p, _, _ in _SECRET_RULES)
_SECRET_BOUNDARY = CREDENTIAL_BOUNDARY

_TEXT_PATTERNS: dict[str, re.Pattern[str]] = {
    "email": re.compile(_EMAIL),
    "payment_card": re.compile(_CARD),
    "phone": re.compile(_PHONE),
    "ssn": re.compile(_SSN),
    "iban": re.compile(_IBAN),
    "nino": re.compile(_NINO),
    "aadhaar": re.compile(_AADHAAR),
    "pan": re.compile(_PAN),
    "sin": re.compile(_SIN),
    "cpf": re.compile(_CPF),
    "dni": re.compile(_DNI),
}
_SECRET_TEXT = [(re.compile(_SECRET_BOUNDARY + p if not p.startswith("(?<=") else p), label, keep)
                for p, label, keep in _SECRET_RULES]


def _validate(kind: str, match: re.Match[str]) -> Hit | None:
    """A regular-expression match as a validated, masked hit, or None for a near miss."""
    text = match.group(0)
    if kind == "email":
        return Hit("email", mask_email(text))
    if kind == "payment_card":
        digits = "".join(ch for ch in text if ch.isdigit())
        if not 12 <= len(digits) <= 19 or len(set(digits)) == 1:
            return None
        network = card_network(digits)
        if network is None or not luhn_ok(digits):
            return None
        return Hit("payment_card", _mask_digits(text, 4), network)
    if kind == "phone":
        digit_count = sum(ch.isdigit() for ch in text)
        if not 8 <= digit_count <= 15:
            return None
        if text.lstrip("(")[:1] == "0" and not 10 <= digit_count <= 11:
            return None  # a national number with its trunk 0 has 10 or 11 digits (UK, France, Germany, India…)
        return Hit("phone", _mask_digits(text, 2))
    if kind == "ssn":
        if not ssn_ok(match.group(1), match.group(3), match.group(4)):
            return None
        return Hit("national_id", _mask_digits(text, 0), "US SSN")
    if kind == "iban":
        compact = text.replace(" ", "")
        if not iban_ok(compact):
            return None
        return Hit("iban", f"{compact[:2]}{'*' * (len(compact) - 6)}{compact[-4:]}")
    if kind == "nino":
        return Hit("national_id", "*" * len(text.replace(" ", "")), "UK National Insurance number")
    digits = "".join(ch for ch in text if ch.isdigit())
    if kind == "aadhaar":
        return Hit("national_id", _mask_digits(text, 4), "India Aadhaar") if aadhaar_ok(digits) else None
    if kind == "pan":
        return Hit("national_id", "*" * 6 + text[-4:], "India PAN")
    if kind == "sin":
        return Hit("national_id", _mask_digits(text, 0), "Canada SIN") if sin_ok(digits) else None
    if kind == "cpf":
        return Hit("national_id", _mask_digits(text, 0), "Brazil CPF") if cpf_ok(digits) else None
    if kind == "dni":
        return Hit("national_id", "*" * (len(text) - 1) + text[-1], "Spain DNI/NIE") if dni_ok(text) else None
    return None


def scan_text(text: str) -> list[Hit]:
    """Every validated sensitive value in one decoded string, masked."""
    hits: list[Hit] = []
    if len(text) < 8:
        return hits
    if "=" in text or "://" in text:
        hits.extend(_credential_hits(text))
    for kind, pattern in _TEXT_PATTERNS.items():
        if kind == "email" and "@" not in text:
            continue
        searched = text
        if kind == "email" and "://" in text:
            # postgres://app@db.example.com names a user and a host, not a mailbox.
            searched = _URL_USERINFO.sub(lambda m: " " * len(m.group(0)), text)
        for match in pattern.finditer(searched):
            hit = _validate(kind, match)
            if hit is not None:
                hits.append(hit)
    for pattern, label, keep in _SECRET_TEXT:
        for match in pattern.finditer(text):
            value = match.group(0)
            hits.append(Hit("secret", mask_secret(value, keep) if keep else f"‹{label}, {len(value)} chars›", label))
    return _dedupe(hits)


def _dedupe(hits: list[Hit]) -> list[Hit]:
    # A spaced card number can also read as a phone number; the card is the stronger claim.
    kinds = {h.kind for h in hits}
    if "payment_card" in kinds or "iban" in kinds or "national_id" in kinds:
        hits = [h for h in hits if h.kind != "phone"]
    seen: set[tuple[str, str]] = set()
    unique = []
    for hit in hits:
        if (hit.kind, hit.masked) not in seen:
            seen.add((hit.kind, hit.masked))
            unique.append(hit)
    return unique


# ---- field names that say what a value is ---------------------------------------------------

_SECRET_KEYS = frozenset({
    "password", "passwd", "pwd", "secret", "client_secret", "api_key", "apikey", "x_api_key", "access_token",
    "refresh_token", "id_token", "auth_token", "token", "authorization", "private_key", "session_token",
    "bearer", "credentials",
})
_PHONE_KEYS = frozenset({"phone", "phone_number", "phonenumber", "mobile", "telephone", "tel", "msisdn", "cell"})
_NATIONAL_KEYS = frozenset({
    "ssn", "social_security_number", "national_id", "nationalid", "nino", "passport", "passport_number",
    "tax_id", "taxid", "tin", "national_insurance_number", "personal_id", "aadhaar", "aadhar", "aadhaar_number",
    "pan_number", "sin", "cpf", "dni", "nie", "nif",
})
_CARD_KEYS = frozenset({"card_number", "cardnumber", "pan", "cc_number", "credit_card", "card_no"})
_EMAIL_KEYS = frozenset({"email", "e_mail", "email_address", "mail"})
BODY_KEYS = frozenset({
    "content", "page_content", "body", "text", "document", "documents", "chunk", "chunks", "passage", "passages",
    "snippet", "snippets", "raw", "html", "markdown", "document_body", "doc_body", "full_text",
})
# A value under one of these keys, or anywhere under `retrieval`, longer than this and made of
# words is a document body, not an id.
BODY_MIN_CHARS = 160
BODY_MIN_WORDS = 20

_REDACTED = re.compile(
    r"^\W*(?:redacted|masked|hidden|removed|scrubbed|filtered|omitted|anonymi[sz]ed)\b.*$"
    r"|^[*xX•#.\-_ ]{3,}[A-Za-z0-9]{0,4}$"
    r"|^(?:sha(?:1|224|256|384|512)|md5|hmac|hash|blake2b?)[:=_-]?[0-9a-fA-F]{8,}$"
    r"|^[0-9a-fA-F]{32,}$"
    r"|^(?:tok|pm|vault)_[A-Za-z0-9]+$"
    r"|^‹.*›$",
    re.IGNORECASE | re.DOTALL,
)


def looks_redacted(value: object) -> bool:
    """Masked, hashed, tokenised or too short to identify anyone (4 characters or fewer)."""
    if value is None or isinstance(value, bool):
        return True
    text = value if isinstance(value, str) else str(value)
    if len(re.sub(r"[^A-Za-z0-9]", "", text)) <= 4:
        return True
    return bool(_REDACTED.match(text.strip()))


def normalise_key(key: str) -> str:
    """`user.Phone-Number` → `phone_number`: the last dotted segment, lower-case, snake."""
    last = key.rsplit(".", 1)[-1]
    return re.sub(r"[^a-z0-9]+", "_", re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", last).lower()).strip("_")


# Names that end like a secret's but hold none: pagination cursors and counters.
_NOT_SECRET_NAMES = frozenset({"page_token", "next_page_token", "prev_page_token", "previous_page_token",
                               "continuation_token", "sync_token", "cursor_token", "csrf_token_name"})


def secret_name(name: str) -> bool:
    """A normalised field name that says its value is a credential."""
    return (name in _SECRET_KEYS or name.endswith(("_password", "_passwd", "_secret", "_api_key", "_token", "_apikey"))) \
        and name not in _NOT_SECRET_NAMES


def scan_keyed(key: str, value: object) -> Hit | None:
    """A value whose field name says it is sensitive, flagged even when no pattern matches it."""
    name = normalise_key(key)
    text = value if isinstance(value, str) else str(value)
    if secret_name(name):
        # A long hex string is a hash anywhere else; under a secret's name it is the secret itself
        # (many API keys are hex). Prefixed hashes ("sha256:…") and masks still read as redacted.
        if _hexish(text.strip()) or not looks_redacted(value):
            return Hit("secret", mask_generic(text), f"value of '{name}'")
        return None
    if looks_redacted(value):
        return None
    digits = sum(ch.isdigit() for ch in text)
    if name in _PHONE_KEYS or name.endswith("_phone"):
        return Hit("phone", _mask_digits(text, 2), f"value of '{name}'") if 7 <= digits <= 15 else None
    if name in _NATIONAL_KEYS:
        return Hit("national_id", mask_generic(text), f"value of '{name}'") if digits >= 4 else None
    if name in _CARD_KEYS:
        return Hit("payment_card", _mask_digits(text, 4), f"value of '{name}'") if digits >= 12 else None
    if name in _EMAIL_KEYS and "@" in text:
        return Hit("email", mask_email(text) if "." in text.rpartition("@")[2] else mask_generic(text), f"value of '{name}'")
    return None


def safe_label(text: str) -> str:
    """An id or name from a trace as it may be shown: itself, or masked when it holds a sensitive value."""
    hits = scan_text(text) if len(text) >= 8 else []
    return f"‹masked {hits[0].kind.replace('_', ' ')}, {len(text)} chars›" if hits else text


def is_document_body(value: object) -> bool:
    if not isinstance(value, str) or len(value) < BODY_MIN_CHARS:
        return False
    return value.count(" ") + value.count("\n") >= BODY_MIN_WORDS


def body_hit(value: str) -> Hit:
    return Hit("document_body", f"‹{len(value)} chars of text›")



# ---- which field names matter ----------------------------------------------------------------

_CATEGORY_CACHE: dict[str, str] = {}
_CACHE_LIMIT = 100_000  # distinct field names remembered; beyond it names are classified each time


def key_category(key: str) -> str:
    """'sensitive', 'body', 'retrieval' or '' for a field name (cached: traces repeat their names)."""
    category = _CATEGORY_CACHE.get(key)
    if category is not None:
        return category
    name = normalise_key(key)
    if name == "retrieval" or "retrieval" in key.lower():
        category = "retrieval"
    elif name in BODY_KEYS:
        category = "body"
    elif (secret_name(name) or name in _PHONE_KEYS or name in _NATIONAL_KEYS or name in _CARD_KEYS
          or name in _EMAIL_KEYS or name.endswith("_phone")):
        category = "sensitive"
    else:
        category = ""
    if len(_CATEGORY_CACHE) < _CACHE_LIMIT:
        _CATEGORY_CACHE[key] = category
    return category


def _variants(names: frozenset[str]) -> frozenset[str]:
    """snake_case names with their camelCase, PascalCase, kebab-case and UPPER forms, for exact set lookups."""
    out: set[str] = set()
    for name in names:
        parts = name.split("_")
        camel = parts[0] + "".join(p.capitalize() for p in parts[1:])
        out |= {name, name.upper(), name.replace("_", "-"), camel, camel[:1].upper() + camel[1:], name.capitalize()}
    return frozenset(out)


_SENSITIVE_NAMES = _variants(_SECRET_KEYS | _PHONE_KEYS | _NATIONAL_KEYS | _CARD_KEYS | _EMAIL_KEYS)
_BODY_NAMES = _variants(BODY_KEYS)
_RETRIEVAL_NAMES = _variants(frozenset({"retrieval", "retrieved", "retrieved_documents", "retrieval_results"}))
_TELLING_NAMES = _SENSITIVE_NAMES | _BODY_NAMES | _RETRIEVAL_NAMES


def _has_long_text(value: Any) -> bool:
    """Any string of body length in a value, however deeply nested."""
    cls = value.__class__
    if cls is str:
        return len(value) >= BODY_MIN_CHARS
    if cls is list or cls is dict:
        todo = [value]
        while todo:
            current = todo.pop()
            for item in (current.values() if current.__class__ is dict else current):
                item_cls = item.__class__
                if item_cls is str:
                    if len(item) >= BODY_MIN_CHARS:
                        return True
                elif item_cls is dict or item_cls is list:
                    todo.append(item)
    return False


def needs_deep_scan(record: dict[str, Any], long_text: bool = True) -> bool:
    """True when a field name says a value is sensitive, or a body-like field holds long text.

    The quick pass every record gets: set intersections on field names (exact names in their
    usual spellings) and string lengths, never a pattern. `long_text=False` (the block holds no
    string long enough to be a body) skips the body test. Odd spellings of names are still
    caught by the pattern prefilter and the deep scan, which normalise names.
    """
    names = _TELLING_NAMES if long_text else _SENSITIVE_NAMES
    disjoint = names.isdisjoint
    todo = [record]
    pop, push = todo.pop, todo.append
    while todo:
        current = pop()
        if not disjoint(current):
            for key in names.intersection(current):
                value = current[key]
                if key in _SENSITIVE_NAMES:
                    if value is not None:
                        return True
                elif _has_long_text(value):
                    return True
        for value in current.values():
            cls = value.__class__
            if cls is dict:
                push(value)
            elif cls is list and value and value[0].__class__ is dict:
                for item in value:
                    if item.__class__ is dict:
                        push(item)
    return False


# Quote → '"', anything else → 'x': a run of BODY_MIN_CHARS 'x' is a string long enough to be a
# document body. One find per block tells whether any line needs the body test at all.
_QUOTE_CLASS = bytes.maketrans(bytes(range(256)), bytes(0x22 if b in (0x22, 0x0A) else 0x78 for b in range(256)))
_LONG_RUN = b"x" * BODY_MIN_CHARS


def long_text_lines(block: bytes) -> list[int]:
    """Offsets (one per line at most) where a run of BODY_MIN_CHARS characters without a quote starts."""
    runs = block.translate(_QUOTE_CLASS)
    offsets: list[int] = []
    at = runs.find(_LONG_RUN)
    while at >= 0:
        offsets.append(at)
        nl = runs.find(b"\"", at)  # the run ends at the next quote (or newline); look past it
        if nl < 0:
            break
        at = runs.find(_LONG_RUN, nl)
    return offsets


def line_indexes(block: bytes, offsets: list[int]) -> set[int]:
    """Which line of the block each offset falls on, counting newlines once over the block."""
    found: set[int] = set()
    line = 0
    last = 0
    count = block.count
    for offset in sorted(offsets):
        line += count(b"\n", last, offset)
        last = offset
        found.add(line)
    return found


# ---- the authoritative scan of one record --------------------------------------------------

_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def join_path(path: str, key: str) -> str:
    if _PLAIN_KEY.match(key):
        return f"{path}.{key}" if path else key
    return f'{path}["{key}"]' if path else f'["{key}"]'


def _is_attribute_list(value: list[Any]) -> bool:
    return bool(value) and all(isinstance(v, dict) and "key" in v and "value" in v for v in value)


def _attribute_value(value: Any) -> Any:
    from parr.traces.events import _attr_value

    return _attr_value(value) if isinstance(value, dict) else value


def deep_scan(value: Any, path: str = "", key: str = "", in_retrieval: bool = False) -> Iterator[tuple[str, Hit]]:
    """Every sensitive value in a parsed record, with the path of the field that holds it."""
    cls = value.__class__
    if cls is dict:
        for sub_key, sub_value in value.items():
            shown = sub_key
            if len(sub_key) >= 8:
                key_hits = scan_text(sub_key)
                for hit in key_hits:
                    yield (path or "(top level)") + " (a field name)", hit
                if key_hits:
                    shown = key_hits[0].masked
            yield from deep_scan(sub_value, join_path(path, shown), sub_key,
                                 in_retrieval or key_category(sub_key) == "retrieval")
    elif cls is list:
        if _is_attribute_list(value):
            for item in value:
                name = str(item["key"])
                yield from deep_scan(_attribute_value(item["value"]), f'{path}["{name}"]', name,
                                     in_retrieval or key_category(name) == "retrieval")
        else:
            for index, item in enumerate(value):
                yield from deep_scan(item, f"{path}[{index}]", key, in_retrieval)
    elif cls is str:
        yield from _scan_string(value, path, key, in_retrieval)
    elif cls is int or cls is float:
        text = str(value)
        hits = scan_text(text) if len(text) >= 12 else []
        for hit in hits:
            yield path, hit
        if not hits and key:
            keyed = scan_keyed(key, value)
            if keyed is not None:
                yield path, keyed


def _scan_string(value: str, path: str, key: str, in_retrieval: bool) -> Iterator[tuple[str, Hit]]:
    stripped = value.lstrip()
    if stripped[:1] in ("{", "[") and len(stripped) > 2:
        # JSON inside a string (OTLP tool arguments, serialised payloads): name the inner field.
        try:
            # The trace reader's parser: bounded depth, no NaN (json.loads recursed without limit).
            inner = loads_line(value.encode("utf-8", errors="replace"))
        except ValueError:
            inner = None
        if isinstance(inner, (dict, list)):
            yield from deep_scan(inner, path, key, in_retrieval)
            return
    hits = scan_text(value)
    for hit in hits:
        yield path, hit
    if not hits and key:
        keyed = scan_keyed(key, value)
        if keyed is not None:
            yield path, keyed
            return
    if not hits and (in_retrieval or key_category(key) == "body") and is_document_body(value):
        yield path, body_hit(value)


# ---- block prefilter -----------------------------------------------------------------------

# Digits → '0', upper-case → 'A', lower-case → 'a', space, dot and dash → '-': the shapes of card
# numbers, phone numbers, SSNs, IBANs and NI numbers become literal strings that bytes.find
# locates at memory speed, so the regular expressions only run where a shape was found.
_SHAPE = bytes.maketrans(
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz .-",
    b"0" * 10 + b"A" * 26 + b"a" * 26 + b"---",
)
_DIGITS12 = b"0" * 12
_SHAPE_NEEDLES: tuple[tuple[bytes, tuple[str, ...]], ...] = (
    (_DIGITS12, ("payment_card", "phone")),
    (b"0000-0000-0000", ("payment_card",)),  # 4-4-4-4 grouping (space, dash or dot)
    (b"0000-000000-0000", ("payment_card",)),  # 4-6-5 and 4-6-4 (American Express, Diners)
    (b"+0", ("phone",)),
    (b"(000)", ("phone",)),
    (b"000-000-0000", ("phone",)),
    (b"000-00-0000", ("ssn",)),
    (b"AA00", ("iban", "nino")),  # also the start of a compact NI number (AA000000A)
    (b"AA-00-00-00-A", ("nino",)),
    (b"0000-0000-0000", ("aadhaar",)),
    (b"000-000-000", ("sin",)),
    (b"000-000-000-00", ("cpf",)),
    (b"00000000A", ("dni",)),
    (b"A0000000A", ("dni",)),
    (b"AAAAA0000A", ("pan",)),
    (b"00-00-00-00-00", ("phone",)),  # national formats: 06 12 34 56 78
    (b"00-0000-0000", ("phone",)),  # 020 7946 0958
    (b"0000-000000", ("phone",)),  # 07700 900123
    (b"000-0000-0000", ("phone",)),  # 030 1234 5678
)
_ZEROS = re.compile(rb"0+")
_JOINERS = frozenset(b"-+()")
# Token characters → 'x', everything else → ' ': a run of 20 'x' is a long token, the only place
# an API key, token or JWT segment can be.
_TOKEN_CLASS = bytes.maketrans(
    bytes(range(256)),
    bytes(ord("x") if chr(b).isascii() and (chr(b).isalnum() or chr(b) in "_-") else ord(" ") for b in range(256)),
)
_TOKEN_RUN = b"x" * 20
_SECRET_PREFIXES: tuple[bytes, ...] = (
    b"sk-", b"sk_live_", b"sk_test_", b"rk_live_", b"rk_test_", b"AKIA", b"ASIA", b"ghp_", b"gho_", b"ghu_",
    b"ghs_", b"ghr_", b"github_pat_", b"glpat-", b"xoxa-", b"xoxb-", b"xoxp-", b"xoxo-", b"xoxs-", b"xoxr-",
    b"AIza", b"hf_", b"npm_", b"eyJ", b"gsk_", b"r8_", b"pplx-", b"xai-", b"lsv2_",
)
_LINE_NEEDLES: tuple[bytes, ...] = (b"PRIVATE KEY", b"\\u0040", b"bytesValue", b"AccountKey=", b"SG.")
# Lower-cased: a field whose name says secret (checked on every line, whatever its value looks
# like), a password or secret in a query string or form body, webhook URLs.
_LOWER_NEEDLES: tuple[bytes, ...] = (
    b'password"', b'passwd"', b'token"', b'secret"', b'api_key"', b'apikey"', b'api-key"', b'credentials"',
    b"password=", b"passwd=", b"pwd=", b"token=", b"key=", b"secret=", b"sig=", b"signature=",
    b"hooks.slack.com/services/", b"/api/webhooks/", b"webhook.office.com/",
)
# A password in a URL's user-info, looked for back from each '@'.
_USERINFO_BYTES = re.compile(rb"[A-Za-z][A-Za-z0-9+.-]{1,20}://[^\s/@:\"'<>]*:[^\s/@\"'<>]+@")
_BYTE_PATTERNS: dict[str, re.Pattern[bytes]] = {
    name: re.compile(pattern.pattern.encode()) for name, pattern in _TEXT_PATTERNS.items()
}
_MAX_AT_PROBES = 512
_WINDOW = 40  # bytes either side of a shape that a real value could start or end in


def _validated_at(block: bytes, kinds: tuple[str, ...], start: int, end: int) -> int:
    for kind in kinds:
        for match in _BYTE_PATTERNS[kind].finditer(block, max(0, start - _WINDOW), min(len(block), end + _WINDOW)):
            text_match = _TEXT_PATTERNS[kind].fullmatch(match.group(0).decode("ascii", errors="replace"))
            if text_match is not None and _validate(kind, text_match) is not None:
                return match.start()
    return -1


def candidate_offsets(block: bytes) -> list[int]:
    """Offsets in a block of raw trace bytes where a validated sensitive value starts, or may start.

    Shapes are validated on the spot, so near misses (a 16-digit id failing Luhn, a date) cost
    one regular-expression call and produce nothing; long tokens are kept when they start with a
    provider prefix or follow "Bearer "; '@' and private-key headers flag their line.
    """
    offsets: list[int] = []
    shaped = block.translate(_SHAPE)
    find = shaped.find
    for needle, kinds in _SHAPE_NEEDLES:
        at = find(needle)
        while at >= 0:
            if needle == _DIGITS12:
                run = _ZEROS.match(shaped, at)
                end = run.end() if run else at + len(needle)
                start = at
                while start > 0 and shaped[start - 1] == 0x30:
                    start -= 1
                standalone = (start == 0 or shaped[start - 1] not in _JOINERS) and (end == len(shaped) or shaped[end] not in _JOINERS)
                # Epoch timestamps (OTLP's startTimeUnixNano on every span) start with 1, which no card
                # network issues; runs over 19 digits are neither cards nor phone numbers, joined or
                # not (and resuming inside one would walk it back again and again: quadratic).
                if end - start > 19 or (standalone and block[start] == 0x31):
                    at = find(needle, end)
                    continue
            hit = _validated_at(block, kinds, at, at + len(needle))
            if hit >= 0:
                offsets.append(hit)
            at = find(needle, at + len(needle) + _WINDOW)
    tokens = block.translate(_TOKEN_CLASS)
    tokens_find = tokens.find
    starts_with = block.startswith
    at = tokens_find(_TOKEN_RUN)
    while at >= 0:
        # Searching resumes after a run's end, so a run found is found at its start.
        if starts_with(_SECRET_PREFIXES, at) or (at >= 7 and block[at - 1] == 0x20 and block[at - 7:at - 1].lower() == b"bearer"):
            offsets.append(at)
        end = tokens_find(b" ", at)
        if end < 0:
            break
        at = tokens_find(_TOKEN_RUN, end)
    email = _BYTE_PATTERNS["email"]
    if block.count(b"@") > _MAX_AT_PROBES:
        # Probing a window around every '@' costs a window per '@': a block full of them (a few
        # kilobytes of "@@@@") would take seconds. One pass of the pattern is linear.
        offsets.extend(match.start() for match in email.finditer(block))
    else:
        at = block.find(b"@")
        while at >= 0:
            if email.search(block, max(0, at - 65), min(len(block), at + 256)):
                offsets.append(at)
            at = block.find(b"@", at + 1)
    for needle in _LINE_NEEDLES:
        at = block.find(needle)
        while at >= 0:
            offsets.append(at)
            at = block.find(needle, at + 1)
    lowered = block.lower()
    for needle in _LOWER_NEEDLES:
        at = lowered.find(needle)
        while at >= 0:
            offsets.append(at)
            newline = lowered.find(b"\n", at)  # one offset per line is enough: the line gets the deep scan
            if newline < 0:
                break
            at = lowered.find(needle, newline)
    if b"://" in block:
        at = block.find(b"@")
        probes = 0
        while at >= 0 and probes < _MAX_AT_PROBES:
            probes += 1
            if _USERINFO_BYTES.search(block, max(0, at - 200), at + 1):
                offsets.append(at)
            at = block.find(b"@", at + 1)
    return offsets
