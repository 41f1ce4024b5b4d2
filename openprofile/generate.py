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

**Later batches.** ``generate(N, S2, DIR, batch=n)`` (``openprofile generate --batch n --out
DIR``) adds batch n (1–9) to the load already in DIR, as part files
``batch-000n-part-*.parquet`` next to the first load's (batch n and later batches written
before are replaced). It reads the ground truth of the first load and of batches 1 … n−1 to
choose its *returning* people; its events lie n × 90 days after the first load's, its new
people have person numbers from n × 10,000,000 and its event, order and line ids a ``b<n>`` /
``B<n>-`` prefix, so every id stays unique across batches.

Structure (shares are of people unless said otherwise):

- 35 % register (a user id, a CRM contact with email, half with a phone; consent yes 60 % /
  no 25 % / unknown 15 %); the others never sign in. Registered people sign in on 40 % of
  their sessions. Emails appear in odd case and with spaces (20 % of raw values).
- People use 1–4 cookies of their own (55/25/12/8 %; a first session on the web is on the
  first), 25 % also an app device. **Households**: 3 % of new people join the household of the
  new person simulated before them (at most three members): they also use its cookie (their
  first web session is on it), and half of them its app device. A registered member whose
  household cookie already has a registered member's sign-in signs in on it too: one cookie,
  two known people.
- **Duplicate CRM contacts**: 2 % of registered people have a second contact ``D<number>``
  without user id: half with the same email in other case / with spaces, half (those with a
  phone) with the same phone, written ``06-…``, and another email address. 1 % of CRM rows
  are exported twice.
- **Orders**: of the registered who check out, 80 % order signed in (contact id), 20 % as guests
  with their own email (odd case) and half of those with their phone written ``06-…``. Half
  of the unregistered who check out order as guests: their email, half with a phone; of those
  with a phone, 2 % type the email of the last registered person before them (a gift; their own
  phone) and 2 % of the rest a dummy phone, ``020 123 4567``.
- **Events**: 0.5 % carry a junk user id (``undefined``, ``null``, ``0``); 0.5 % are sent twice;
  0.02 % have an unparseable timestamp; one web event per load or batch has a device clock
  years ahead (2031). Events span 2024-01-01 to 2024-03-31 (UTC) in the first load.
- **Later batches**: 20 % of a batch's people are *returning*: anonymous visitors of an earlier
  load or batch (own cookie used by them alone) who now register and sign in on that old
  cookie — so its anonymous history must join the new known profile — and half of them on a
  new cookie too. 3 % of a batch's sessions arrive late: dated in the week before the batch's
  period.

The ground truth lists every identifier that occurs in the data with the person it belongs
to, normalised like the identity graph (emails trimmed and lower-cased, phones E.164); an
identifier used by several people (household cookie or device, the dummy phone) is listed once
per person. ``is_linkable`` says whether the data ties it to its person's other identifiers: a
cookie or device once its owner signed in on it; user id, CRM contacts (duplicates included:
same email or phone), the CRM email and phone; a guest's email and phone when they appear
together on one order (the dummy phone never; a gift buyer's phone not, it stands next to
someone else's email). A later batch lists again what it uses (a returning person's old cookie,
now linkable): the truth is the union of all parts, an identifier linkable when any part says so
(:mod:`openprofile.identity_quality`).

What the identity rules (``models/intermediate/identity/``) are expected to make of the hard
cases, without changes: a cookie or device with two known people's sign-ins is *shared*
(equally near to two seeds) and merges nobody — right, and out of the precision count; a
duplicate CRM contact is a seed of its own (at most one ``crm_contact_id`` per profile,
``int_identity_limited_edges``/``int_identity_seeds``) and the email or phone it shares with
the first contact is equally near to both, so the person is split (recall); a gift buyer's
phone is nearest to the email's owner and joins that profile (precision); the dummy phone,
once typed with more emails than phone's hub limit (``max_links_per_type``, 5), is a hub
(``int_identity_hubs``) and merges none of its guests (below that, in very small data, they
form one unknown profile).
"""

import csv
import datetime as dt
import random
import shutil
import tempfile
from array import array
from pathlib import Path

import duckdb

START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
DAYS = 90
PERSONS_PER_BATCH = 10_000_000  # person numbers of batch n: n × this + 1, 2, …
MAX_BATCH = 9  # phones are "+316" + the person number's last 8 digits: unique up to batch 9
CATEGORIES = [("Leather shoes", "LS", 120), ("Sneakers", "SN", 90), ("Boots", "BO", 150),
              ("Sandals", "SA", 45)]
FIRST = ["anna", "bram", "chloe", "daan", "emma", "finn", "gijs", "hanna", "ilse", "jan",
         "kim", "lars", "mila", "noah", "olga", "pim", "roos", "sem", "tess", "vera"]
LAST = ["bakker", "jansen", "visser", "smit", "meijer", "mulder", "bos", "vos", "peters", "dekker"]
JUNK_USER_IDS = ["undefined", "null", "0"]
DUMMY_PHONE, DUMMY_PHONE_E164 = "020 123 4567", "+31201234567"  # never a generated phone
FUTURE_YEAR = 2031
# shares (see the module docstring)
REGISTERED_SHARE = 0.35
HOUSEHOLD_SHARE = 0.03
HOUSEHOLD_MAX_MEMBERS = 3
DUPLICATE_CONTACT_SHARE = 0.02
CRM_EXPORTED_TWICE_SHARE = 0.01
REGISTERED_GUEST_CHECKOUT_SHARE = 0.2
GIFT_SHARE = 0.02
DUMMY_PHONE_SHARE = 0.02
RETURNING_SHARE = 0.2
LATE_SESSION_SHARE = 0.03
LATE_DAYS = 7
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


def part_prefix(batch: int) -> str:
    """File name prefix of the part files of ``batch`` (0: the first load)."""
    return f"batch-{batch:04d}-part-" if batch else "part-"


class _PartWriter:
    """Rows of one table → Parquet part files of at most ``chunk_rows`` rows (via a CSV)."""

    def __init__(self, out: Path, table: str, chunk_rows: int, scratch: Path,
                 prefix: str) -> None:
        self.folder = out / table
        self.folder.mkdir(parents=True, exist_ok=True)
        self.table, self.chunk_rows, self.scratch = table, chunk_rows, scratch
        self.prefix = prefix
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
        target = self.folder / f"{self.prefix}{self.part:05d}.parquet"
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


def _national(phone: str) -> str:
    """``+31612345678`` as a Dutch visitor types it: ``06-12345678``."""
    return "0" + phone[3:4] + "-" + phone[4:]


def _phone(number: int) -> str:
    return f"+316{number % 100_000_000:08d}"


class _Returning:
    """Anonymous people of the earlier parts of a load, who may come back in a later batch.

    Candidates: people with no user id in the ground truth of the first load and of batches
    1 … n−1, with a cookie of their own that no one else used. Kept as compact arrays (a few
    bytes a person); a candidate is drawn at most once.
    """

    def __init__(self, out: Path, batch: int) -> None:
        folder = out / "ground_truth"
        files = sorted(folder.glob(part_prefix(0) + "*.parquet"))
        if not files:
            raise ValueError(f"batch {batch} adds to a first load, but {folder} holds none: "
                             "generate the first load (batch 0) into this folder first")
        for earlier in range(1, batch):
            files += sorted(folder.glob(part_prefix(earlier) + "*.parquet"))
        self.numbers, self.old_index, self.next_index = array("q"), array("b"), array("b")
        self.known: dict[int, tuple[str | None, str | None]] = {}  # number → (email, phone)
        with duckdb.connect() as connection:
            result = connection.execute("""
                with truth as (
                    select identifier_type, identifier_value, person_id
                    from read_parquet(?)
                ),
                owners as (
                    select identifier_type, identifier_value, count(distinct person_id) as owners
                    from truth group by all
                ),
                people as (
                    select
                        person_id,
                        bool_or(identifier_type = 'user_id') as is_registered,
                        max(identifier_value) filter (where identifier_type = 'email') as email,
                        max(identifier_value) filter (
                            where identifier_type = 'phone' and identifier_value != ?) as phone
                    from truth group by person_id
                ),
                own_cookies as (
                    select
                        truth.person_id,
                        cast(right(truth.identifier_value, 1) as integer) as cookie_index,
                        owners.owners
                    from truth
                    inner join owners using (identifier_type, identifier_value)
                    where truth.identifier_type = 'cookie_id'
                        and length(truth.identifier_value) = length(truth.person_id) + 2
                        and starts_with(truth.identifier_value,
                                        'ck' || substr(truth.person_id, 2))
                )
                select
                    cast(substr(people.person_id, 2) as bigint) as number,
                    min(own_cookies.cookie_index) filter (where own_cookies.owners = 1),
                    max(own_cookies.cookie_index) + 1,
                    any_value(people.email),
                    any_value(people.phone)
                from people
                inner join own_cookies using (person_id)
                where not people.is_registered
                group by people.person_id
                having min(own_cookies.cookie_index) filter (where own_cookies.owners = 1)
                    is not null
                order by number
            """, [[str(path) for path in files], DUMMY_PHONE_E164])
            while rows := result.fetchmany(100_000):
                for number, old_index, next_index, email, phone in rows:
                    self.numbers.append(number)
                    self.old_index.append(old_index)
                    self.next_index.append(next_index)
                    if email or phone:
                        self.known[number] = (email, phone)

    def draw(self, rng: random.Random) -> tuple[int, str, str, str | None, str | None] | None:
        """(number, old cookie, a new cookie id, email, phone) of a random candidate, or None."""
        if not self.numbers:
            return None
        index = rng.randrange(len(self.numbers))
        for column in (self.numbers, self.old_index, self.next_index):
            column[index], column[-1] = column[-1], column[index]
        number, old_index, next_index = (self.numbers.pop(), self.old_index.pop(),
                                         self.next_index.pop())
        email, phone = self.known.pop(number, (None, None))
        return (number, f"ck{number:08d}{old_index}", f"ck{number:08d}{next_index}", email,
                phone)


class _Household:
    """A cookie (and maybe an app device) that up to three people use."""

    def __init__(self, cookie: str, device: str) -> None:
        self.cookie, self.device = cookie, device
        self.members = 1
        self.has_sign_in = False  # a registered member signed in on the cookie


def generate(events: int, seed: int, out: Path, chunk_rows: int = 500_000,
             batch: int = 0) -> dict[str, int]:
    """Write about ``events`` web + app events (and their people's CRM contacts and orders).

    Args:
        events: target number of web + app events (≥ 1,000); the output has at least this many.
        seed: random seed; the same seed and events (and, for a batch, the same earlier parts)
            give byte-identical files.
        out: output folder. Batch 0 (a first load) replaces its table folders; batch n adds
            part files ``batch-000n-part-*`` to the load in it (replacing those of batches ≥ n).
        chunk_rows: rows per Parquet part file (bounds memory).
        batch: 0 for a first load; 1–9 for a later batch added to the load in ``out``: new
            people (person numbers from n × 10,000,000) and returning ones (see the module
            docstring), ids prefixed ``b<n>``, events n × 90 days later.

    Returns:
        Rows written per table (``ground_truth`` included) by this call.

    Raises:
        ValueError: ``events`` < 1,000, ``chunk_rows`` < 1, ``batch`` not in 0–9, a batch
            without a first load in ``out``, or more than 10,000,000 people in one part.
    """
    if events < 1000:
        raise ValueError("events must be at least 1,000")
    if chunk_rows < 1:
        raise ValueError("chunk_rows must be at least 1")
    if not 0 <= batch <= MAX_BATCH:
        raise ValueError(f"batch must be 0 (a first load) to {MAX_BATCH}")
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    returning = _Returning(out, batch) if batch else None
    for table in TABLES:
        if not batch:
            shutil.rmtree(out / table, ignore_errors=True)
            continue
        for later in range(batch, MAX_BATCH + 1):
            for part in (out / table).glob(part_prefix(later) + "*.parquet"):
                part.unlink()
    with tempfile.TemporaryDirectory() as scratch:
        writers = {table: _PartWriter(out, table, chunk_rows, Path(scratch), part_prefix(batch))
                   for table in TABLES}
        load = _Load(rng, writers, batch, events, returning)
        while writers["web_events"].total + writers["app_events"].total < events:
            load.person()
        for writer in writers.values():
            writer.flush()
        return {table: writer.total for table, writer in writers.items()}


class _Load:
    """The people of one load or batch, simulated one at a time."""

    def __init__(self, rng: random.Random, writers: dict[str, _PartWriter], batch: int,
                 events: int, returning: _Returning | None) -> None:
        self.rng, self.writers, self.truth = rng, writers, writers["ground_truth"]
        self.batch, self.returning = batch, returning
        self.web = self.app = self.order = self.line = 0
        self.number = batch * PERSONS_PER_BATCH
        self.first_day, self.last_day = batch * DAYS, (batch + 1) * DAYS - 0.01
        self.event_prefix = f"b{batch}" if batch else ""
        self.order_prefix = f"B{batch}-" if batch else ""
        self.future_web_event = events // 2  # web events are ~90 % of all: always reached
        self.household: _Household | None = None
        self.last_registered_email: str | None = None

    def person(self) -> None:
        rng = self.rng
        back = (self.returning.draw(rng)
                if self.returning is not None and rng.random() < RETURNING_SHARE else None)
        household, forced, first_cookie = None, "", ""
        if back:
            # an anonymous visitor of an earlier part registers now, signing in on the old cookie
            number, old_cookie, new_cookie, email, phone = back
            registered = True
            if email:
                first, last = email.split("@")[0].rstrip("0123456789").split(".")
            else:
                first, last = rng.choice(FIRST), rng.choice(LAST)
                email = f"{first}.{last}{number}@example.{rng.choice(['com', 'net', 'org'])}"
            cookies = [old_cookie] + ([new_cookie] if rng.random() < 0.5 else [])
            devices: list[str] = []
            forced = first_cookie = old_cookie
        else:
            self.number += 1
            number, phone = self.number, None
            if number >= (self.batch + 1) * PERSONS_PER_BATCH:
                raise ValueError(f"more than {PERSONS_PER_BATCH:,} people in one load or batch")
            registered = rng.random() < REGISTERED_SHARE
            first, last = rng.choice(FIRST), rng.choice(LAST)
            email = f"{first}.{last}{number}@example.{rng.choice(['com', 'net', 'org'])}"
            cookies = [f"ck{number:08d}{index}" for index in range(rng.choices(
                [1, 2, 3, 4], weights=[55, 25, 12, 8])[0])]
            devices = [f"dv{number:08d}"] if rng.random() < 0.25 else []
            if (self.household is not None and self.household.members < HOUSEHOLD_MAX_MEMBERS
                    and rng.random() < HOUSEHOLD_SHARE):
                household = self.household
                household.members += 1
                cookies.append(household.cookie)
                first_cookie = household.cookie  # they joined on the household computer
                if household.device and rng.random() < 0.5:
                    devices.append(household.device)
                if registered and household.has_sign_in:
                    forced = household.cookie
            else:
                self.household = _Household(cookies[0], devices[0] if devices else "")
                household = self.household
        person_id = f"p{number:08d}"
        user_id = f"u{number:08d}" if registered else ""
        first_day = rng.uniform(self.first_day, self.last_day - 1)
        used: set[str] = set()
        signed_in: set[str] = set()
        session_count = 1 + min(int(rng.expovariate(0.35)), 40)
        checkout = False
        for session in range(session_count):
            day = min(first_day + rng.expovariate(0.15), self.last_day)
            if self.batch and rng.random() < LATE_SESSION_SHARE:
                day = self.first_day - rng.uniform(0, LATE_DAYS)  # arrives with this batch
            moment = START + dt.timedelta(days=day, seconds=rng.randrange(86_400))
            use_app = bool(devices) and rng.random() < 0.4
            signs_in = registered and rng.random() < 0.4
            carrier = rng.choice(devices) if use_app else rng.choice(cookies)
            if session == 0 and forced:  # signs in on the old or the household cookie
                use_app, carrier, signs_in = False, forced, True
            elif session == 0 and not use_app:
                carrier = first_cookie or cookies[0]
            used.add(carrier)
            if signs_in:
                signed_in.add(carrier)
            checkout |= self._session(carrier, use_app, user_id if signs_in else "", moment)
        if household is not None and registered and household.cookie in signed_in:
            household.has_sign_in = True
        if registered:
            self._registered(number, person_id, user_id, email, phone, first, last, first_day,
                             checkout)
            self.last_registered_email = email
        elif checkout and rng.random() < 0.5:
            self._guest(number, person_id, email, first_day)
        # a cookie or device is linkable when its owner signed in on it; a shared one is listed
        # under each person who used it
        for carrier_type, carriers in [("cookie_id", cookies), ("device_id", devices)]:
            for carrier in carriers:
                if carrier in used:
                    self.truth.write([carrier_type, carrier, person_id,
                                      "true" if carrier in signed_in else "false"])

    def _registered(self, number: int, person_id: str, user_id: str, email: str,
                    phone: str | None, first: str, last: str, first_day: float,
                    checkout: bool) -> None:
        rng, crm = self.rng, self.writers["crm_contacts"]
        contact_id = f"C{number:08d}"
        if phone is None:
            phone = _phone(number) if rng.random() < 0.5 else ""
        consent = rng.choices(["yes", "no", ""], weights=[60, 25, 15])[0]
        created = START + dt.timedelta(days=first_day)
        row = [contact_id, user_id, _odd_case(rng, email), phone, first.capitalize(),
               last.capitalize(), "NL", consent, _timestamp(created), _timestamp(created)]
        crm.write(row)
        if rng.random() < CRM_EXPORTED_TWICE_SHARE:
            crm.write(row)
        for identifier_type, value in [("user_id", user_id), ("crm_contact_id", contact_id),
                                       ("email", email), ("phone", phone)]:
            if value:
                self.truth.write([identifier_type, value, person_id, "true"])
        if rng.random() < DUPLICATE_CONTACT_SHARE:
            # a second record of the same person (customer service, an old import): no user id
            duplicate_id = f"D{number:08d}"
            duplicated = START + dt.timedelta(days=min(first_day + rng.uniform(1, 30),
                                                       self.last_day))
            if phone and rng.random() < 0.5:
                other_email = f"{first}{number}@example.com"
                crm.write([duplicate_id, "", other_email, _national(phone), first.capitalize(),
                           last.capitalize(), "NL", "", _timestamp(duplicated),
                           _timestamp(duplicated)])
                self.truth.write(["email", other_email, person_id, "true"])
            else:
                other_case = email.upper() if rng.random() < 0.5 else f" {email.title()}  "
                crm.write([duplicate_id, "", other_case, "", first.capitalize(),
                           last.capitalize(), "NL", "", _timestamp(duplicated),
                           _timestamp(duplicated)])
            self.truth.write(["crm_contact_id", duplicate_id, person_id, "true"])
        if not checkout:
            return
        if rng.random() >= REGISTERED_GUEST_CHECKOUT_SHARE:
            self._order(contact_id, "", "", first_day)
            return
        # checks out as a guest, with the email of the account (and maybe the phone)
        guest_phone = (phone or _phone(number)) if rng.random() < 0.5 else ""
        self._order("", _odd_case(rng, email), _national(guest_phone) if guest_phone else "",
                    first_day)
        if guest_phone and not phone:
            self.truth.write(["phone", guest_phone, person_id, "true"])

    def _guest(self, number: int, person_id: str, email: str, first_day: float) -> None:
        rng = self.rng
        phone = _phone(number) if rng.random() < 0.5 else ""
        if phone and self.last_registered_email and rng.random() < GIFT_SHARE:
            # someone else's email (a gift for them) next to the buyer's own phone
            self._order("", _odd_case(rng, self.last_registered_email), _national(phone),
                        first_day)
            self.truth.write(["phone", phone, person_id, "false"])
            return
        if phone and rng.random() < DUMMY_PHONE_SHARE:
            self._order("", _odd_case(rng, email), DUMMY_PHONE, first_day)
            self.truth.write(["email", email, person_id, "false"])
            self.truth.write(["phone", DUMMY_PHONE_E164, person_id, "false"])
            return
        self._order("", _odd_case(rng, email), _national(phone) if phone else "", first_day)
        self.truth.write(["email", email, person_id, "true" if phone else "false"])
        if phone:
            self.truth.write(["phone", phone, person_id, "true"])

    def _session(self, carrier: str, app: bool, user_id: str, moment: dt.datetime) -> bool:
        rng = self.rng
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
            future = False
            if app:
                self.app += 1
                screen = {"product_view": "product_detail", "page_view": "home",
                          "sign_in": "login", "add_to_cart": "cart", "checkout": "checkout"}[name]
                row = [f"gapp{self.event_prefix}_{self.app:010d}", carrier, current_user,
                       "screen_view" if name == "checkout" else name, screen,
                       sku if product else "", f"{category} {sku}" if product else "",
                       category if product else "", "ios", stamp]
                table = "app_events"
            else:
                self.web += 1
                if self.web == self.future_web_event:  # a device clock years ahead
                    future = True
                    stamp = _timestamp(moment.replace(year=FUTURE_YEAR, day=min(moment.day, 28)))
                page = {"product_view": f"/products/{sku}", "page_view": "/",
                        "sign_in": "/account/login", "add_to_cart": f"/products/{sku}",
                        "checkout": "/checkout"}[name]
                medium = rng.choice(["", "", "cpc", "email"]) if landing else ""
                row = [f"gweb{self.event_prefix}_{self.web:010d}", carrier, current_user,
                       "checkout_started" if name == "checkout" else name,
                       "https://www.example-shoes.com" + page,
                       "https://www.google.com/" if landing and not medium and rng.random() < 0.5
                       else "", "newsletter" if medium == "email" else ("google" if medium else ""),
                       medium, "winter" if medium else "", sku if product else "",
                       f"{category} {sku}" if product else "", category if product else "",
                       stamp]
                table = "web_events"
            self.writers[table].write(row)
            if rng.random() < 0.005 and not future:
                self.writers[table].write(row)  # sent twice
            landing = False
        return "checkout" in steps

    def _order(self, contact_id: str, guest_email: str, guest_phone: str,
               first_day: float) -> None:
        rng = self.rng
        self.order += 1
        order_id = f"GORD-{self.order_prefix}{self.order:09d}"
        ordered = START + dt.timedelta(days=min(first_day + rng.uniform(0, 20), self.last_day))
        status = rng.choices(["completed", "refunded", "cancelled"], weights=[90, 6, 4])[0]
        total = 0
        for _ in range(rng.randint(1, 3)):
            category, prefix, price = rng.choice(CATEGORIES)
            sku = f"{prefix}-{1000 + rng.randrange(40)}"
            quantity = rng.randint(1, 2)
            total += quantity * price
            self.line += 1
            self.writers["order_lines"].write([
                f"GOL-{self.order_prefix}{self.line:010d}", order_id, sku, f"{category} {sku}",
                category, str(quantity), f"{price}.00"])
        refunded = ordered + dt.timedelta(days=3)
        self.writers["orders"].write([
            order_id, contact_id, guest_email, guest_phone, "web", _timestamp(ordered), "EUR",
            status, f"{total}.00" if status == "refunded" else "",
            _timestamp(refunded) if status == "refunded" else ""])
