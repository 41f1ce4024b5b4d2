"""Scale data generator: raw shop data of any size, with the ground truth of who is who.

``openprofile generate --events N --seed S --out DIR`` writes Parquet files in the shape of the
demo seeds (every column text, as a raw landing table holds it)::

    DIR/web_events/part-00000.parquet   event_id, cookie_id, user_id, event_name, page_url, …
    DIR/app_events/part-00000.parquet   event_id, device_id, user_id, event_name, screen_name, …
    DIR/crm_contacts/part-00000.parquet contact_id, user_id, email, phone, …, marketing_consent
    DIR/orders/part-00000.parquet       order_id, contact_id, guest_email, guest_phone, …
    DIR/order_lines/part-00000.parquet  order_line_id, order_id, product_sku, …
    DIR/ground_truth/part-00000.parquet identifier_type, identifier_value, person_id, is_linkable

Build from them with ``openprofile build --vars '{shop_raw_path: DIR}'`` (the demo input reads
these files instead of the seeds). Memory is bounded: people are simulated one at a time and
rows are flushed to a new part file every ``chunk_rows`` rows.

Structure (shares are of people unless said otherwise): 35 % register (a user id, a CRM contact
with email, half with a phone; consent yes 60 % / no 25 % / unknown 15 % of contacts); the
others never sign in. People use 1–4 cookies (55/25/12/8 %), 25 % also the app. 3 % share one
cookie with the person simulated before them (a household device). Registered people sign in
on 40 % of their sessions; a cookie or device on which its owner signed in is *linkable*. Emails
appear in odd case and with spaces; 0.5 % of events carry a junk user id (``undefined``,
``null``, ``0``); 0.5 % of events are sent twice; 0.02 % have an unparseable timestamp. Some
unregistered people check out as guests with their email. Events span 2024-01-01 to
2024-03-31 (UTC).

The ground truth lists every identifier with the person it belongs to (a shared cookie once per
person), normalised like the identity graph (emails trimmed and lower-cased, phones E.164).
``is_linkable`` says whether the data can tie it to its person's other identifiers.
"""

import csv
import datetime as dt
import random
import shutil
import tempfile
from pathlib import Path

import duckdb

START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
DAYS = 90
CATEGORIES = [("Leather shoes", "LS", 120), ("Sneakers", "SN", 90), ("Boots", "BO", 150),
              ("Sandals", "SA", 45)]
FIRST = ["anna", "bram", "chloe", "daan", "emma", "finn", "gijs", "hanna", "ilse", "jan",
         "kim", "lars", "mila", "noah", "olga", "pim", "roos", "sem", "tess", "vera"]
LAST = ["bakker", "jansen", "visser", "smit", "meijer", "mulder", "bos", "vos", "peters", "dekker"]
JUNK_USER_IDS = ["undefined", "null", "0"]
TABLES = {
    "web_events": ["event_id", "cookie_id", "user_id", "event_name", "page_url", "referrer_url",
                   "utm_source", "utm_medium", "utm_campaign", "product_sku", "product_name",
                   "product_category", "event_timestamp"],
    "app_events": ["event_id", "device_id", "user_id", "event_name", "screen_name",
                   "product_sku", "product_name", "product_category", "platform",
                   "event_timestamp"],
    "crm_contacts": ["contact_id", "user_id", "email", "phone", "first_name", "last_name",
                     "country_code", "marketing_consent", "created_at", "updated_at"],
    "orders": ["order_id", "contact_id", "guest_email", "guest_phone", "channel", "ordered_at",
               "currency", "status", "refund_amount", "refunded_at"],
    "order_lines": ["order_line_id", "order_id", "product_sku", "product_name",
                    "product_category", "quantity", "unit_price"],
    "ground_truth": ["identifier_type", "identifier_value", "person_id", "is_linkable"],
}


class _PartWriter:
    """Rows of one table → Parquet part files of at most ``chunk_rows`` rows (via a CSV)."""

    def __init__(self, out: Path, table: str, chunk_rows: int, scratch: Path) -> None:
        self.folder = out / table
        self.folder.mkdir(parents=True, exist_ok=True)
        self.table, self.chunk_rows, self.scratch = table, chunk_rows, scratch
        self.part, self.rows, self.handle, self.writer = 0, 0, None, None
        self.total = 0

    def write(self, row: list[str]) -> None:
        if self.writer is None:
            self.handle = (self.scratch / f"{self.table}.csv").open("w", newline="",
                                                                    encoding="utf-8")
            self.writer = csv.writer(self.handle, lineterminator="\n")
            self.writer.writerow(TABLES[self.table])
        self.writer.writerow(row)
        self.rows += 1
        self.total += 1
        if self.rows >= self.chunk_rows:
            self.flush()

    def flush(self) -> None:
        if self.writer is None:
            return
        self.handle.close()
        source = self.scratch / f"{self.table}.csv"
        target = self.folder / f"part-{self.part:05d}.parquet"
        with duckdb.connect() as connection:
            connection.execute(
                "copy (select * from read_csv(?, all_varchar = true, header = true,"
                " quote = '\"', escape = '\"', auto_detect = false, columns = ?))"
                " to '" + str(target).replace("'", "''") + "' (format parquet)",
                [str(source), {name: "VARCHAR" for name in TABLES[self.table]}],
            )
        source.unlink()
        self.part += 1
        self.rows, self.handle, self.writer = 0, None, None


def _timestamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _odd_case(rng: random.Random, email: str) -> str:
    roll = rng.random()
    if roll < 0.1:
        return email.upper()
    if roll < 0.2:
        return f"  {email.capitalize()} "
    return email


def generate(events: int, seed: int, out: Path, chunk_rows: int = 500_000,
             batch: int = 0) -> dict[str, int]:
    """Write about ``events`` web + app events (and their people's CRM contacts and orders).

    Args:
        events: target number of web + app events (≥ 1,000); the output has at least this many.
        seed: random seed; the same seed and events give byte-identical files.
        out: output folder; its table folders are replaced.
        chunk_rows: rows per Parquet part file (bounds memory).
        batch: 0 for a first load; n > 0 gives a later batch to add to it: new people
            (person numbers from n × 10,000,000), ids prefixed ``b<n>``, events n × 90 days
            later.

    Returns:
        Rows written per table (``ground_truth`` included).

    Raises:
        ValueError: ``events`` < 1,000 or ``chunk_rows`` < 1.
    """
    if events < 1000:
        raise ValueError("events must be at least 1,000")
    if chunk_rows < 1:
        raise ValueError("chunk_rows must be at least 1")
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        shutil.rmtree(out / table, ignore_errors=True)
    with tempfile.TemporaryDirectory() as scratch:
        writers = {table: _PartWriter(out, table, chunk_rows, Path(scratch)) for table in TABLES}
        state = {"web": 0, "app": 0, "order": 0, "line": 0, "batch": batch}
        person = batch * 10_000_000
        previous_cookie: str | None = None
        while writers["web_events"].total + writers["app_events"].total < events:
            person += 1
            previous_cookie = _person(rng, person, writers, state, previous_cookie)
        for writer in writers.values():
            writer.flush()
        return {table: writer.total for table, writer in writers.items()}


def _person(rng: random.Random, number: int, writers: dict[str, _PartWriter],
            state: dict[str, int], previous_cookie: str | None) -> str:
    # person numbers of a later batch start at batch × 10,000,000 (ids stay unique)
    person_id = f"p{number:08d}"
    registered = rng.random() < 0.35
    first, last = rng.choice(FIRST), rng.choice(LAST)
    email = f"{first}.{last}{number}@example.{rng.choice(['com', 'net', 'org'])}"
    user_id = f"u{number:08d}" if registered else ""
    truth = writers["ground_truth"]
    cookies = [f"ck{number:08d}{index}" for index in range(rng.choices(
        [1, 2, 3, 4], weights=[55, 25, 12, 8])[0])]
    shared = previous_cookie is not None and rng.random() < 0.03
    if shared:
        cookies.append(previous_cookie)
    device = f"dv{number:08d}" if rng.random() < 0.25 else ""
    first_day = rng.uniform(0, DAYS - 1) + state["batch"] * DAYS
    signed_in: set[str] = set()
    session_count = 1 + min(int(rng.expovariate(0.35)), 40)
    checkout = False
    for _ in range(session_count):
        moment = START + dt.timedelta(days=min(first_day + rng.expovariate(0.15),
                                               (state["batch"] + 1) * DAYS - 0.01),
                                      seconds=rng.randrange(86_400))
        use_app = device and rng.random() < 0.4
        signs_in = registered and rng.random() < 0.4
        carrier = device if use_app else rng.choice(cookies)
        if signs_in:
            signed_in.add(carrier)
        checkout |= _session(rng, writers, state, carrier, bool(use_app),
                             user_id if signs_in else "", moment)
    if registered:
        contact_id = f"C{number:08d}"
        phone = f"+316{number % 100_000_000:08d}" if rng.random() < 0.5 else ""
        consent = rng.choices(["yes", "no", ""], weights=[60, 25, 15])[0]
        created = START + dt.timedelta(days=first_day)
        writers["crm_contacts"].write([
            contact_id, user_id, _odd_case(rng, email), phone, first.capitalize(),
            last.capitalize(), "NL", consent, _timestamp(created), _timestamp(created)])
        for identifier_type, value in [("user_id", user_id), ("crm_contact_id", contact_id),
                                       ("email", email), ("phone", phone)]:
            if value:
                truth.write([identifier_type, value, person_id, "true"])
        if checkout:
            _order(rng, writers, state, contact_id, "", first_day)
    elif checkout and rng.random() < 0.5:
        _order(rng, writers, state, "", _odd_case(rng, email), first_day)
        truth.write(["email", email, person_id, "false"])
    # a cookie or device is linkable when its owner signed in on it; a shared cookie is listed
    # under each person who used it
    for carrier_type, carriers in [("cookie_id", cookies), ("device_id", [device] if device else [])]:
        for carrier in carriers:
            truth.write([carrier_type, carrier, person_id,
                         "true" if carrier in signed_in else "false"])
    return cookies[0]


def _session(rng: random.Random, writers: dict[str, _PartWriter], state: dict[str, int],
             carrier: str, app: bool, user_id: str, moment: dt.datetime) -> bool:
    prefix_id = f"b{state['batch']}" if state["batch"] else ""
    category, prefix, price = rng.choice(CATEGORIES)
    steps = ["view"] * rng.randint(2, 10)
    if user_id:
        steps.insert(rng.randrange(len(steps)), "sign_in")
    roll = rng.random()
    if roll < 0.25:
        steps.append("add_to_cart")
    if roll < 0.08:
        steps.append("checkout")
    landing, signed_in = True, False
    for step in steps:
        moment += dt.timedelta(seconds=rng.randint(5, 300))
        sku = f"{prefix}-{1000 + rng.randrange(40)}"
        product = step in ("add_to_cart",) or (step == "view" and rng.random() < 0.6)
        name = {"view": "product_view" if product else "page_view"}.get(step, step)
        stamp = _timestamp(moment) if rng.random() >= 0.0002 else "not-a-date"
        if step == "sign_in":
            signed_in = True
        current_user = user_id if signed_in else ""
        if not current_user and rng.random() < 0.005:
            current_user = rng.choice(JUNK_USER_IDS)
        if app:
            state["app"] += 1
            screen = {"product_view": "product_detail", "page_view": "home",
                      "sign_in": "login", "add_to_cart": "cart", "checkout": "checkout"}[name]
            row = [f"gapp{prefix_id}_{state['app']:010d}", carrier, current_user,
                   "screen_view" if name == "checkout" else name, screen,
                   sku if product else "", f"{category} {sku}" if product else "",
                   category if product else "", "ios", stamp]
            table = "app_events"
        else:
            state["web"] += 1
            page = {"product_view": f"/products/{sku}", "page_view": "/",
                    "sign_in": "/account/login", "add_to_cart": f"/products/{sku}",
                    "checkout": "/checkout"}[name]
            medium = rng.choice(["", "", "cpc", "email"]) if landing else ""
            row = [f"gweb{prefix_id}_{state['web']:010d}", carrier, current_user,
                   "checkout_started" if name == "checkout" else name,
                   "https://www.example-shoes.com" + page,
                   "https://www.google.com/" if landing and not medium and rng.random() < 0.5
                   else "", "newsletter" if medium == "email" else ("google" if medium else ""),
                   medium, "winter" if medium else "", sku if product else "",
                   f"{category} {sku}" if product else "", category if product else "", stamp]
            table = "web_events"
        writers[table].write(row)
        if rng.random() < 0.005:
            writers[table].write(row)  # sent twice
        landing = False
    return "checkout" in steps


def _order(rng: random.Random, writers: dict[str, _PartWriter], state: dict[str, int],
           contact_id: str, guest_email: str, first_day: float) -> None:
    state["order"] += 1
    batch_id = f"B{state['batch']}-" if state["batch"] else ""
    order_id = f"GORD-{batch_id}{state['order']:09d}"
    ordered = START + dt.timedelta(days=min(first_day + rng.uniform(0, 20),
                                            (state["batch"] + 1) * DAYS - 0.01))
    status = rng.choices(["completed", "refunded", "cancelled"], weights=[90, 6, 4])[0]
    total = 0
    for _ in range(rng.randint(1, 3)):
        category, prefix, price = rng.choice(CATEGORIES)
        sku = f"{prefix}-{1000 + rng.randrange(40)}"
        quantity = rng.randint(1, 2)
        total += quantity * price
        state["line"] += 1
        writers["order_lines"].write([f"GOL-{batch_id}{state['line']:010d}", order_id, sku,
                                      f"{category} {sku}", category, str(quantity),
                                      f"{price}.00"])
    refunded = ordered + dt.timedelta(days=3)
    writers["orders"].write([
        order_id, contact_id, guest_email, "", "web", _timestamp(ordered), "EUR", status,
        f"{total}.00" if status == "refunded" else "",
        _timestamp(refunded) if status == "refunded" else ""])
