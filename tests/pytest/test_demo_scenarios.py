"""End to end on the demo seeds: the product brief's scenarios hold in the built marts.

Expected values come from the scenario definitions in seeds/demo/README.md (what the raw data
says), never from the models' own output.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal

from openprofile.cli import PROJECT_ROOT


def customer_of(db, identifier_value: str, identifier_type: str | None = None) -> str:
    query = "select customer_id from marts.dim_customer_keys where identifier_value = ?"
    params = [identifier_value]
    if identifier_type:
        query += " and identifier_type = ?"
        params.append(identifier_type)
    rows = db.execute(query, params).fetchall()
    assert len(rows) == 1, f"{identifier_value!r} should resolve to exactly one profile: {rows}"
    return rows[0][0]


def test_mobile_guest_is_an_unknown_profile_in_the_leather_shoe_segment(demo_db):
    customer_id = customer_of(demo_db, "mobile_guest123", "device_id")
    is_known, identifier_count = demo_db.execute(
        "select is_known, identifier_count from marts.dim_customers where customer_id = ?",
        [customer_id],
    ).fetchone()
    assert is_known is False
    assert identifier_count == 1
    segments = {
        row[0]
        for row in demo_db.execute(
            "select segment_name from marts.segment_memberships where customer_id = ?",
            [customer_id],
        ).fetchall()
    }
    assert "leather_shoe_browsers_without_checkout" in segments
    assert "unknown_visitors" in segments
    assert "mobile_app_users" in segments
    assert "high_value_customers" not in segments


def test_cookie_and_user_id_are_one_profile_with_four_activities_in_order(demo_db):
    profile = customer_of(demo_db, "CookieID1", "cookie_id")
    assert customer_of(demo_db, "abc123", "user_id") == profile
    activities = demo_db.execute(
        "select activity_type, activity_name, occurred_at from marts.fct_activities"
        " where customer_id = ? order by occurred_at, activity_id",
        [profile],
    ).fetchall()
    # Day-first Amsterdam wall-clock times (CEST, UTC+2 in September) as UTC instants.
    assert activities == [
        ("product_view", "Productweergave", dt.datetime(2022, 9, 15, 7, 0)),
        ("add_to_cart", "Toevoegen aan winkelwagen", dt.datetime(2022, 9, 15, 7, 2)),
        ("product_view", "Productweergave", dt.datetime(2022, 9, 21, 7, 5)),
        ("add_to_cart", "Toevoegen aan winkelwagen", dt.datetime(2022, 9, 21, 7, 7)),
    ]
    assert demo_db.execute(
        "select is_known from marts.dim_customers where customer_id = ?", [profile]
    ).fetchone() == (True,)


def test_two_device_visitors_are_one_known_profile_each(demo_db):
    profiles = []
    for n in range(1, 5):
        ids = {
            customer_of(demo_db, f"cookie_twodev_{n}", "cookie_id"),
            customer_of(demo_db, f"device_twodev_{n}", "device_id"),
            customer_of(demo_db, f"u_twodev_{n}", "user_id"),
            customer_of(demo_db, f"C_TWODEV_{n}", "crm_contact_id"),
        }
        assert len(ids) == 1, f"two-device visitor {n} is split over {ids}"
        profiles.append(ids.pop())
    assert len(set(profiles)) == 4, "the four two-device visitors must stay four people"
    known = demo_db.execute(
        f"select count(*) from marts.dim_customers where is_known and customer_id in "
        f"({', '.join('?' * len(profiles))})",
        profiles,
    ).fetchone()[0]
    assert known == 4
    # The anonymous browsing before the sign-in belongs to the known profile.
    first_seen = demo_db.execute(
        "select min(occurred_at) from marts.fct_activities where customer_id = ?"
        " and attributed_identifier_type in ('cookie_id', 'device_id')",
        [profiles[0]],
    ).fetchone()[0]
    assert first_seen is not None


def test_guest_checkout_with_crm_email_joins_the_contact(demo_db):
    # CRM C00042 has '  Pat.Lee@Example.COM '; guest orders ORD-100209 and ORD-100378 use
    # pat.lee@example.com.
    contact_profile = customer_of(demo_db, "C00042", "crm_contact_id")
    assert customer_of(demo_db, "pat.lee@example.com", "email") == contact_profile
    order_profiles = {
        row[0]
        for row in demo_db.execute(
            "select customer_id from marts.fct_activities where order_id in"
            " ('ORD-100209', 'ORD-100378')"
        ).fetchall()
    }
    assert order_profiles == {contact_profile}
    email, first_name, last_name = demo_db.execute(
        "select email, first_name, last_name from marts.dim_customers where customer_id = ?",
        [contact_profile],
    ).fetchone()
    assert (email, first_name, last_name) == ("pat.lee@example.com", "Pat", "Lee")


def _contact_net_revenue_eur() -> dict[str, Decimal]:
    """Oracle from the raw seed files, in plain Python: net revenue in EUR per CRM contact
    (own orders plus guest orders with the contact's email), non-cancelled orders minus
    refunds, each converted at the fx_rates.csv rate valid on its UTC date."""
    seeds = PROJECT_ROOT / "seeds"

    def read(name):
        with (seeds / name).open(newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    rates = sorted((row["valid_from"], row["currency"], Decimal(row["rate"]))
                   for row in read("config/fx_rates.csv") if row["to_currency"] == "EUR")

    def to_eur(amount: Decimal, currency: str, date: str) -> Decimal | None:
        if currency == "EUR":
            return amount
        valid = [rate for since, cur, rate in rates if cur == currency and since <= date]
        return amount * valid[-1] if valid else None

    totals: dict[str, Decimal] = {}
    for line in {tuple(row.items()): row for row in read("demo/raw_shop__order_lines.csv")}.values():
        try:
            amount = int(line["quantity"]) * Decimal(line["unit_price"])
        except (ValueError, ArithmeticError):
            continue
        totals[line["order_id"]] = totals.get(line["order_id"], Decimal(0)) + amount
    email_owner = {row["email"].strip().lower(): row["contact_id"]
                   for row in read("demo/raw_shop__crm_contacts.csv") if row["email"].strip()}
    net: dict[str, Decimal] = {}
    for order in {row["order_id"]: row for row in read("demo/raw_shop__orders.csv")}.values():
        owner = order["contact_id"] or email_owner.get(order["guest_email"].strip().lower())
        if not owner or order["status"] == "cancelled" or order["order_id"] not in totals:
            continue
        placed = to_eur(totals[order["order_id"]], order["currency"], order["ordered_at"][:10])
        if placed is None:
            continue
        refund = Decimal(0)
        if order["refund_amount"]:
            refund = to_eur(Decimal(order["refund_amount"]), order["currency"],
                            order["refunded_at"][:10])
        net[owner] = net.get(owner, Decimal(0)) + placed - refund
    return net


def test_high_value_segment_matches_the_raw_orders(demo_db):
    members = {
        row[0]
        for row in demo_db.execute(
            "select customer_id from marts.segment_memberships"
            " where segment_name = 'high_value_customers'"
        ).fetchall()
    }
    expected_contacts = {c for c, amount in _contact_net_revenue_eur().items() if amount >= 1000}
    # The seeded big spenders of seeds/demo/README.md are among them.
    assert {"C00057", "C00011", "C00123", "C00234"} <= expected_contacts
    assert members == {customer_of(demo_db, c, "crm_contact_id") for c in expected_contacts}


def test_every_activity_of_the_seeds_is_in_the_timeline(demo_db):
    # Staged events + CRM contacts (created, plus updated where changed) + orders + refunds.
    expected = demo_db.execute(
        """
        select
            (select count(*) from staging.stg_shop__web_events)
            + (select count(*) from staging.stg_shop__app_events)
            + (select count(*) from staging.stg_shop__crm_contacts)
            + (select count(*) from staging.stg_shop__crm_contacts where updated_at > created_at)
            + (select count(*) from staging.stg_shop__orders)
            + (select count(*) from staging.stg_shop__orders where refund_amount is not null)
        """
    ).fetchone()[0]
    # Two demo people are erased on request (seeds/config/erasure_requests.csv): their
    # activities are in the attributed timeline but in no mart.
    attributed, erased = demo_db.execute(
        "select count(*), count(*) filter (where customer_id in"
        " (select customer_id from intermediate.int_erased_identifiers))"
        " from intermediate.int_activities_attributed"
    ).fetchone()
    assert attributed == expected
    assert erased > 0
    assert demo_db.execute("select count(*) from marts.fct_activities").fetchone()[0] == (
        expected - erased)


def test_raw_rows_reconcile_with_staged_duplicates_and_quarantine(demo_db):
    rows = demo_db.execute(
        "select source_table, raw_row_count, staged_row_count, duplicate_row_count,"
        " quarantined_row_count from quality.row_count_reconciliation"
    ).fetchall()
    assert {row[0] for row in rows} == {
        "shop.web_events", "shop.app_events", "shop.crm_contacts", "shop.orders",
        "shop.order_lines",
    }
    for source_table, raw, staged, duplicates, quarantined in rows:
        table = source_table.replace("shop.", "raw_shop__")
        assert raw == demo_db.execute(f"select count(*) from raw.{table}").fetchone()[0]
        assert raw == staged + duplicates + quarantined, source_table
    # The deliberate bad rows of seeds/demo/README.md are quarantined with their reason.
    reasons = dict(
        demo_db.execute(
            "select json_extract_string(raw_record, '$.event_id'), quarantine_reason"
            " from quality.quarantined_records where source_table = 'shop.web_events'"
        ).fetchall()
    )
    assert reasons["web_002248"] == "unparseable event_timestamp"
    assert reasons["web_002333"] == "unparseable event_timestamp"
    assert reasons["web_000143"].startswith("no identifier")
    orphans = demo_db.execute(
        "select count(*) from quality.quarantined_records where source_table = 'shop.order_lines'"
        " and quarantine_reason in ('unknown order_id', 'its order is quarantined')"
    ).fetchone()[0]
    assert orphans >= 2


def test_order_in_a_currency_without_rate_is_flagged_not_summed(demo_db):
    flagged, amount = demo_db.execute(
        "select is_fx_rate_missing, reporting_amount from marts.fct_activities"
        " where order_id = 'ORD-100251' and activity_type = 'order_placed'"
    ).fetchone()
    assert flagged is True and amount is None
    profile = demo_db.execute(
        "select customer_id from marts.fct_activities where order_id = 'ORD-100251'"
        " and activity_type = 'order_placed'"
    ).fetchone()[0]
    unconverted = demo_db.execute(
        "select unconverted_order_count from marts.customer_measures where customer_id = ?",
        [profile],
    ).fetchone()[0]
    assert unconverted >= 1


def test_email_addresses_in_urls_are_redacted_in_the_marts(demo_db):
    # Scenario 8 of seeds/demo/README.md: the raw URLs of cookie_email_in_url carry
    # pat@example.org / pat+shop@example.org plain, %40-encoded and %2540-encoded.
    with (PROJECT_ROOT / "seeds" / "demo" / "raw_shop__web_events.csv").open(
            newline="", encoding="utf-8") as handle:
        raw_urls = [row["page_url"] + " " + row["referrer_url"] for row in csv.DictReader(handle)
                    if row["cookie_id"] == "cookie_email_in_url"]
    assert len(raw_urls) == 4
    for form in ("pat%40example.org", "pat%2540example.org", "pat@example.org",
                 "pat+shop@example.org"):
        assert any(form in urls for urls in raw_urls), f"the demo seed lost its {form!r} URL"
    shop = "https://www.example-shoes.com"
    activities = demo_db.execute(
        "select page_url, referrer_url from marts.fct_activities where customer_id = ?"
        " order by occurred_at, activity_id",
        [customer_of(demo_db, "cookie_email_in_url", "cookie_id")],
    ).fetchall()
    assert activities == [
        (f"{shop}/?utm_source=newsletter&utm_medium=email&utm_campaign=newsletter_2022_11"
         "&email=[redacted-email]", None),
        (f"{shop}/collections/boots", None),
        (f"{shop}/collections/boots?email=[redacted-email]",
         "https://mail.example.net/redirect?url=https%3A%2F%2Fwww.example-shoes.com"
         "%2Fcollections%2Fboots%3Femail%3D[redacted-email]"),
        (f"{shop}/account/login?email=[redacted-email]#reset",
         "https://forum.example.net/u/[redacted-email]/"),
    ]
