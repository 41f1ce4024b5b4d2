"""Deterministic generator for the OpenProfile demo raw data set.

The demo shop sells shoes on ``https://www.example-shoes.com`` (an English storefront and a
Dutch-language storefront under ``/nl/``) and in a mobile app. This module writes five CSV files
that look like raw exports from the shop's sources. Every value is text exactly as a raw source
would deliver it; an empty cell means a missing value. The dbt seeds load every column as
``varchar`` and the staging models parse them.

Run ``python -m openprofile.demo_data --out seeds/demo`` (or ``python openprofile/demo_data.py``).
The output depends only on ``seed``: the same seed gives byte-for-byte identical files
(``random.Random(seed)``, no clock, no hash ordering; UTF-8, ``\\n`` line endings, a header row).
All dates lie between 2022-09-01 and 2022-11-30 (UTC).

Files (data rows for the default seed 20220915 are listed in ``seeds/demo/README.md``)
---------------------------------------------------------------------------------------
``raw_shop__web_events.csv`` (~3,000 rows)
    ``event_id, cookie_id, user_id, event_name, page_url, referrer_url, utm_source, utm_medium,
    utm_campaign, product_sku, product_name, product_category, event_timestamp``.
    Ids ``web_000001`` ... in time order. English events ``page_view``, ``product_view``,
    ``add_to_cart``, ``checkout_started``, ``sign_in``; the Dutch storefront (``/nl/`` pages) sends
    ``Paginaweergave``, ``Productweergave``, ``Toevoegen aan winkelwagen``. Timestamps: mostly
    ``2022-09-15T07:00:00Z`` (UTC); cookies of an older tracker send Europe/Amsterdam local time
    with offset ``2022-09-15T09:00:00+02:00`` (``+01:00`` from 2022-10-30); the Dutch storefront
    sends day-first Europe/Amsterdam local time without offset, hour sometimes not zero-padded
    (``15-09-2022 9:00:00`` or ``21-09-2022 09:05:00``). ``referrer_url`` and ``utm_*`` are only
    filled on the first event of a visit (the landing event; utm also appear in its page_url query
    string); internal navigation leaves them empty, a direct visit has an empty referrer.
    Pages: ``/``, ``/collections/<category-slug>``, ``/products/<sku>``, ``/cart``, ``/checkout``,
    ``/account/login`` (Dutch storefront: the same under ``/nl``). Product columns are filled only
    on product views and add-to-cart events; an add-to-cart happens on the product page or, as a
    quick add, on a collection page. ``user_id`` (shop account id such as ``u_000123``) only while
    the visitor is signed in: from the ``sign_in`` event on, and on later visits of a cookie that
    stayed signed in (Dutch-storefront cookies of known users are signed in on every event and
    have no ``sign_in`` event).
``raw_shop__app_events.csv`` (~1,000 rows)
    ``event_id, device_id, user_id, event_name, screen_name, product_sku, product_name,
    product_category, platform, event_timestamp``. Ids ``app_000001`` ...; events ``app_open``,
    ``screen_view``, ``product_view``, ``add_to_cart``, ``sign_in``; platform ``ios``/``android``;
    screen_name ``home``, ``category/<category-slug>``, ``product_detail``, ``cart``, ``checkout``,
    ``login`` (quick adds happen on a ``category/...`` screen); ISO UTC timestamps. The app stays
    signed in once a user signed in on a device.
``raw_shop__crm_contacts.csv`` (~300 rows)
    ``contact_id, user_id, email, phone, first_name, last_name, country_code, marketing_consent,
    created_at, updated_at``. Ids ``C00001`` ... ``C00296`` and ``C_TWODEV_1`` ... ``C_TWODEV_4``;
    ``user_id`` empty for contacts without an online account; ``marketing_consent`` ``yes``/``no``/
    empty (unknown); some emails in odd case or with surrounding spaces; phones in mixed national
    formats (or empty); names with accents; ``country_code`` ISO 3166 alpha-2 (a few empty);
    ISO UTC timestamps.
``raw_shop__orders.csv`` (~400 rows)
    ``order_id, contact_id, guest_email, guest_phone (always empty here), channel, ordered_at,
    currency, status, refund_amount,
    refunded_at``. Ids ``ORD-100001`` ... in time order. Exactly one of ``contact_id`` and
    ``guest_email`` is set; channel ``web``/``app``; currency ``EUR`` (GB contacts pay ``GBP``,
    US contacts ``USD``); status ``completed``, ``refunded`` (refund_amount = order total),
    ``partially_refunded`` (0 < refund_amount < total) or ``cancelled`` (no refund: a cancelled
    order was never charged); refund_amount has 2 decimals, refunded_at is after ordered_at, both
    empty when there is no refund. Most orders follow a tracked visit (web ``checkout_started``
    or app ``checkout`` screen) a few minutes earlier; about 22 % have no tracked visit
    (tracking consent refused).
``raw_shop__order_lines.csv`` (~900 rows)
    ``order_line_id, order_id, product_sku, product_name, product_category, quantity,
    unit_price``. Ids ``OL000001`` ...; 1-4 lines per order; unit_price in the order's currency
    with 2 decimals (Black Friday 2022-11-25..28: 20 % off the list price). Order total =
    sum(quantity * unit_price).

Scenarios built into the data (the tests rely on them)
------------------------------------------------------
1. Mobile guest: device ``mobile_guest123`` (``ios``, never a user_id) views 6 ``Leather shoes``
   products (``product_view`` of LS-1001, LS-1004, LS-1002, LS-1001, LS-1005, LS-1004) over three
   days, 2022-10-11 to 2022-10-13, and never adds to cart nor orders.
2. Dutch storefront cookie ``CookieID1``: exactly 4 web events, all with user_id ``abc123``:
   ``Productweergave`` LS-1002 at ``15-09-2022 9:00:00``, ``Toevoegen aan winkelwagen`` LS-1002 at
   ``15-09-2022 9:02:00``, ``Productweergave`` LS-1004 at ``21-09-2022 09:05:00``,
   ``Toevoegen aan winkelwagen`` LS-1004 at ``21-09-2022 09:07:00`` (Europe/Amsterdam local =
   07:00, 07:02, 07:05, 07:07 UTC). No other row anywhere uses ``CookieID1`` or ``abc123``;
   ``abc123`` is not a CRM user id and has no orders.
3. Two-device visitors ``N`` = 1..4: cookie ``cookie_twodev_N`` and device ``device_twodev_N``
   first browse anonymously (web visit on day D, app visit on D+1), then sign in as ``u_twodev_N``
   on the web (D+3) and in the app (D+4); CRM contact ``C_TWODEV_N`` has user_id ``u_twodev_N``
   (created one minute before the web sign-in). D = 2022-09-12, 09-26, 10-10, 10-24.
   ``u_twodev_1`` completes a web order and ``u_twodev_3`` an app order right after signing in.
4. Guest checkouts matching CRM contacts: orders with ``guest_email`` equal to a CRM contact's
   email after ``lower(trim())`` (at least 10; the exact list is in the README), several differing
   only in case or surrounding spaces, e.g. contact ``C00042`` Pat Lee has CRM email
   ``'  Pat.Lee@Example.COM '`` and two guest orders from ``pat.lee@example.com``.
   All other guest emails match no contact.
5. High-value customers: contacts ``C00011``, ``C00057``, ``C00123``, ``C00234`` (EUR, with an
   online account) have 6-8 completed EUR orders each, summing to well over 1,000 EUR (four
   different totals, so a ranking has no ties). Every other
   contact stays at or below 900 (gross, non-cancelled, in the order currency), also when guest
   orders matched by email are counted.
6. Anonymous visitors: most cookies (and many app devices) never sign in; many of them view
   ``Leather shoes`` and never check out; some add to cart and abandon. Guests who check out have
   their own anonymous cookies.
7. Shop accounts without a CRM contact: a handful of ``u_...`` ids sign in on the web but have no
   CRM row (besides ``abc123``); listed in the README.
8. Email addresses in URLs: cookie ``cookie_email_in_url`` (anonymous) has 4 page views on
   2022-11-30 from 21:04 UTC, after every generated visit, whose ``page_url``/``referrer_url``
   carry ``pat@example.org`` or ``pat+shop@example.org`` plain, URL-encoded (``%40``) and encoded
   twice (``%2540``, in a redirect URL); staging must redact them. No other URL has one.

Deliberate bad rows (exact ids for the default seed are in the README)
---------------------------------------------------------------------
* web events: exact duplicate rows (1.5 % of events, each duplicate right after its original);
  one ``event_timestamp`` ``2022-13-45 25:61:00`` and one ``not a date``; two rows with an empty
  ``event_id``; two rows with neither ``cookie_id`` nor ``user_id``. Bad rows are drawn from
  anonymous English events, never from scenario rows.
* app events: exact duplicates (1.5 %); one ``2022-13-45 25:61:00`` and one ``not a date``
  timestamp; one empty ``event_id``; one row with neither ``device_id`` nor ``user_id``.
* crm contacts: three exact duplicate rows; one ``created_at`` ``2022-13-45 25:61:00``.
* orders: two exact duplicate rows; one order with currency ``XYZ``; one ``ordered_at``
  ``not a date``.
* order lines: two exact duplicate rows (of completed orders); two lines whose order_id
  (``ORD-999998``, ``ORD-999999``) does not exist.
"""

from __future__ import annotations

import argparse
import csv
import random
import unicodedata
from datetime import datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

__all__ = ["write_demo_seeds", "DEFAULT_SEED", "FILE_COLUMNS"]

DEFAULT_SEED = 20220915

UTC = timezone.utc
START = datetime(2022, 9, 1, tzinfo=UTC)
END = datetime(2022, 11, 30, 23, 59, 59, tzinfo=UTC)
LAST_DAY = 90  # day offsets 0..90 = 2022-09-01..2022-11-30
# Europe/Amsterdam switches from CEST (+02:00) to CET (+01:00) at 2022-10-30 01:00 UTC.
DST_END = datetime(2022, 10, 30, 1, 0, tzinfo=UTC)

SHOP = "https://www.example-shoes.com"

FILE_COLUMNS: dict[str, list[str]] = {
    "raw_shop__web_events.csv": [
        "event_id", "cookie_id", "user_id", "event_name", "page_url", "referrer_url",
        "utm_source", "utm_medium", "utm_campaign", "product_sku", "product_name",
        "product_category", "event_timestamp",
    ],
    "raw_shop__app_events.csv": [
        "event_id", "device_id", "user_id", "event_name", "screen_name", "product_sku",
        "product_name", "product_category", "platform", "event_timestamp",
    ],
    "raw_shop__crm_contacts.csv": [
        "contact_id", "user_id", "email", "phone", "first_name", "last_name", "country_code",
        "marketing_consent", "created_at", "updated_at",
    ],
    "raw_shop__orders.csv": [
        "order_id", "contact_id", "guest_email", "guest_phone", "channel", "ordered_at",
        "currency", "status", "refund_amount", "refunded_at",
    ],
    "raw_shop__order_lines.csv": [
        "order_line_id", "order_id", "product_sku", "product_name", "product_category",
        "quantity", "unit_price",
    ],
}

# (sku, name, category, list price in EUR)
CATALOGUE: list[tuple[str, str, str, str]] = [
    ("LS-1001", "Oxford Classic Brown", "Leather shoes", "129.95"),
    ("LS-1002", "Derby Black Calf", "Leather shoes", "139.95"),
    ("LS-1003", "Penny Loafer Cognac", "Leather shoes", "119.95"),
    ("LS-1004", "Brogue Wingtip Tan", "Leather shoes", "149.95"),
    ("LS-1005", "Monk Strap Burgundy", "Leather shoes", "159.95"),
    ("LS-1006", "Ballerina Flat Nappa", "Leather shoes", "89.95"),
    ("SN-2001", "Court Sneaker White", "Sneakers", "89.95"),
    ("SN-2002", "Runner Knit Grey", "Sneakers", "99.95"),
    ("SN-2003", "Retro Suede Navy", "Sneakers", "79.95"),
    ("SN-2004", "High-Top Canvas Black", "Sneakers", "69.95"),
    ("BT-3001", "Chelsea Boot Black", "Boots", "179.95"),
    ("BT-3002", "Lace-up Hiking Boot", "Boots", "199.95"),
    ("BT-3003", "Ankle Boot Suede Taupe", "Boots", "159.95"),
    ("BT-3004", "Winter Boot Shearling", "Boots", "229.95"),
    ("SA-4001", "Leather Slide Sandal", "Sandals", "49.95"),
    ("SA-4002", "Strappy Sandal Gold", "Sandals", "59.95"),
    ("SA-4003", "Trekking Sandal", "Sandals", "69.95"),
    ("AC-5001", "Shoe Care Kit", "Accessories", "24.95"),
    ("AC-5002", "Leather Belt Brown", "Accessories", "39.95"),
    ("AC-5003", "Wool Socks 3-pack", "Accessories", "14.95"),
    ("AC-5004", "Cedar Shoe Trees", "Accessories", "29.95"),
    ("AC-5005", "Waterproofing Spray", "Accessories", "9.95"),
]
CATEGORIES = ["Leather shoes", "Sneakers", "Boots", "Sandals", "Accessories"]
CATEGORY_WEIGHTS = [32, 24, 24, 7, 13]
SLUG = {
    "Leather shoes": "leather-shoes", "Sneakers": "sneakers", "Boots": "boots",
    "Sandals": "sandals", "Accessories": "accessories",
}
PRODUCT = {p[0]: p for p in CATALOGUE}
BY_CATEGORY = {c: [p for p in CATALOGUE if p[2] == c] for c in CATEGORIES}

COUNTRIES = ["NL", "DE", "BE", "GB", "FR", "ES", "US"]
COUNTRY_WEIGHTS = [35, 18, 12, 12, 10, 8, 5]
EUR_COUNTRIES = ["NL", "DE", "BE", "FR", "ES"]
CURRENCY_OF = {"GB": "GBP", "US": "USD"}

FIRST_NAMES = {
    "NL": ["Anna", "Daan", "Sem", "Zoë", "Lotte", "Bram", "Fleur", "Jesse", "Noor", "Thijs",
           "Sanne", "Ruben", "Eva", "Lars", "Iris", "Joëlle", "Maarten", "Femke", "Kees"],
    "DE": ["Lukas", "Jürgen", "Sophie", "Maximilian", "Lea", "Jörg", "Mia", "Felix", "Hannah",
           "Björn", "Katharina", "Jonas", "Anja"],
    "BE": ["Lucas", "Emma", "Louis", "Chloé", "Arthur", "Léa", "Noah", "Elise", "Wout",
           "Amélie", "Hélène", "Sien"],
    "GB": ["Oliver", "Amelia", "Harry", "Isla", "George", "Ava", "Jack", "Chloe", "Sophie",
           "Thomas", "Emily", "Siobhán"],
    "FR": ["Léa", "Hugo", "Manon", "Théo", "Inès", "Noé", "Camille", "Gabriel", "Chloé",
           "Raphaël", "Zoé", "Maëlle"],
    "ES": ["José", "María", "Lucía", "Álvaro", "Martín", "Sofía", "Hugo", "Paula", "Iñigo",
           "Nuria", "Begoña"],
    "US": ["Liam", "Olivia", "Noah", "Emma", "Ethan", "Mia", "Mason", "Harper"],
}
LAST_NAMES = {
    "NL": ["de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
           "Mulder", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
           "de Wit", "Dijkstra", "Kuipers", "Yılmaz", "Çelik"],
    "DE": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
           "Schäfer", "Koch", "Groß", "Hoffmann", "Köhler"],
    "BE": ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
           "Dubois", "Lambert", "Dupont", "Vandenbroucke"],
    "GB": ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "O'Brien",
           "Walker", "Hughes", "Ó Briain"],
    "FR": ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
           "Lefèvre", "Moreau", "Girard", "Rousseau", "Bézier"],
    "ES": ["García", "Muñoz", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
           "Jiménez", "Núñez", "Ibáñez"],
    "US": ["Johnson", "Miller", "Davis", "Garcia", "Rodriguez", "Wilson", "Anderson"],
}
EMAIL_DOMAINS = ["example.com", "example.org", "example.net"]

N_CONTACTS = 296
PAT_LEE = 42
HIGH_VALUE = [11, 57, 123, 234]
N_ANON_COOKIES = 220
N_NL_ANON_COOKIES = 40
N_NL_KNOWN = 8
N_ANON_DEVICES = 40
N_NO_CRM_USERS = 5
N_GUESTS = 68
N_ORDERING = 160
N_GUEST_MATCHED_CONTACTS = 16
ORDINARY_CAP = Decimal("900.00")
CENT = Decimal("0.01")

BAD_TS_1 = "2022-13-45 25:61:00"
BAD_TS_2 = "not a date"


# ----------------------------------------------------------------------------------------------
# small helpers


def _ts_z(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _ams_offset(dt: datetime) -> timedelta:
    return timedelta(hours=2) if dt < DST_END else timedelta(hours=1)


def _ts_offset(dt: datetime) -> str:
    off = _ams_offset(dt)
    local = (dt + off).replace(tzinfo=None)
    return local.strftime("%Y-%m-%dT%H:%M:%S") + f"+{int(off.total_seconds()) // 3600:02d}:00"


def _ts_nl(dt: datetime, pad_hour: bool) -> str:
    local = (dt + _ams_offset(dt)).replace(tzinfo=None)
    hour = f"{local.hour:02d}" if pad_hour else str(local.hour)
    day = f"{local.day:02d}-{local.month:02d}-{local.year}"
    return f"{day} {hour}:{local.minute:02d}:{local.second:02d}"


def _at(day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return START + timedelta(days=day, hours=hour, minutes=minute, seconds=second)


def _utc(y: int, mo: int, d: int, h: int, mi: int, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=UTC)


def _money(x: Decimal) -> str:
    return f"{x.quantize(CENT, rounding=ROUND_HALF_UP):.2f}"


def _fold(text: str) -> str:
    """ASCII letters/digits of a name, lower case, for building email addresses."""
    text = text.replace("ß", "ss").replace("ı", "i")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum()).lower()


def _list_price(sku: str, currency: str) -> Decimal:
    """List price in ``currency``: GBP ends in .95, USD in .99 (fixed demo conversion)."""
    eur = Decimal(PRODUCT[sku][3])
    one = Decimal("1")
    if currency == "GBP":
        return (eur * Decimal("0.88")).quantize(one, rounding=ROUND_HALF_UP) - Decimal("0.05")
    if currency == "USD":
        return (eur * Decimal("1.02")).quantize(one, rounding=ROUND_HALF_UP) - Decimal("0.01")
    return eur


def _unit_price(sku: str, currency: str, day: int) -> Decimal:
    """Selling price on day offset ``day``: list price, 20 % off on Black Friday weekend."""
    price = _list_price(sku, currency)
    if 85 <= day <= 88:  # 2022-11-25..28
        price = (price * Decimal("0.8")).quantize(CENT, rounding=ROUND_HALF_UP)
    return price


class _Ctx:
    """Mutable generator state: the random source and a sequence for stable sorting."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self._seq = 0
        self.used_ids: set[str] = set()  # membership checks only, never iterated

    def seq(self) -> int:
        self._seq += 1
        return self._seq

    def hex_id(self, prefix: str, nbits: int = 64) -> str:
        while True:
            value = f"{prefix}{self.rng.getrandbits(nbits):0{nbits // 4}x}"
            if value not in self.used_ids:
                self.used_ids.add(value)
                return value

    def device_id(self, platform: str) -> str:
        while True:
            if platform == "ios":
                r = self.rng.getrandbits(128)
                h = f"{r:032X}"
                value = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
            else:
                value = f"{self.rng.getrandbits(64):016x}"
            if value not in self.used_ids:
                self.used_ids.add(value)
                return value


class _Event:
    __slots__ = ("at", "seq", "fields", "style", "protected", "anon_plain")

    def __init__(self, at, seq, fields, style, protected=False):
        self.at: datetime = at
        self.seq: int = seq
        self.fields: dict[str, str] = fields
        self.style: str = style  # z | offset | nl_pad | nl_nopad
        self.protected: bool = protected
        self.anon_plain = False

    def timestamp(self) -> str:
        if self.style == "offset":
            return _ts_offset(self.at)
        if self.style == "nl_pad":
            return _ts_nl(self.at, True)
        if self.style == "nl_nopad":
            return _ts_nl(self.at, False)
        return _ts_z(self.at)


class _Contact:
    def __init__(self, **kw):
        self.contact_id: str = kw["contact_id"]
        self.user_id: str = kw["user_id"]
        self.first: str = kw["first"]
        self.last: str = kw["last"]
        self.email: str = kw["email"]  # as stored in the CRM (maybe odd case / spaces)
        self.phone: str = kw["phone"]
        self.country: str = kw["country"]  # real country, drives currency and formats
        self.country_raw: str = kw.get("country_raw", kw["country"])
        self.consent: str = kw["consent"]
        self.created_at: datetime = kw["created_at"]
        self.updated_at: datetime = kw["updated_at"]
        self.created_raw: str | None = None
        self.cookies: list[str] = []
        self.devices: list[str] = []
        self.gross = Decimal("0")  # non-cancelled order totals incl. matched guest orders

    @property
    def currency(self) -> str:
        return CURRENCY_OF.get(self.country, "EUR")

    @property
    def email_key(self) -> str:
        return self.email.strip().lower()


class _Order:
    def __init__(self, contact_id, guest_email, channel, currency, status, lines, day):
        self.order_id = ""
        self.contact_id: str = contact_id
        self.guest_email: str = guest_email
        self.channel: str = channel
        self.currency: str = currency
        self.status: str = status
        self.lines: list[tuple[str, int, Decimal]] = lines  # (sku, qty, unit_price)
        self.day: int = day
        self.ordered_at: datetime | None = None
        self.refund_amount: Decimal | None = None
        self.refunded_at: datetime | None = None
        self.seq = 0
        self.ordered_raw: str | None = None

    @property
    def total(self) -> Decimal:
        return sum((q * p for _, q, p in self.lines), Decimal("0"))


class _Session:
    def __init__(self, kind, actor, start, intent, user_id="", products=(), cart=(),
                 order=None, nl=False, style="z", platform=""):
        self.kind: str = kind  # web | app
        self.actor: str = actor
        self.start: datetime = start
        self.intent: str = intent  # bounce | browse | cart | signin | order | known_nl
        self.user_id: str = user_id
        self.products: list[str] = list(products)
        self.cart: list[str] = list(cart)
        self.order: _Order | None = order
        self.nl: bool = nl
        self.style: str = style
        self.platform: str = platform
        self.seq = 0


# ----------------------------------------------------------------------------------------------
# generator


class _Generator:
    def __init__(self, seed: int) -> None:
        self.ctx = _Ctx(seed)
        self.rng = self.ctx.rng
        self.contacts: list[_Contact] = []
        self.orders: list[_Order] = []
        self.sessions: dict[str, list[_Session]] = {}  # actor -> sessions (insertion ordered)
        self.actor_days: dict[str, list[int]] = {}
        self.actor_style: dict[str, str] = {}
        self.actor_platform: dict[str, str] = {}
        self.web: list[_Event] = []
        self.app: list[_Event] = []
        self.emails_taken: set[str] = set()  # membership only
        self.user_pool: list[str] = []
        self.no_crm_users: list[str] = []
        self.guest_matches: list[tuple[str, str, str]] = []  # (contact_id, crm email, guest email)
        self.bad: dict[str, list[str]] = {}

    # --- identities -------------------------------------------------------------------------

    def _weighted(self, items, weights):
        return self.rng.choices(items, weights=weights, k=1)[0]

    def _unique_email(self, first: str, last: str) -> str:
        rng = self.rng
        f, l = _fold(first), _fold(last)
        for attempt in range(50):
            pattern = rng.randrange(4)
            local = [f"{f}.{l}", f"{f}{l}", f"{f[0]}.{l}", f"{f}_{l}"][pattern]
            if attempt > 0 or rng.random() < 0.25:
                local += str(rng.randint(1, 99))
            email = f"{local}@{rng.choice(EMAIL_DOMAINS)}"
            if email not in self.emails_taken:
                self.emails_taken.add(email)
                return email
        raise RuntimeError("could not build a unique email")  # pragma: no cover

    def _messy(self, email: str) -> str:
        """Same address, different case and/or surrounding spaces (as typed into the CRM)."""
        local, domain = email.split("@")
        kind = self.rng.randrange(4)
        if kind == 0:
            parts = [p.capitalize() for p in local.split(".")]
            return ".".join(parts) + "@" + domain.capitalize()
        if kind == 1:
            return email.upper()
        if kind == 2:
            return " " + email + "  "
        return "  " + email.capitalize() + " "

    def _phone(self, country: str) -> str:
        rng = self.rng

        def d(n: int) -> str:
            return "".join(str(rng.randrange(10)) for _ in range(n))

        if country == "NL":
            n = d(8)
            return rng.choice([f"06-{n}", f"06 {n[:4]} {n[4:]}", f"+31 6 {n}", f"+316{n}",
                               f"0031 6 {n[:4]} {n[4:]}"])
        if country == "DE":
            n = d(8)
            return rng.choice([f"0151 {n}", f"+49 151 {n}", f"+49 (0)151 {n[:4]} {n[4:]}",
                               f"0171/{n}"])
        if country == "BE":
            n = d(6)
            spaced = f"{n[:2]} {n[2:4]} {n[4:]}"
            return rng.choice([f"0470 {spaced}", f"+32 470 {spaced}", f"+32470{n}"])
        if country == "GB":
            n = d(3)
            return rng.choice([f"07700 900{n}", f"+44 7700 900{n}", f"+44 (0)7700 900{n}",
                               f"07700900{n}"])
        if country == "FR":
            n = d(8)
            pairs = " ".join(n[i:i + 2] for i in range(0, 8, 2))
            return rng.choice([f"06 {pairs}", f"+33 6 {pairs}", "06." + pairs.replace(" ", "."),
                               f"+336{n}"])
        if country == "ES":
            n = d(8)
            return rng.choice([f"6{n[:2]} {n[2:4]} {n[4:6]} {n[6:]}",
                               f"+34 6{n[:2]} {n[2:5]} {n[5:]}", f"0034 6{n}"])
        n = d(2)
        return rng.choice([f"(555) 010-01{n}", f"555-010-01{n}", f"+1 555 010 01{n}"])

    def build_contacts(self) -> None:
        rng = self.rng
        # shop account ids: a random sample so they do not follow the contact order
        pool = rng.sample(range(1, 1000), N_CONTACTS + N_NO_CRM_USERS + 10)
        self.user_pool = [f"u_{n:06d}" for n in pool]
        for e in ["sanne.visser@example.com", "lukas.schaefer@example.org",
                  "chloe.dubois@example.net", "inigo.ibanez@example.com", "pat.lee@example.com"]:
            self.emails_taken.add(e)
        users = iter(self.user_pool)
        for i in range(1, N_CONTACTS + 1):
            cid = f"C{i:05d}"
            created = _at(rng.randint(0, 80), rng.randint(0, 23), rng.randint(0, 59),
                          rng.randint(0, 59))
            room = min(40 * 86400, int((END - created).total_seconds()))
            if rng.random() < 0.35 or room < 3600:
                updated = created
            else:
                updated = created + timedelta(seconds=rng.randint(3600, room))
            if i == PAT_LEE:
                self.contacts.append(_Contact(
                    contact_id=cid, user_id="", first="Pat", last="Lee",
                    email="  Pat.Lee@Example.COM ", phone="+44 7700 900042", country="GB",
                    consent="yes", created_at=_utc(2022, 9, 5, 10, 12, 33),
                    updated_at=_utc(2022, 10, 2, 16, 40, 5)))
                continue
            if i in HIGH_VALUE:
                country = rng.choice(EUR_COUNTRIES)
                has_account = True
                created = _at(rng.randint(0, 6), rng.randint(7, 20), rng.randint(0, 59),
                              rng.randint(0, 59))
                updated = created + timedelta(days=rng.randint(20, 60),
                                              seconds=rng.randint(0, 86399))
            else:
                country = self._weighted(COUNTRIES, COUNTRY_WEIGHTS)
                has_account = rng.random() < 0.8
            first = rng.choice(FIRST_NAMES[country])
            last = rng.choice(LAST_NAMES[country])
            email = self._unique_email(first, last)
            if rng.random() < 0.1:
                email = self._messy(email)
            phone = "" if rng.random() < 0.08 else self._phone(country)
            consent = self._weighted(["yes", "no", ""], [55, 30, 15])
            c = _Contact(contact_id=cid, user_id=next(users) if has_account else "", first=first,
                         last=last, email=email, phone=phone, country=country,
                         country_raw="" if rng.random() < 0.03 and i not in HIGH_VALUE else country,
                         consent=consent, created_at=created, updated_at=updated)
            self.contacts.append(c)
        twodev = [
            ("Sanne", "Visser", "NL", "sanne.visser@example.com", "+31 6 24681357", "yes"),
            ("Lukas", "Schäfer", "DE", "lukas.schaefer@example.org", "0151 98765432", "no"),
            ("Chloé", "Dubois", "BE", "chloe.dubois@example.net", "+32 470 55 12 34", ""),
            ("Iñigo", "Ibáñez", "ES", "inigo.ibanez@example.com", "+34 612 345 678", "yes"),
        ]
        for n, (first, last, country, email, phone, consent) in enumerate(twodev, start=1):
            self.contacts.append(_Contact(
                contact_id=f"C_TWODEV_{n}", user_id=f"u_twodev_{n}", first=first, last=last,
                email=email, phone=phone, country=country, consent=consent,
                created_at=START, updated_at=START))  # timestamps set by the scenario
        self.no_crm_users = [next(users) for _ in range(N_NO_CRM_USERS)]

    # --- planning ---------------------------------------------------------------------------

    def _pick_day(self, actor: str, lo: int, hi: int) -> int:
        used = self.actor_days.setdefault(actor, [])
        lo, hi = max(lo, 0), min(hi, LAST_DAY)
        day = self.rng.randint(lo, hi)
        for _ in range(30):
            if day not in used:
                break
            day = self.rng.randint(lo, hi)
        used.append(day)
        return day

    def _start(self, day: int) -> datetime:
        return _at(day, self.rng.randint(6, 20), self.rng.randint(0, 59), self.rng.randint(0, 59))

    def _add_session(self, s: _Session) -> None:
        s.seq = self.ctx.seq()
        self.sessions.setdefault(s.actor, []).append(s)

    def _browse_products(self, n: int, category: str | None = None) -> list[str]:
        rng = self.rng
        category = category or self._weighted(CATEGORIES, CATEGORY_WEIGHTS)
        items = [p[0] for p in BY_CATEGORY[category]]
        picked = rng.sample(items, min(n, len(items)))
        if rng.random() < 0.2:
            other = rng.choice(CATALOGUE)[0]
            if other not in picked:
                picked.append(other)
        return picked

    def _plan_browse(self, kind, actor, day, intent, user_id="", nl=False, platform=""):
        rng = self.rng
        if intent == "bounce":
            products = self._browse_products(1) if rng.random() < 0.3 else []
        else:
            products = self._browse_products(rng.choice([1, 1, 2, 2, 3, 4]))
        cart = [rng.choice(products)] if intent == "cart" and products else []
        if intent == "cart" and not products:
            intent = "browse"
        self._add_session(_Session(kind, actor, self._start(day), intent, user_id=user_id,
                                   products=products, cart=cart, nl=nl,
                                   style=self.actor_style.get(actor, "z"), platform=platform))

    def _draw_lines(self, currency: str, day: int, big: bool = False):
        rng = self.rng
        n = rng.choice([2, 2, 3]) if big else self._weighted([1, 2, 3, 4], [25, 30, 27, 18])
        cats = ["Leather shoes", "Boots"] if big else CATEGORIES
        weights = [1, 1] if big else CATEGORY_WEIGHTS
        skus: list[str] = []
        while len(skus) < n:
            sku = rng.choice(BY_CATEGORY[self._weighted(cats, weights)])[0]
            if sku not in skus:
                skus.append(sku)
        lines = []
        for sku in skus:
            qty = 1
            r = rng.random()
            if PRODUCT[sku][2] == "Accessories":
                qty = 1 if r < 0.6 else (2 if r < 0.9 else 3)
            elif not big:
                qty = 1 if r < 0.9 else 2
            lines.append((sku, qty, _unit_price(sku, currency, day)))
        return lines

    def _status(self, day: int) -> str:
        status = self._weighted(["completed", "refunded", "partially_refunded", "cancelled"],
                                [80, 7, 6, 7])
        if day > 75 and status in ("refunded", "partially_refunded"):
            status = "completed"
        return status

    def _fit_lines(self, contact: _Contact | None, currency: str, day: int, status: str):
        """Lines for an ordinary order, keeping the contact at or below ORDINARY_CAP."""
        lines = self._draw_lines(currency, day)
        if contact is None or status == "cancelled":
            return lines
        for _ in range(30):
            total = sum((q * p for _, q, p in lines), Decimal("0"))
            if contact.gross + total <= ORDINARY_CAP:
                contact.gross += total
                return lines
            lines = self._draw_lines(currency, day)
        return None

    def _session_for_order(self, order: _Order, actor: str, user_id: str, platform: str = ""):
        """Plan the tracked visit that ends in the order (about 90 % of orders have one)."""
        rng = self.rng
        skus = [sku for sku, _, _ in order.lines]
        if rng.random() < 0.22:
            order.ordered_at = self._start(order.day) + timedelta(minutes=rng.randint(3, 25))
            return
        extra = []
        if rng.random() < 0.15:
            extra = [p for p in self._browse_products(1, PRODUCT[skus[0]][2]) if p not in skus]
        products = list(skus)
        for p in extra:
            products.insert(rng.randrange(len(products) + 1), p)
        self._add_session(_Session(order.channel, actor, self._start(order.day), "order",
                                   user_id=user_id, products=products, cart=skus, order=order,
                                   style=self.actor_style.get(actor, "z"), platform=platform))

    def _new_cookie(self, style_offset_share: float = 0.12) -> str:
        cookie = self.ctx.hex_id("ck_")
        self.actor_style[cookie] = "offset" if self.rng.random() < style_offset_share else "z"
        return cookie

    def _new_device(self) -> str:
        platform = "ios" if self.rng.random() < 0.55 else "android"
        device = self.ctx.device_id(platform)
        self.actor_platform[device] = platform
        return device

    def plan(self) -> None:
        rng = self.rng
        generic = [c for c in self.contacts if not c.contact_id.startswith("C_TWODEV")]
        by_id = {c.contact_id: c for c in self.contacts}

        # devices and cookies of account holders
        for c in generic:
            if not c.user_id:
                continue
            uses_app = rng.random() < 0.35
            uses_web = (not uses_app) or rng.random() < 0.7
            if uses_web:
                c.cookies.append(self._new_cookie())
                if rng.random() < 0.15:
                    c.cookies.append(self._new_cookie())
            if uses_app:
                c.devices.append(self._new_device())

        def contact_order(c: _Contact, day: int, big: bool = False) -> None:
            status = "completed" if big else self._status(day)
            if big:
                lines = self._draw_lines(c.currency, day, big=True)
                c.gross += sum((q * p for _, q, p in lines), Decimal("0"))
            else:
                lines = self._fit_lines(c, c.currency, day, status)
                if lines is None:
                    return
            use_app = bool(c.devices) and (not c.cookies or rng.random() < 0.5)
            channel = "app" if use_app else "web"
            order = _Order(c.contact_id, "", channel, c.currency, status, lines, day)
            self.orders.append(order)
            if use_app:
                device = rng.choice(c.devices)
                self._session_for_order(order, device, c.user_id, self.actor_platform[device])
            else:
                self._session_for_order(order, rng.choice(c.cookies), c.user_id)

        created_day = {c.contact_id: (c.created_at - START).days for c in generic}

        # high-value customers (distinct totals, so a ranking of them has no ties)
        hv_totals: list[Decimal] = []
        for i in HIGH_VALUE:
            c = by_id[f"C{i:05d}"]
            actor = (c.cookies or c.devices)[0]
            for _ in range(rng.randint(6, 8)):
                contact_order(c, self._pick_day(actor, created_day[c.contact_id] + 1, LAST_DAY),
                              big=True)
            last = self.orders[-1]
            sku = "AC-5003"
            while c.gross in hv_totals:  # add a pair of socks to the last order
                price = _unit_price(sku, c.currency, last.day)
                if any(line[0] == sku for line in last.lines):
                    last.lines = [(k, q + 1, p) if k == sku else (k, q, p)
                                  for k, q, p in last.lines]
                else:
                    last.lines.append((sku, 1, price))
                    for s in [x for d in c.cookies + c.devices for x in self.sessions.get(d, [])]:
                        if s.order is last:
                            s.products.append(sku)
                            s.cart.append(sku)
                c.gross += price
            hv_totals.append(c.gross)

        # guest checkouts by CRM contacts (matched by email)
        pat = by_id[f"C{PAT_LEE:05d}"]
        matched = [pat] + rng.sample(
            [c for c in generic if c.contact_id != pat.contact_id
             and int(c.contact_id[1:]) not in HIGH_VALUE], N_GUEST_MATCHED_CONTACTS - 1)
        for c in matched:
            if c is pat:
                guest_email = "pat.lee@example.com"
                n_orders = 2
            else:
                n_orders = 1 if rng.random() < 0.75 else 2
                if c.email != c.email_key:
                    guest_email = c.email_key  # CRM has the odd spelling
                else:
                    r = rng.random()
                    if r < 0.4:
                        guest_email = c.email
                    elif r < 0.7:
                        guest_email = self._messy(c.email)
                    else:
                        guest_email = c.email.upper() if r < 0.85 else c.email + " "
            cookie = self._new_cookie()
            self.guest_matches.append((c.contact_id, c.email, guest_email))
            for _ in range(n_orders):
                day = self._pick_day(cookie, created_day.get(c.contact_id, 4) - 3, LAST_DAY)
                status = self._status(day)
                lines = self._fit_lines(c, c.currency, day, status)
                if lines is None:
                    continue
                order = _Order("", guest_email, "web", c.currency, status, lines, day)
                self.orders.append(order)
                self._session_for_order(order, cookie, "")

        # ordinary account holders who order
        candidates = [c for c in generic if c.user_id and int(c.contact_id[1:]) not in HIGH_VALUE
                      and created_day[c.contact_id] <= 75]
        ordering = rng.sample(candidates, min(N_ORDERING, len(candidates)))
        for c in ordering:
            n_orders = self._weighted([1, 2, 3, 4], [52, 28, 13, 7])
            actor = (c.cookies or c.devices)[0]
            for _ in range(n_orders):
                contact_order(c, self._pick_day(actor, created_day[c.contact_id] + 1, LAST_DAY))

        # other guests (emails that match no contact)
        for _ in range(N_GUESTS):
            country = self._weighted(COUNTRIES, COUNTRY_WEIGHTS)
            email = self._unique_email(rng.choice(FIRST_NAMES[country]),
                                       rng.choice(LAST_NAMES[country]))
            if rng.random() < 0.08:
                email = email.capitalize()
            currency = CURRENCY_OF.get(country, "EUR")
            in_app = rng.random() < 0.1
            actor = self._new_device() if in_app else self._new_cookie()
            for _ in range(1 if rng.random() < 0.88 else 2):
                day = self._pick_day(actor, 0, LAST_DAY)
                status = self._status(day)
                order = _Order("", email, "app" if in_app else "web", currency, status,
                               self._draw_lines(currency, day), day)
                self.orders.append(order)
                self._session_for_order(order, actor, "", self.actor_platform.get(actor, ""))
            if rng.random() < 0.3:
                self._plan_browse("app" if in_app else "web", actor,
                                  self._pick_day(actor, 0, LAST_DAY), "browse",
                                  platform=self.actor_platform.get(actor, ""))

        # extra visits of account holders (browsing, signing in without ordering)
        for c in generic:
            if not c.user_id:
                continue
            cday = created_day[c.contact_id]
            for cookie in c.cookies:
                for _ in range(self._weighted([0, 1, 2], [55, 35, 10])):
                    day = self._pick_day(cookie, 0, LAST_DAY)
                    if day > cday:
                        intent = self._weighted(["bounce", "browse", "cart", "signin"],
                                                [15, 45, 10, 30])
                    else:
                        intent = self._weighted(["bounce", "browse", "cart"], [30, 55, 15])
                    self._plan_browse("web", cookie, day, intent, user_id=c.user_id)
            for device in c.devices:
                for _ in range(self._weighted([0, 1, 2], [55, 35, 10])):
                    day = self._pick_day(device, 0, LAST_DAY)
                    intent = "signin" if day > cday and rng.random() < 0.5 else "browse"
                    self._plan_browse("app", device, day, intent, user_id=c.user_id,
                                      platform=self.actor_platform[device])

        # Dutch storefront: contacts who browse signed in
        nl_known = [c for c in generic if c.user_id and c.country == "NL"
                    and created_day[c.contact_id] <= 80]
        for c in rng.sample(nl_known, N_NL_KNOWN):
            cookie = self.ctx.hex_id("ck_")
            for _ in range(rng.randint(1, 2)):
                day = self._pick_day(cookie, created_day[c.contact_id] + 1, LAST_DAY)
                self._plan_browse("web", cookie, day, self._weighted(["browse", "cart"], [70, 30]),
                                  user_id=c.user_id, nl=True)
                self.sessions[cookie][-1].intent = "known_nl:" + self.sessions[cookie][-1].intent

        # shop accounts without a CRM contact
        for user in self.no_crm_users:
            cookie = self._new_cookie()
            for _ in range(rng.randint(1, 3)):
                self._plan_browse("web", cookie, self._pick_day(cookie, 0, LAST_DAY), "signin",
                                  user_id=user)

        # anonymous visitors who never sign in
        for _ in range(N_ANON_COOKIES):
            cookie = self._new_cookie()
            for _ in range(self._weighted([1, 2, 3], [82, 15, 3])):
                self._plan_browse("web", cookie, self._pick_day(cookie, 0, LAST_DAY),
                                  self._weighted(["bounce", "browse", "cart"], [38, 47, 15]))
        for _ in range(N_NL_ANON_COOKIES):
            cookie = self.ctx.hex_id("ck_")
            for _ in range(self._weighted([1, 2], [75, 25])):
                self._plan_browse("web", cookie, self._pick_day(cookie, 0, LAST_DAY),
                                  self._weighted(["bounce", "browse", "cart"], [25, 55, 20]),
                                  nl=True)
        for _ in range(N_ANON_DEVICES):
            device = self._new_device()
            for _ in range(self._weighted([1, 2, 3], [60, 28, 12])):
                self._plan_browse("app", device, self._pick_day(device, 0, LAST_DAY),
                                  self._weighted(["bounce", "browse", "cart"], [20, 60, 20]),
                                  platform=self.actor_platform[device])

    # --- rendering --------------------------------------------------------------------------

    def _traffic(self, start: datetime) -> tuple[str, str, str, str]:
        """(referrer_url, utm_source, utm_medium, utm_campaign) of a landing event."""
        rng = self.rng
        kind = self._weighted(["direct", "organic", "cpc", "email", "facebook", "instagram",
                               "bing", "blog"], [33, 22, 15, 12, 8, 4, 3, 3])
        month = start.month
        day = (start - START).days
        if 84 <= day <= 88:
            season = "black_friday_2022"
        elif month == 9:
            season = "autumn_collection_2022"
        elif month == 10:
            season = "leather_week_2022" if 9 <= start.day <= 16 else "autumn_sale_2022"
        else:
            season = "winter_boots_2022"
        if kind == "direct":
            return ("", "", "", "")
        if kind == "organic":
            return ("https://www.google.com/", "", "", "")
        if kind == "bing":
            return ("https://www.bing.com/", "", "", "")
        if kind == "blog":
            return ("https://blog.example.org/best-autumn-shoes", "", "", "")
        if kind == "cpc":
            return ("https://www.google.com/", "google", "cpc", season)
        if kind == "email":
            return ("", "newsletter", "email", f"newsletter_2022_{month:02d}")
        if kind == "facebook":
            return ("https://www.facebook.com/", "facebook", "social", season)
        return ("https://www.instagram.com/", "instagram", "social", season)

    def _render_web(self, s: _Session, logged_in: bool) -> bool:
        rng = self.rng
        t = s.start
        user = s.user_id if logged_in else ""
        traffic = self._traffic(s.start)
        state = {"first": True, "t": t}
        nl = s.nl
        names = ({"page_view": "Paginaweergave", "product_view": "Productweergave",
                  "add_to_cart": "Toevoegen aan winkelwagen"} if nl else {})
        prefix = "/nl" if nl else ""

        def emit(name: str, path: str, sku: str = "") -> None:
            url = SHOP + prefix + path
            ref = us = um = uc = ""
            if state["first"]:
                ref, us, um, uc = traffic
                if us:
                    url += ("&" if "?" in url else "?") + (
                        f"utm_source={us}&utm_medium={um}&utm_campaign={uc}")
                state["first"] = False
            p = PRODUCT[sku] if sku else ("", "", "", "")
            fields = {
                "cookie_id": s.actor, "user_id": user, "event_name": names.get(name, name),
                "page_url": url, "referrer_url": ref, "utm_source": us, "utm_medium": um,
                "utm_campaign": uc, "product_sku": p[0], "product_name": p[1],
                "product_category": p[2],
            }
            style = s.style
            if nl:
                style = "nl_pad" if rng.random() < 0.5 else "nl_nopad"
            ev = _Event(state["t"], self.ctx.seq(), fields, style)
            ev.anon_plain = (not user) and style == "z"
            self.web.append(ev)
            state["t"] += timedelta(seconds=rng.randint(8, 140))

        needs_sign_in = s.intent in ("order", "signin") and s.user_id and not logged_in
        early = needs_sign_in and (s.intent == "signin" or rng.random() < 0.3)
        products = s.products
        if products and rng.random() < (0.6 if s.intent == "order" else 0.4):
            landing_on_product = True
        else:
            landing_on_product = False
            if products and rng.random() < 0.6:
                emit("page_view", f"/collections/{SLUG[PRODUCT[products[0]][2]]}")
            else:
                emit("page_view", "/")
        signed = logged_in
        for k, sku in enumerate(products):
            if early and not signed and (k > 0 or not landing_on_product):
                user = s.user_id
                emit("sign_in", "/account/login")
                signed = True
            if k > 0 and s.intent != "order" and rng.random() < 0.25:
                emit("page_view", f"/collections/{SLUG[PRODUCT[sku][2]]}")
            if (s.intent == "order" and sku in s.cart and rng.random() < 0.45
                    and (k > 0 or not landing_on_product)):
                # quick add from the collection page, without opening the product page
                emit("add_to_cart", f"/collections/{SLUG[PRODUCT[sku][2]]}", sku)
                continue
            emit("product_view", f"/products/{sku}", sku)
            if sku in s.cart:
                emit("add_to_cart", f"/products/{sku}", sku)
        if early and not signed:
            user = s.user_id
            emit("sign_in", "/account/login")
            signed = True
        if (s.intent == "order" and rng.random() < 0.5) or (
                s.intent.endswith("cart") and rng.random() < 0.5):
            emit("page_view", "/cart")
        if s.intent == "order":
            if needs_sign_in and not signed:
                user = s.user_id
                emit("sign_in", "/account/login")
                signed = True
            emit("checkout_started", "/checkout")
            assert s.order is not None
            s.order.ordered_at = state["t"] + timedelta(seconds=rng.randint(60, 420))
        if s.intent == "signin" and not signed:
            user = s.user_id
            emit("sign_in", "/account/login")
            signed = True
        return signed

    def _render_app(self, s: _Session, logged_in: bool) -> bool:
        rng = self.rng
        state = {"t": s.start, "user": s.user_id if logged_in else ""}

        def emit(name: str, screen: str, sku: str = "") -> None:
            p = PRODUCT[sku] if sku else ("", "", "", "")
            fields = {
                "device_id": s.actor, "user_id": state["user"], "event_name": name,
                "screen_name": screen, "product_sku": p[0], "product_name": p[1],
                "product_category": p[2], "platform": s.platform,
            }
            ev = _Event(state["t"], self.ctx.seq(), fields, "z")
            ev.anon_plain = not state["user"]
            self.app.append(ev)
            state["t"] += timedelta(seconds=rng.randint(5, 120))

        def sign_in() -> None:
            state["user"] = s.user_id
            emit("sign_in", "login")

        needs_sign_in = s.intent in ("order", "signin") and s.user_id and not logged_in
        early = needs_sign_in and (s.intent == "signin" or rng.random() < 0.4)
        emit("app_open", "home")
        if early:
            sign_in()
        if s.intent != "bounce" and rng.random() < 0.5:
            emit("screen_view", "home")
        last_cat = ""
        for sku in s.products:
            cat = PRODUCT[sku][2]
            if cat != last_cat and rng.random() < 0.6:
                emit("screen_view", f"category/{SLUG[cat]}")
            last_cat = cat
            if s.intent == "order" and sku in s.cart and rng.random() < 0.45:
                emit("add_to_cart", f"category/{SLUG[cat]}", sku)  # quick add from the list
                continue
            emit("product_view", "product_detail", sku)
            if sku in s.cart:
                emit("add_to_cart", "product_detail", sku)
        if s.intent in ("order", "cart"):
            emit("screen_view", "cart")
        if s.intent == "order":
            if needs_sign_in and not state["user"]:
                sign_in()
            emit("screen_view", "checkout")
            assert s.order is not None
            s.order.ordered_at = state["t"] + timedelta(seconds=rng.randint(60, 300))
        return bool(state["user"])

    def render(self) -> None:
        rng = self.rng
        for actor, sessions in self.sessions.items():
            sessions.sort(key=lambda x: (x.start, x.seq))
            logged_in = False
            for s in sessions:
                if s.intent.startswith("known_nl:"):
                    s.intent = s.intent.split(":", 1)[1]
                    self._render_web(s, True)
                    continue
                if s.kind == "web":
                    signed = self._render_web(s, logged_in)
                    # a web login survives to the next visit two times out of three
                    logged_in = signed and rng.random() < 0.65
                else:
                    logged_in = self._render_app(s, logged_in)

    # --- scripted scenarios -----------------------------------------------------------------

    def scenarios(self) -> None:
        web, app = self.web, self.app

        def w(at, cookie, user, name, path, sku="", style="z", ref="", utm=("", "", ""),
              query=""):
            p = PRODUCT[sku] if sku else ("", "", "", "")
            url = SHOP + path
            if utm[0]:
                url += f"?utm_source={utm[0]}&utm_medium={utm[1]}&utm_campaign={utm[2]}"
            if query:  # more query parameters (and fragment), after the utm ones
                url += ("&" if "?" in url else "?") + query
            web.append(_Event(at, self.ctx.seq(), {
                "cookie_id": cookie, "user_id": user, "event_name": name, "page_url": url,
                "referrer_url": ref, "utm_source": utm[0], "utm_medium": utm[1],
                "utm_campaign": utm[2], "product_sku": p[0], "product_name": p[1],
                "product_category": p[2]}, style, protected=True))

        def a(at, device, user, name, screen, platform, sku=""):
            p = PRODUCT[sku] if sku else ("", "", "", "")
            app.append(_Event(at, self.ctx.seq(), {
                "device_id": device, "user_id": user, "event_name": name, "screen_name": screen,
                "product_sku": p[0], "product_name": p[1], "product_category": p[2],
                "platform": platform}, "z", protected=True))

        # 1. mobile guest: leather shoes on three days, never a cart nor an order
        g = "mobile_guest123"
        for at, name, screen, sku in [
            (_utc(2022, 10, 11, 18, 2, 11), "app_open", "home", ""),
            (_utc(2022, 10, 11, 18, 2, 40), "screen_view", "category/leather-shoes", ""),
            (_utc(2022, 10, 11, 18, 3, 15), "product_view", "product_detail", "LS-1001"),
            (_utc(2022, 10, 11, 18, 5, 2), "product_view", "product_detail", "LS-1004"),
            (_utc(2022, 10, 12, 19, 41, 7), "app_open", "home", ""),
            (_utc(2022, 10, 12, 19, 41, 30), "screen_view", "category/leather-shoes", ""),
            (_utc(2022, 10, 12, 19, 42, 55), "product_view", "product_detail", "LS-1002"),
            (_utc(2022, 10, 12, 19, 44, 20), "product_view", "product_detail", "LS-1001"),
            (_utc(2022, 10, 13, 7, 15, 0), "app_open", "home", ""),
            (_utc(2022, 10, 13, 7, 15, 48), "product_view", "product_detail", "LS-1005"),
            (_utc(2022, 10, 13, 7, 17, 3), "product_view", "product_detail", "LS-1004"),
            (_utc(2022, 10, 13, 7, 18, 30), "screen_view", "home", ""),
        ]:
            a(at, g, "", name, screen, "ios", sku)

        # 2. CookieID1 on the Dutch storefront (times are Europe/Amsterdam local, CEST)
        for at, name, sku, style in [
            (_utc(2022, 9, 15, 7, 0), "Productweergave", "LS-1002", "nl_nopad"),
            (_utc(2022, 9, 15, 7, 2), "Toevoegen aan winkelwagen", "LS-1002", "nl_nopad"),
            (_utc(2022, 9, 21, 7, 5), "Productweergave", "LS-1004", "nl_pad"),
            (_utc(2022, 9, 21, 7, 7), "Toevoegen aan winkelwagen", "LS-1004", "nl_pad"),
        ]:
            w(at, "CookieID1", "abc123", name, f"/nl/products/{sku}", sku, style)

        # 3. two-device visitors
        base_days = [_utc(2022, 9, 12, 0, 0), _utc(2022, 9, 26, 0, 0), _utc(2022, 10, 10, 0, 0),
                     _utc(2022, 10, 24, 0, 0)]
        plans = [("LS-1003", "LS-1001", "ios"), ("SN-2002", "SN-2001", "android"),
                 ("BT-3001", "BT-3003", "ios"), ("LS-1005", "AC-5001", "android")]
        for n, (d0, (sku1, sku2, platform)) in enumerate(zip(base_days, plans), start=1):
            cookie, device, user = f"cookie_twodev_{n}", f"device_twodev_{n}", f"u_twodev_{n}"
            cat = SLUG[PRODUCT[sku1][2]]
            t = d0 + timedelta(hours=19, minutes=10)
            w(t, cookie, "", "page_view", f"/collections/{cat}", ref="https://www.google.com/")
            w(t + timedelta(seconds=50), cookie, "", "product_view", f"/products/{sku1}", sku1)
            w(t + timedelta(seconds=170), cookie, "", "product_view", f"/products/{sku2}", sku2)
            t = d0 + timedelta(days=1, hours=12, minutes=30)
            a(t, device, "", "app_open", "home", platform)
            a(t + timedelta(seconds=20), device, "", "screen_view", f"category/{cat}", platform)
            a(t + timedelta(seconds=65), device, "", "product_view", "product_detail", platform,
              sku1)
            t = d0 + timedelta(days=3, hours=20, minutes=0)
            w(t, cookie, "", "page_view", "/", utm=("newsletter", "email",
                                                    f"newsletter_2022_{t.month:02d}"))
            w(t + timedelta(seconds=40), cookie, user, "sign_in", "/account/login")
            w(t + timedelta(seconds=95), cookie, user, "product_view", f"/products/{sku1}", sku1)
            w(t + timedelta(seconds=150), cookie, user, "add_to_cart", f"/products/{sku1}", sku1)
            contact = next(c for c in self.contacts if c.contact_id == f"C_TWODEV_{n}")
            contact.created_at = t + timedelta(seconds=40) - timedelta(minutes=1)
            contact.updated_at = t + timedelta(days=4, hours=2, minutes=17)
            if n == 1:
                w(t + timedelta(seconds=200), cookie, user, "page_view", "/cart")
                w(t + timedelta(seconds=260), cookie, user, "checkout_started", "/checkout")
                order = _Order(contact.contact_id, "", "web", "EUR", "completed",
                               [(sku1, 1, _list_price(sku1, "EUR"))], (t - START).days)
                order.ordered_at = t + timedelta(seconds=500)
                self.orders.append(order)
            t = d0 + timedelta(days=4, hours=8, minutes=15)
            a(t, device, "", "app_open", "home", platform)
            a(t + timedelta(seconds=30), device, user, "sign_in", "login", platform)
            a(t + timedelta(seconds=55), device, user, "screen_view", "home", platform)
            a(t + timedelta(seconds=110), device, user, "product_view", "product_detail", platform,
              sku2)
            if n == 3:
                a(t + timedelta(seconds=150), device, user, "add_to_cart", "product_detail",
                  platform, sku2)
                a(t + timedelta(seconds=190), device, user, "screen_view", "cart", platform)
                a(t + timedelta(seconds=230), device, user, "screen_view", "checkout", platform)
                order = _Order(contact.contact_id, "", "app", "EUR", "completed",
                               [(sku2, 1, _list_price(sku2, "EUR"))], (t - START).days)
                order.ordered_at = t + timedelta(seconds=400)
                self.orders.append(order)

        # 8. email addresses in URLs (staging must redact them): an anonymous cookie on the
        # last evening, after every generated visit (so no other event id moves), three visits:
        # a newsletter link with the address URL-encoded, the same link through a webmail
        # redirect (the referrer carries it encoded twice), a password-reset link with the
        # address plain, from a forum profile page with it plain in the path.
        ck = "cookie_email_in_url"
        newsletter = ("newsletter", "email", "newsletter_2022_11")
        t = _utc(2022, 11, 30, 21, 4, 10)
        w(t, ck, "", "page_view", "/", utm=newsletter, query="email=pat%40example.org")
        w(t + timedelta(seconds=45), ck, "", "page_view", "/collections/boots")
        w(_utc(2022, 11, 30, 22, 15, 30), ck, "", "page_view", "/collections/boots",
          query="email=pat%40example.org",
          ref="https://mail.example.net/redirect?url=https%3A%2F%2Fwww.example-shoes.com"
              "%2Fcollections%2Fboots%3Femail%3Dpat%2540example.org")
        w(_utc(2022, 11, 30, 23, 20, 5), ck, "", "page_view", "/account/login",
          query="email=pat+shop@example.org#reset",
          ref="https://forum.example.net/u/pat@example.org/")

    # --- orders, refunds and bad rows ---------------------------------------------------------

    def finish_orders(self) -> None:
        rng = self.rng
        for o in self.orders:
            o.seq = self.ctx.seq()
            assert o.ordered_at is not None
        self.orders.sort(key=lambda o: (o.ordered_at, o.seq))
        for n, o in enumerate(self.orders, start=1):
            o.order_id = f"ORD-{100000 + n}"
            total = o.total
            if o.status == "refunded":
                o.refund_amount = total
            elif o.status == "partially_refunded":
                line_totals = [q * p for _, q, p in o.lines]
                if len(o.lines) > 1:
                    o.refund_amount = rng.choice(line_totals[:-1] + [min(line_totals)])
                elif o.lines[0][1] > 1:
                    o.refund_amount = o.lines[0][2]
                else:
                    share = Decimal(rng.choice([15, 20, 25, 30, 40])) / 100
                    o.refund_amount = (total * share).quantize(CENT, rounding=ROUND_HALF_UP)
                assert Decimal("0") < o.refund_amount < total
            if o.refund_amount is not None:
                o.refunded_at = min(o.ordered_at + timedelta(days=rng.randint(1, 13),
                                                             seconds=rng.randint(0, 86399)), END)
                assert o.refunded_at > o.ordered_at

    def check(self) -> None:
        # scenario guarantees the tests depend on
        by_contact: dict[str, Decimal] = {}
        for o in self.orders:
            if o.contact_id and o.status == "completed" and o.currency == "EUR":
                by_contact[o.contact_id] = by_contact.get(o.contact_id, Decimal(0)) + o.total
        for i in HIGH_VALUE:
            assert by_contact.get(f"C{i:05d}", Decimal(0)) > Decimal("1000"), i
        assert sum(1 for o in self.orders if o.guest_email) >= 10
        assert len(self.guest_matches) >= 10
        for ev in self.web + self.app:
            assert START <= ev.at <= END
        for o in self.orders:
            assert START <= o.ordered_at <= END


def _bad_web_and_app(gen: _Generator, rows: list[dict[str, str]], events: list[_Event],
                     actor_col: str, n_missing_id: int, n_no_actor: int, label: str):
    """Mutate/duplicate rows in place; returns the final row list and notes on bad rows."""
    rng = gen.rng
    candidates = [i for i, ev in enumerate(events) if ev.anon_plain and not ev.protected]
    n_dup = round(len(rows) * 0.015)
    picked = rng.sample(candidates, n_dup + 2 + n_missing_id + n_no_actor)
    dups = sorted(picked[:n_dup])
    rest = picked[n_dup:]
    notes: dict[str, list[str]] = {"duplicates": [rows[i]["event_id"] for i in dups]}
    i1, i2 = rest[0], rest[1]
    rows[i1]["event_timestamp"] = BAD_TS_1
    rows[i2]["event_timestamp"] = BAD_TS_2
    notes["bad_timestamp"] = [f"{rows[i1]['event_id']}={BAD_TS_1}",
                              f"{rows[i2]['event_id']}={BAD_TS_2}"]
    notes["missing_event_id"] = []
    for i in rest[2:2 + n_missing_id]:
        notes["missing_event_id"].append(
            f"(was {rows[i]['event_id']}) {actor_col}={rows[i][actor_col]}"
            f" at {rows[i]['event_timestamp']}")
        rows[i]["event_id"] = ""
    notes["no_actor"] = []
    for i in rest[2 + n_missing_id:]:
        notes["no_actor"].append(rows[i]["event_id"] + f" (was {actor_col}={rows[i][actor_col]})")
        rows[i][actor_col] = ""
        rows[i]["user_id"] = ""
    dup_set = dict.fromkeys(dups)
    out: list[dict[str, str]] = []
    for i, row in enumerate(rows):
        out.append(row)
        if i in dup_set:
            out.append(dict(row))
    gen.bad[label] = [f"{k}: {', '.join(v)}" for k, v in notes.items()]
    return out


def _build(seed: int) -> tuple[dict[str, list[dict[str, str]]], _Generator]:
    gen = _Generator(seed)
    gen.build_contacts()
    gen.plan()
    gen.render()
    gen.scenarios()
    gen.finish_orders()
    gen.check()
    rng = gen.rng

    tables: dict[str, list[dict[str, str]]] = {}

    # web events
    gen.web.sort(key=lambda e: (e.at, e.seq))
    web_rows = []
    for n, ev in enumerate(gen.web, start=1):
        row = {"event_id": f"web_{n:06d}", **ev.fields, "event_timestamp": ev.timestamp()}
        web_rows.append(row)
    tables["raw_shop__web_events.csv"] = _bad_web_and_app(
        gen, web_rows, gen.web, "cookie_id", 2, 2, "raw_shop__web_events.csv")

    # app events
    gen.app.sort(key=lambda e: (e.at, e.seq))
    app_rows = []
    for n, ev in enumerate(gen.app, start=1):
        app_rows.append({"event_id": f"app_{n:06d}", **ev.fields,
                         "event_timestamp": ev.timestamp()})
    tables["raw_shop__app_events.csv"] = _bad_web_and_app(
        gen, app_rows, gen.app, "device_id", 1, 1, "raw_shop__app_events.csv")

    # crm contacts (ordered by contact id as a CRM export would)
    protected = {f"C{i:05d}" for i in HIGH_VALUE + [PAT_LEE]}
    matched_ids = {m[0] for m in gen.guest_matches}
    ordering_ids = {o.contact_id for o in gen.orders if o.contact_id}
    plain = [c.contact_id for c in gen.contacts
             if c.contact_id not in protected and c.contact_id not in matched_ids
             and not c.contact_id.startswith("C_TWODEV")]
    picked = rng.sample(plain, 3)
    no_orders = [cid for cid in plain if cid not in ordering_ids and cid not in picked]
    bad_created = rng.choice(no_orders)
    crm_rows = []
    dup_contacts = set(picked)
    for c in gen.contacts:
        row = {
            "contact_id": c.contact_id, "user_id": c.user_id, "email": c.email, "phone": c.phone,
            "first_name": c.first, "last_name": c.last, "country_code": c.country_raw,
            "marketing_consent": c.consent,
            "created_at": BAD_TS_1 if c.contact_id == bad_created else _ts_z(c.created_at),
            "updated_at": _ts_z(c.updated_at),
        }
        crm_rows.append(row)
        if c.contact_id in dup_contacts:
            crm_rows.append(dict(row))
    tables["raw_shop__crm_contacts.csv"] = crm_rows
    gen.bad["raw_shop__crm_contacts.csv"] = [
        "duplicates: " + ", ".join(sorted(picked)),
        f"bad_timestamp: {bad_created} created_at={BAD_TS_1}",
    ]

    # orders and lines
    hv_ids = {f"C{i:05d}" for i in HIGH_VALUE} | {"C_TWODEV_1", "C_TWODEV_3"}
    guest_match_emails = {m[2] for m in gen.guest_matches}
    plain_orders = [o for o in gen.orders if o.status == "completed"
                    and o.contact_id not in hv_ids and o.guest_email not in guest_match_emails]
    picks = rng.sample(plain_orders, 6)
    dup_orders = {o.order_id for o in picks[:2]}
    xyz_order = picks[2]
    xyz_order.currency = "XYZ"
    bad_date_order = picks[3]
    bad_date_order.ordered_raw = BAD_TS_2
    dup_line_orders = {o.order_id for o in picks[4:6]}
    order_rows = []
    line_rows = []
    dup_line_ids = []
    for o in gen.orders:
        row = {
            "order_id": o.order_id, "contact_id": o.contact_id, "guest_email": o.guest_email,
            "guest_phone": "",  # the demo shop does not ask guests for a phone number
            "channel": o.channel,
            "ordered_at": o.ordered_raw if o.ordered_raw else _ts_z(o.ordered_at),
            "currency": o.currency, "status": o.status,
            "refund_amount": _money(o.refund_amount) if o.refund_amount is not None else "",
            "refunded_at": _ts_z(o.refunded_at) if o.refunded_at is not None else "",
        }
        order_rows.append(row)
        if o.order_id in dup_orders:
            order_rows.append(dict(row))
        for k, (sku, qty, price) in enumerate(o.lines):
            p = PRODUCT[sku]
            line = {"order_line_id": f"OL{len(line_rows) + 1 - len(dup_line_ids):06d}",
                    "order_id": o.order_id, "product_sku": sku, "product_name": p[1],
                    "product_category": p[2], "quantity": str(qty), "unit_price": _money(price)}
            line_rows.append(line)
            if o.order_id in dup_line_orders and k == 0:
                line_rows.append(dict(line))
                dup_line_ids.append(line["order_line_id"])
    orphan_ids = []
    for missing_order, sku, qty in [("ORD-999998", "AC-5003", 2), ("ORD-999999", "SN-2003", 1)]:
        p = PRODUCT[sku]
        oid = f"OL{len(line_rows) + 1 - len(dup_line_ids):06d}"
        orphan_ids.append(f"{oid}->{missing_order}")
        line_rows.append({"order_line_id": oid, "order_id": missing_order, "product_sku": sku,
                          "product_name": p[1], "product_category": p[2], "quantity": str(qty),
                          "unit_price": _money(_list_price(sku, "EUR"))})
    tables["raw_shop__orders.csv"] = order_rows
    tables["raw_shop__order_lines.csv"] = line_rows
    gen.bad["raw_shop__orders.csv"] = [
        "duplicates: " + ", ".join(sorted(dup_orders)),
        f"unknown_currency: {xyz_order.order_id} currency=XYZ",
        f"bad_timestamp: {bad_date_order.order_id} ordered_at={BAD_TS_2}",
    ]
    gen.bad["raw_shop__order_lines.csv"] = [
        "duplicates: " + ", ".join(dup_line_ids),
        "orphans: " + ", ".join(orphan_ids),
    ]
    return tables, gen


def write_demo_seeds(out_dir: Path, seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Generate the demo raw data set and write it as five CSV files into ``out_dir``.

    Args:
        out_dir: target folder (``pathlib.Path`` or a path string); created with its parents if
            missing. Existing files with the same names are overwritten; other files are left alone.
        seed: seed of the private ``random.Random``; the same seed always gives byte-identical
            files. The scenarios and bad rows documented in the module docstring hold for every
            seed; the generated ids quoted in ``seeds/demo/README.md`` hold for the default seed.

    Returns:
        ``{file name: number of data rows}`` (header excluded, duplicates and bad rows included)
        for ``raw_shop__web_events.csv`` (~3,000), ``raw_shop__app_events.csv`` (~1,000),
        ``raw_shop__crm_contacts.csv`` (~300), ``raw_shop__orders.csv`` (~400) and
        ``raw_shop__order_lines.csv`` (~900). Every cell is text (UTF-8, ``\\n`` line endings,
        header row, empty cell = missing); timestamps are strings in the source's own format,
        money values decimal strings with 2 places in the order's currency.

    Raises:
        TypeError: ``seed`` is not an ``int`` (``bool`` is refused too).
        OSError: the folder cannot be created or a file cannot be written.
    """
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise TypeError(f"seed must be an int, not {type(seed).__name__}")
    out_dir = Path(out_dir)
    tables, _ = _build(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for name, columns in FILE_COLUMNS.items():
        rows = tables[name]
        with open(out_dir / name, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            for row in rows:
                writer.writerow([row[col] for col in columns])
        counts[name] = len(rows)
    return counts


def _describe_bad_rows(seed: int = DEFAULT_SEED) -> dict[str, list[str]]:
    """Where the deliberate bad rows landed for ``seed`` (used to write the README)."""
    _, gen = _build(seed)
    return gen.bad


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the OpenProfile demo raw CSV files.")
    parser.add_argument("--out", type=Path, default=Path("seeds/demo"),
                        help="output folder (default: seeds/demo)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help=f"random seed (default: {DEFAULT_SEED})")
    args = parser.parse_args(argv)
    counts = write_demo_seeds(args.out, args.seed)
    for name, n in counts.items():
        print(f"{name}: {n} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
