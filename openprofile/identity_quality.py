"""Identity-resolution quality against the generator's ground truth (``openprofile quality``).

"Same person" is judged over pairs of identifiers. The truth comes from
``<generated>/ground_truth/*.parquet`` (see :mod:`openprofile.generate`): the first load and any
later batches added to it, as one union (an identifier listed by several parts is one per
person, linkable when any part makes it linkable; listed under several persons, by one part or
across parts, it is shared); the prediction is
``marts.dim_customer_keys`` of a build of that data (an identifier missing there — rejected or
erased — counts as a profile of its own).

- precision: of the identifier pairs the build put in one profile, the share that belong to one
  person; over every identifier that belongs to exactly one person (shared devices are left out:
  they belong to several people by definition);
- recall: of the pairs of *linkable* identifiers of one person (those the data ties together),
  the share the build put in one profile;
- over-merged persons: persons with an identifier in a profile that also holds another
  person's identifier; split persons: persons whose linkable identifiers are in two or more
  profiles.
"""

from dataclasses import dataclass
from pathlib import Path

import duckdb


@dataclass(frozen=True)
class Quality:
    """Pairwise quality figures; counts are identifier pairs or persons."""

    identifiers: int
    persons: int
    predicted_pairs: int
    true_predicted_pairs: int
    linkable_pairs: int
    found_linkable_pairs: int
    over_merged_persons: int
    split_persons: int

    @property
    def precision(self) -> float:
        """Share of predicted same-profile pairs that are one person (1.0 when none)."""
        return self.true_predicted_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        """Share of linkable same-person pairs put in one profile (1.0 when none)."""
        return self.found_linkable_pairs / self.linkable_pairs if self.linkable_pairs else 1.0


def measure(database: Path, generated: Path) -> Quality:
    """Compare the profiles of ``database`` with the truth in ``generated``.

    Args:
        database: a DuckDB file built from the generated data (``shop_raw_path``).
        generated: the folder ``openprofile generate`` wrote.

    Raises:
        FileNotFoundError: no ground truth under ``generated``.
        ValueError: no identifier of the ground truth is in the database's
            ``marts.dim_customer_keys``: it was not built from these files, and every figure
            would be meaningless (precision 1, recall 0).
    """
    truth_glob = generated / "ground_truth" / "*.parquet"
    if not list((generated / "ground_truth").glob("*.parquet")):
        raise FileNotFoundError(f"no ground truth at {truth_glob}")
    with duckdb.connect(str(database), read_only=True) as connection:
        # the union of the first load and its later batches: an identifier listed again (a
        # returning person's old cookie) is one row per person, linkable if any part says so
        connection.execute(
            "create temp table truth as"
            " select identifier_type, identifier_value, person_id,"
            " bool_or(is_linkable = 'true') as linkable"
            " from read_parquet(?) group by identifier_type, identifier_value, person_id",
            [str(truth_glob)])
        connection.execute("""
            create temp table judged as
            with single_owner as (
                select identifier_type, identifier_value
                from truth group by all having count(distinct person_id) = 1
            )
            select
                truth.person_id,
                truth.linkable,
                coalesce(keys.customer_id,
                         'missing:' || truth.identifier_type || ':' || truth.identifier_value)
                    as customer_id
            from truth
            inner join single_owner using (identifier_type, identifier_value)
            left join marts.dim_customer_keys as keys
                on truth.identifier_type = keys.identifier_type
                and truth.identifier_value = keys.identifier_value
        """)
        judged, found = connection.execute(
            "select count(*), count(*) filter (where customer_id not like 'missing:%')"
            " from judged").fetchone()
        if judged and not found:
            raise ValueError(
                f"none of the {judged:,} identifiers of the ground truth in {generated} is in"
                f" {database.name}'s marts.dim_customer_keys: build that database from these"
                f" files (openprofile build --database {database.name}"
                f" --vars '{{shop_raw_path: {generated.resolve()}}}')")
        row = connection.execute("""
            with cells as (
                select person_id, customer_id, count(*) as n,
                       count(*) filter (where linkable) as n_linkable
                from judged group by all
            ),
            per_customer as (select customer_id, sum(n) as n, count(*) as persons
                             from cells group by all),
            per_person as (select person_id, sum(n_linkable) as n_linkable,
                                  count(*) filter (where n_linkable > 0) as linkable_profiles
                           from cells group by all)
            select
                (select count(*) from judged),
                (select count(distinct person_id) from judged),
                (select coalesce(sum(n * (n - 1) // 2), 0) from per_customer),
                (select coalesce(sum(n * (n - 1) // 2), 0) from cells),
                (select coalesce(sum(n_linkable * (n_linkable - 1) // 2), 0) from per_person),
                (select coalesce(sum(n_linkable * (n_linkable - 1) // 2), 0) from cells),
                (select count(distinct cells.person_id) from cells
                 inner join per_customer using (customer_id) where per_customer.persons > 1),
                (select count(*) from per_person where linkable_profiles > 1)
        """).fetchone()
    return Quality(*(int(value) for value in row))


def markdown(label: str, quality: Quality) -> str:
    """A Markdown table: data | identifiers | persons | precision | recall | over | split."""
    return "\n".join([
        "| data | identifiers | persons | precision | recall | over-merged persons |"
        " split persons |",
        "|---|---:|---:|---:|---:|---:|---:|",
        f"| {label} | {quality.identifiers:,} | {quality.persons:,} | {quality.precision:.4f} |"
        f" {quality.recall:.4f} | {quality.over_merged_persons:,} | {quality.split_persons:,} |",
    ])
